using System.Text.Json.Nodes;
using NotebookRnn.Layers;
using NotebookRnn.Losses;
using NotebookRnn.Metrics;
using NotebookRnn.Models;
using NotebookRnn.Optimizers;
using NotebookRnn.Persistence;
using NotebookRnn.Tensors;
using NotebookRnn.Training;

namespace NotebookRnn.Tests.Persistence;

/// <summary>Compile settings through save → load: every loss argument comes back and trains the same.</summary>
public class CompileConfigTests
{
    public static TheoryData<string> Losses => [.. Builders.Keys];

    // Each loss with non-default arguments, the output activation it expects and targets for 6 samples of 3 outputs.
    private static readonly Dictionary<string, Func<(Loss Loss, string? Activation, Tensor Y)>> Builders = new()
    {
        ["binary_from_logits_smoothing_sum"] = () => (new BinaryCrossentropy(fromLogits: true, labelSmoothing: 0.1, reduction: "sum", name: "my_bce"),
            null, new Tensor([1, 0, 1, 0, 0, 1, 1, 1, 0, 0, 1, 0, 1, 0, 0, 0, 1, 1], 6, 3)),
        ["categorical_smoothing_mean_with_sample_weight"] = () => (new CategoricalCrossentropy(labelSmoothing: 0.2, reduction: "mean_with_sample_weight"),
            "softmax", new Tensor([1, 0, 0, 0, 1, 0, 0, 0, 1, 1, 0, 0, 0, 1, 0, 0, 0, 1], 6, 3)),
        ["categorical_from_logits_axis"] = () => (new CategoricalCrossentropy(fromLogits: true, axis: 1), null,
            new Tensor([0, 1, 0, 0, 0, 1, 1, 0, 0, 0, 1, 0, 0, 0, 1, 1, 0, 0], 6, 3)),
        ["sparse_from_logits_ignore_class"] = () => (new SparseCategoricalCrossentropy(fromLogits: true, ignoreClass: 2, reduction: "sum"), null,
            new float[] { 0, 1, 2, 1, 0, 2 }),
        ["mae_mean"] = () => (new MeanAbsoluteError(reduction: "mean"), "tanh", GradientCheck.Uniform(3, -1, 1, 6, 3)),
        ["huber_delta"] = () => (new Huber(delta: 0.3, name: "h"), null, GradientCheck.Uniform(4, -1, 1, 6, 3)),
        ["mse_sum"] = () => (new MeanSquaredError(reduction: LossReduction.Sum), null, GradientCheck.Uniform(5, -1, 1, 6, 3)),
    };

    [Theory]
    [MemberData(nameof(Losses))]
    public void Loss_arguments_round_trip_to_identical_predictions_losses_and_next_step(string name)
    {
        using var folder = new TempFolder();
        var (loss, activation, y) = Builders[name]();
        var model = new Sequential([new Dense(3, activation: activation, inputShape: [4])], seed: 7);
        model.Compile(new Adam(learningRate: 0.01), loss);
        Tensor x = GradientCheck.Uniform(2, -1, 1, 6, 4);
        float[] weights = [1, 2, 0.5f, 1, 3, 1];
        model.Fit(x, y, batchSize: 3, epochs: 1, verbose: 0, shuffle: false, sampleWeight: new Tensor(weights, 6));
        model.Save(folder.File("model.nbrnn"));

        Sequential loaded = Sequential.Load(folder.File("model.nbrnn"));

        Assert.IsType(loss.GetType(), loaded.Loss);
        Assert.Equal(loss.GetConfig(), loaded.Loss!.GetConfig());
        TestModels.AssertBitIdentical(model.Predict(x).Clone(), loaded.Predict(x), name);
        Assert.Equal(model.Evaluate(x, y, sampleWeight: new Tensor(weights, 6)).Loss, loaded.Evaluate(x, y, sampleWeight: new Tensor(weights, 6)).Loss);
        Assert.Equal(model.TrainOnBatch(x, y).Loss, loaded.TrainOnBatch(x, y).Loss);
        TestModels.AssertBitIdentical(model.Predict(x).Clone(), loaded.Predict(x), name + " after a step");
    }

    [Fact]
    public void Weighted_metrics_come_back_weighted_under_their_names()
    {
        using var folder = new TempFolder();
        var model = new Sequential([new Dense(1, activation: "sigmoid", inputShape: [4])], seed: 7);
        model.Compile("adam", "binary_crossentropy", ["accuracy"], weightedMetrics: ["accuracy", new BinaryAccuracy(0.7f, "strict")]);
        model.Save(folder.File("model.nbrnn"));

        Sequential loaded = Sequential.Load(folder.File("model.nbrnn"));

        Tensor x = GradientCheck.Uniform(2, -1, 1, 6, 4), y = new float[] { 1, 0, 1, 1, 0, 0 }, weights = new float[] { 1, 3, 0.5f, 2, 1, 0 };
        EvaluationResult expected = model.Evaluate(x, y, sampleWeight: weights), actual = loaded.Evaluate(x, y, sampleWeight: weights);
        Assert.Equal(expected, actual);
        Assert.Equal(["loss", "accuracy", "weighted_accuracy", "strict"], actual.Keys.ToArray());
        Assert.NotEqual(actual["accuracy"], actual["weighted_accuracy"]);
    }

    [Fact]
    public void A_loss_config_with_an_unknown_reduction_is_refused_naming_the_choices()
    {
        using var folder = new TempFolder();
        var model = new Sequential([new Dense(2, inputShape: [3])], seed: 1);
        model.Compile("sgd", new MeanSquaredError(reduction: "sum"));
        model.Save(folder.File("model.nbrnn"));
        SavedFile file = SavedFile.Read(folder.File("model.nbrnn"));
        JsonNode config = file.Model;
        config["compile"]!["loss"]!["config"]!["reduction"] = "average";
        file.Model = config;
        file.Write(folder.File("edited.nbrnn"), fixChecksums: true);

        var error = Assert.Throws<ModelFormatException>(() => Sequential.Load(folder.File("edited.nbrnn")));
        Assert.Contains("sum_over_batch_size", error.Message);
    }
}
