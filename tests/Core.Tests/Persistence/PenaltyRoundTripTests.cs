using NotebookRnn.Constraints;
using NotebookRnn.Initializers;
using NotebookRnn.Layers;
using NotebookRnn.Layers.Recurrent;
using NotebookRnn.Models;
using NotebookRnn.Optimizers;
using NotebookRnn.Regularizers;
using NotebookRnn.Tensors;

namespace NotebookRnn.Tests.Persistence;

/// <summary>
/// Save → load keeps every initializer, regularizer and constraint argument and the trainable flag: the same
/// configuration, the same predictions, the same penalised loss, and the same next training steps.
/// </summary>
public class PenaltyRoundTripTests
{
    public static TheoryData<string> Names => [.. Models.Keys];

    private static readonly Dictionary<string, Func<(Sequential Model, Tensor X, Tensor Y)>> Models = new()
    {
        ["dense_initializers_regularizers_constraints"] = () => (Model(
            new Dense(4, activation: "tanh", kernelInitializer: new Identity(0.5f), biasInitializer: new Constant(0.1f),
                kernelRegularizer: new L2(0.1), biasRegularizer: new L1(0.02), activityRegularizer: new L1L2(0.01, 0.03),
                kernelConstraint: new MaxNorm(1.5, axis: 0), biasConstraint: new NonNeg(), inputShape: [4]),
            new Dense(3, kernelInitializer: new TruncatedNormal(0, 0.3f, seed: 9), kernelRegularizer: "l1_l2",
                kernelConstraint: new MinMaxNorm(0.1, 0.9, rate: 0.5, axis: 1), biasConstraint: "unit_norm")),
            TestModels.Uniform(1, 6, 4), TestModels.Uniform(2, 6, 3)),
        ["embedding_pretrained_and_frozen"] = () => (Model(
            new Embedding(9, 3, weights: TestModels.Uniform(3, 9, 3), maskZero: true, inputShape: [5]) { Trainable = false },
            new GRU(2), new Dense(2)),
            TestModels.Ids(4, 6, 5, 9), TestModels.Uniform(5, 6, 2)),
        ["embedding_regularized_and_constrained"] = () => (Model(
            new Embedding(9, 2, embeddingsInitializer: new RandomNormal(0, 0.5f, seed: 4), embeddingsRegularizer: new L2(0.2),
                activityRegularizer: "l1", embeddingsConstraint: new UnitNorm(axis: 1), inputShape: [5]),
            new SimpleRNN(2), new Dense(2)),
            TestModels.Ids(6, 6, 5, 9), TestModels.Uniform(7, 6, 2)),
        ["recurrent_regularizers_and_constraints"] = () => (Model(
            new SimpleRNN(3, kernelInitializer: new HeUniform(seed: 1), recurrentInitializer: new Orthogonal(2, seed: 2),
                returnSequences: true, inputShape: [4, 2], kernelRegularizer: new L1(0.01), recurrentRegularizer: new L2(0.02),
                biasRegularizer: "l2", activityRegularizer: new L2(0.05), kernelConstraint: new MaxNorm(1), recurrentConstraint: "non_neg",
                biasConstraint: new MinMaxNorm(0, 0.5)),
            new LSTM(3, kernelInitializer: new LecunNormal(seed: 3), returnSequences: true, recurrentRegularizer: new L1L2(0.01, 0.01),
                biasConstraint: new MaxNorm(0.7)),
            new GRU(2, kernelInitializer: new GlorotNormal(seed: 4), recurrentInitializer: new VarianceScaling(2, FanMode.Average, Distribution.Uniform, seed: 5),
                kernelRegularizer: new OrthogonalRegularizer(0.05, OrthogonalMode.Columns), activityRegularizer: new L1(0.02), recurrentConstraint: new UnitNorm())),
            TestModels.Uniform(6, 5, 4, 2), TestModels.Uniform(7, 5, 2)),
    };

    private static Sequential Model(params Layer[] layers)
    {
        var model = new Sequential(layers, seed: 42);
        model.Compile(optimizer: new SGD(learningRate: 0.3, momentum: 0.5), loss: "mse");
        return model;
    }

    [Theory]
    [MemberData(nameof(Names))]
    public void Every_argument_round_trips_to_identical_predictions_loss_and_training(string name)
    {
        using var folder = new TempFolder();
        var (model, x, y) = Models[name]();
        model.TrainOnBatch(x, y);
        Tensor expected = model.Predict(x).Clone();
        model.Save(folder.File("model.nbrnn"));

        Sequential loaded = Sequential.Load(folder.File("model.nbrnn"));

        TestModels.AssertBitIdentical(expected, loaded.Predict(x), name);
        Assert.Equal(ModelSerializerTests.ConfigText(model), ModelSerializerTests.ConfigText(loaded));
        Assert.Equal(model.Evaluate(x, y)["loss"], loaded.Evaluate(x, y)["loss"]);
        for (int step = 0; step < 2; step++)
        {
            model.TrainOnBatch(x, y);
            loaded.TrainOnBatch(x, y);
        }
        TestModels.AssertSameWeights(model, loaded);
        Assert.Equal(model.Layers.Select(l => l.Trainable), loaded.Layers.Select(l => l.Trainable));
    }
}
