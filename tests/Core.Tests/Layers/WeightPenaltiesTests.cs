using NotebookRnn.Constraints;
using NotebookRnn.Datasets;
using NotebookRnn.Devices;
using NotebookRnn.Layers;
using NotebookRnn.Layers.Recurrent;
using NotebookRnn.Layers.Wrappers;
using NotebookRnn.Models;
using NotebookRnn.Optimizers;
using NotebookRnn.Regularizers;
using NotebookRnn.Tensors;

namespace NotebookRnn.Tests.Layers;

/// <summary>
/// Regularizers and constraints in training: penalties join the loss and its gradient, constraints run after each
/// update, and neither depends on the number of devices.
/// </summary>
public class WeightPenaltiesTests
{
    private static Sequential Compiled(Optimizer optimizer, DeviceSet? devices, params Layer[] layers)
    {
        var model = new Sequential(layers, seed: 5);
        model.Compile(optimizer, "mse", devices: devices ?? 1);
        return model;
    }

    private static readonly Tensor X = GradientCheck.Uniform(1, -1, 1, 6, 4), Y = GradientCheck.Uniform(2, -1, 1, 6, 3);

    [Fact]
    public void The_evaluated_loss_adds_the_weight_and_activity_penalties()
    {
        Sequential plain = Compiled(new SGD(0.1), null, new Dense(3, inputShape: [4]));
        Sequential penalised = Compiled(new SGD(0.1), null,
            new Dense(3, kernelRegularizer: new L2(0.1), biasRegularizer: new L1(0.2), activityRegularizer: new L1L2(0.01, 0.02), inputShape: [4]));
        penalised.SetWeights(plain.GetWeights());
        Tensor kernel = plain.GetWeights()[0], bias = plain.GetWeights()[1], y = plain.Predict(X);
        double expected = plain.Evaluate(X, Y)["loss"] + new L2(0.1).Penalty(kernel.Span, kernel.Shape) + new L1(0.2).Penalty(bias.Span, bias.Shape)
            + new L1L2(0.01, 0.02).Penalty(y.Span, y.Shape) / 6;

        Assert.Equal(expected, penalised.Evaluate(X, Y)["loss"], 1e-5);
    }

    [Fact]
    public void One_step_follows_the_gradient_of_the_loss_with_its_penalties()
    {
        Sequential model = Compiled(new SGD(1), null,
            new Dense(5, activation: "tanh", kernelRegularizer: new L2(0.05), activityRegularizer: new L2(0.03), inputShape: [4]),
            new Dense(3, kernelRegularizer: new L2(0.02), biasRegularizer: "l2"));
        AssertOneStepFollowsTheNumericGradient(model, X, Y);
    }

    [Fact]
    public void Constraints_hold_after_every_step()
    {
        Sequential model = Compiled(new SGD(0.5), null,
            new Dense(3, kernelConstraint: new MaxNorm(0.3), biasConstraint: new NonNeg(), inputShape: [4]));
        model.Fit(X, Y, batchSize: 2, epochs: 3, verbose: 0);
        Tensor kernel = model.GetWeights()[0];
        for (int j = 0; j < 3; j++)
            Assert.True(Math.Sqrt(Enumerable.Range(0, 4).Sum(i => (double)kernel[i, j] * kernel[i, j])) <= 0.3 + 1e-6);
        Assert.All(model.GetWeights()[1].ToArray(), b => Assert.True(b >= 0));
    }

    [Fact]
    public void Penalties_and_constraints_give_the_same_weights_on_one_or_two_devices()
    {
        // Per-step outputs with a mask: the loss weight of a device's share is its real steps, not its sample count, so the
        // activity penalty's share must be rescaled once the whole batch's weight is known.
        var (x, labels) = SequenceClassificationTask.Generate(96, minLength: 2, maxLength: 12, vocabularySize: 10, seed: 3);
        var y = new Tensor(96, 12, 1);
        for (int s = 0; s < 96; s++)
            for (int t = 0; t < 12; t++) y[s, t, 0] = labels[s];
        Sequential Train(int devices)
        {
            Sequential model = Compiled(new SGD(0.2, momentum: 0.9), devices,
                new Embedding(10, 6, maskZero: true, embeddingsRegularizer: new L2(0.001), embeddingsConstraint: new UnitNorm(axis: 1)),
                new LSTM(8, returnSequences: true, kernelRegularizer: new L1(0.001), recurrentRegularizer: "l2", activityRegularizer: new L2(0.01),
                    recurrentConstraint: new MaxNorm(1.5)),
                new TimeDistributed(new Dense(1, activation: "sigmoid", kernelRegularizer: new L1(0.01), biasConstraint: new NonNeg())));
            model.Fit(x, y, batchSize: 16, epochs: 2, verbose: 0, shuffle: false);
            return model;
        }
        Sequential one = Train(1), two = Train(2);
        float[] a = [.. one.Parameters.SelectMany(p => p.Value.ToArray())], b = [.. two.Parameters.SelectMany(p => p.Value.ToArray())];
        double worst = a.Zip(b, (u, v) => Math.Abs(u - v)).Max();
        Assert.True(worst <= 1e-5, $"largest weight difference {worst:G3}");
    }

    [Fact]
    public void A_layer_that_is_not_trainable_keeps_its_weights_and_its_penalty_is_no_loss()
    {
        var frozen = new Dense(5, activation: "tanh", kernelRegularizer: new L2(0.1), inputShape: [4]) { Trainable = false };
        Sequential model = Compiled(new SGD(0.5), null, frozen, new Dense(3));
        Sequential unregularized = Compiled(new SGD(0.5), null, new Dense(5, activation: "tanh", inputShape: [4]), new Dense(3));
        unregularized.SetWeights(model.GetWeights());
        Assert.Equal(unregularized.Evaluate(X, Y)["loss"], model.Evaluate(X, Y)["loss"]);
        IReadOnlyList<Tensor> before = model.GetWeights();
        model.Fit(X, Y, batchSize: 3, epochs: 2, verbose: 0);
        IReadOnlyList<Tensor> after = model.GetWeights();
        Assert.Equal(before[0].ToArray(), after[0].ToArray());
        Assert.Equal(before[1].ToArray(), after[1].ToArray());
        Assert.NotEqual(before[2].ToArray(), after[2].ToArray());
        Assert.All(frozen.Parameters, p => Assert.False(p.Trainable));
    }

    private static readonly Tensor Sequences = GradientCheck.Uniform(3, -1, 1, 6, 5, 4);

    // forward: SimpleRNN with an L2 activity penalty; backward: one with an L1 penalty (Keras penalises each inner output).
    private static Bidirectional PenalisedBidirectional(bool returnSequences, bool penalties = true) => new(
        new SimpleRNN(3, returnSequences: returnSequences, activityRegularizer: penalties ? new L2(0.05) : null),
        backwardLayer: new SimpleRNN(3, returnSequences: returnSequences, goBackwards: true, activityRegularizer: penalties ? new L1(0.02) : null),
        inputShape: [5, 4]);

    [Fact]
    public void The_activity_penalties_inside_a_bidirectional_join_the_evaluated_loss()
    {
        Bidirectional plainLayer = PenalisedBidirectional(returnSequences: false, penalties: false);
        Sequential plain = Compiled(new SGD(0.1), null, plainLayer, new Dense(3));
        Sequential penalised = Compiled(new SGD(0.1), null, PenalisedBidirectional(returnSequences: false), new Dense(3));
        penalised.SetWeights(plain.GetWeights());
        var (forward, backward, _) = plainLayer.CallBoth(Sequences);
        double expected = plain.Evaluate(Sequences, Y)["loss"]
            + (new L2(0.05).Penalty(forward.Span, forward.Shape) + new L1(0.02).Penalty(backward.Span, backward.Shape)) / 6;

        Assert.Equal(expected, penalised.Evaluate(Sequences, Y)["loss"], 1e-5);
    }

    [Fact]
    public void One_step_follows_the_gradient_of_the_activity_penalties_inside_a_bidirectional()
    {
        Sequential model = Compiled(new SGD(1), null, PenalisedBidirectional(returnSequences: true), new TimeDistributed(new Dense(2)));
        Tensor y = GradientCheck.Uniform(4, -1, 1, 6, 5, 2);
        AssertOneStepFollowsTheNumericGradient(model, Sequences, y);
    }

    [Fact]
    public void Activity_penalties_inside_a_bidirectional_give_the_same_weights_on_one_or_two_devices()
    {
        var (x, labels) = SequenceClassificationTask.Generate(64, minLength: 2, maxLength: 10, vocabularySize: 10, seed: 4);
        var y = new Tensor(64, 10, 1);
        for (int s = 0; s < 64; s++)
            for (int t = 0; t < 10; t++) y[s, t, 0] = labels[s];
        Sequential Train(int devices)
        {
            Sequential model = Compiled(new SGD(0.2, momentum: 0.9), devices,
                new Embedding(10, 6, maskZero: true),
                new Bidirectional(new LSTM(5, returnSequences: true, activityRegularizer: new L1L2(0.01, 0.02))),
                new TimeDistributed(new Dense(1, activation: "sigmoid")));
            model.Fit(x, y, batchSize: 16, epochs: 2, verbose: 0, shuffle: false);
            return model;
        }
        Sequential one = Train(1), two = Train(2);
        float[] a = [.. one.Parameters.SelectMany(p => p.Value.ToArray())], b = [.. two.Parameters.SelectMany(p => p.Value.ToArray())];
        double worst = a.Zip(b, (u, v) => Math.Abs(u - v)).Max();
        Assert.True(worst <= 1e-5, $"largest weight difference {worst:G3}");
        Sequential unpenalised = Compiled(new SGD(0.2, momentum: 0.9), 1, new Embedding(10, 6, maskZero: true),
            new Bidirectional(new LSTM(5, returnSequences: true)), new TimeDistributed(new Dense(1, activation: "sigmoid")));
        unpenalised.SetWeights(one.GetWeights());
        Assert.True(one.Evaluate(x, y)["loss"] > unpenalised.Evaluate(x, y)["loss"], "the penalties count in the loss");
    }

    // With SGD(1), one TrainOnBatch moves each weight by exactly its gradient of the penalised loss: compare that step
    // with the numeric gradient of Evaluate's loss.
    private static void AssertOneStepFollowsTheNumericGradient(Sequential model, Tensor x, Tensor y)
    {
        IReadOnlyList<Tensor> before = model.GetWeights();
        var numeric = new List<double[]>();
        foreach (Parameter parameter in model.Parameters)
            numeric.Add(GradientCheck.Numeric(parameter.Value.Span, () => model.Evaluate(x, y, batchSize: 6)["loss"]));

        model.TrainOnBatch(x, y);

        for (int p = 0; p < before.Count; p++)
        {
            float[] step = [.. before[p].ToArray().Zip(model.Parameters[p].Value.ToArray(), (b, a) => b - a)];
            GradientCheck.Compare(model.Parameters[p].ToString(), step, numeric[p]);
        }
    }
}
