using NotebookRnn.Initializers;
using NotebookRnn.Layers;
using NotebookRnn.Layers.Recurrent;
using NotebookRnn.Losses;
using NotebookRnn.Models;
using NotebookRnn.Optimizers;
using NotebookRnn.Sequences;
using NotebookRnn.Tensors;

namespace NotebookRnn.Tests.Layers;

public class TimeDistributedTests
{
    private static TimeDistributed Built(Layer inner, params int?[] inputShape)
    {
        var layer = new TimeDistributed(inner);
        layer.Build(inputShape, new RandomGenerator(3));
        return layer;
    }

    [Fact]
    public void Output_equals_the_wrapped_dense_applied_to_each_step()
    {
        var dense = new Dense(3, "tanh", biasInitializer: new RandomUniform(-0.5f, 0.5f));
        TimeDistributed layer = Built(dense, null, 4);
        Tensor x = GradientCheck.Uniform(1, -1, 1, 2, 5, 4);
        Tensor output = layer.Forward(x, null, training: false);
        Assert.Equal([2, 5, 3], output.Shape);
        float[] y = output.ToArray();
        for (int b = 0; b < 2; b++)
            for (int t = 0; t < 5; t++)
            {
                var step = new Tensor(x.Span.Slice((b * 5 + t) * 4, 4).ToArray(), 1, 4);
                float[] expected = dense.Forward(step, null, training: false).ToArray();
                for (int u = 0; u < 3; u++) Assert.Equal(expected[u], y[(b * 5 + t) * 3 + u], 1e-6f);
            }
    }

    [Fact]
    public void Output_shape_keeps_the_step_axis_and_takes_the_rest_from_the_wrapped_layer()
    {
        Assert.Equal([null, 7], Built(new Dense(7), null, 2).OutputShape);
        Assert.Equal([6, 4, 7], Built(new Dense(7), 6, 4, 2).OutputShape);
    }

    [Fact]
    public void Gradients_match_central_differences_for_inputs_and_weights()
    {
        TimeDistributed layer = Built(new Dense(3, "sigmoid", biasInitializer: new RandomUniform(-0.5f, 0.5f)), null, 4);
        GradientCheck.Layer(layer, GradientCheck.Uniform(2, -1, 1, 2, 3, 4));
        Assert.Equal(["kernel", "bias"], layer.Parameters.Select(p => p.Name));
    }

    [Fact]
    public void A_mask_passes_through_unchanged()
    {
        TimeDistributed layer = Built(new Dense(2), null, 3);
        var mask = SequenceMask.FromLengths([2, 1], 2, Padding.Post);
        Tensor x = GradientCheck.Uniform(2, -1, 1, 2, 2, 3);
        Assert.True(layer.SupportsMasking);
        Assert.Same(mask, layer.ComputeOutputMask(x, mask));
        Assert.Equal(layer.Forward(x, null, training: false).ToArray(), layer.Forward(x, mask, training: false).ToArray());
    }

    [Fact]
    public void Summary_counts_the_wrapped_layers_weights()
    {
        var model = new Sequential([new TimeDistributed(new Dense(8), inputShape: [null, 5])]);
        ModelSummary summary = model.Summary();
        Assert.Equal(5 * 8 + 8, summary.Layers[0].Parameters);
        Assert.Equal(48, summary.TotalParameters);
        Assert.Equal("time_distributed", model.Layers[0].Name);
        Assert.Contains("time_distributed (TimeDistributed)", summary.ToString());
        Assert.Contains("(None, None, 8)", summary.ToString());
        Assert.Equal(2, model.Parameters.Count);
    }

    [Fact]
    public void A_model_trains_the_wrapped_weights()
    {
        var model = new Sequential([new TimeDistributed(new Dense(1), inputShape: [3, 2])], seed: 4);
        model.Compile(new SGD(learningRate: 0.1), "mse");
        Tensor x = GradientCheck.Uniform(5, -1, 1, 8, 3, 2);
        var y = new Tensor(8, 3, 1);
        for (int i = 0; i < 24; i++) y.Span[i] = 2 * x.Span[2 * i] - x.Span[2 * i + 1] + 0.5f;
        double before = model.Evaluate(x, y).Loss;
        model.Fit(x, y, batchSize: 8, epochs: 200, verbose: 0);
        Assert.True(model.Evaluate(x, y).Loss < 1e-3 * before, $"loss {before} → {model.Evaluate(x, y).Loss}");
    }

    [Fact]
    public void Config_holds_the_wrapped_layers_class_and_config()
    {
        var layer = new TimeDistributed(new Dense(4, name: "inner"), name: "td");
        var inner = (IReadOnlyDictionary<string, object?>)layer.GetConfig()["layer"]!;
        Assert.Equal("td", layer.GetConfig()["name"]);
        Assert.Equal("Dense", inner["class_name"]);
        Assert.Equal(4, ((IReadOnlyDictionary<string, object?>)inner["config"]!)["units"]);
        Assert.Equal("inner", ((IReadOnlyDictionary<string, object?>)inner["config"]!)["name"]);
    }

    [Fact]
    public void Input_without_a_step_axis_is_rejected_with_its_shape()
    {
        var error = Assert.Throws<ArgumentException>(() => Built(new Dense(2), 4));
        Assert.Equal("inputShape", error.ParamName);
        Assert.Contains("(None, 4)", error.Message);
    }

    // keras/src/layers/rnn/time_distributed_test.py: TimeDistributedTest.test_correctness
    [Fact]
    public void Correctness()
    {
        var dense = new Dense(1, useBias: false);
        TimeDistributed layer = Built(dense, 2, 4);
        dense.Kernel.Value.Span.Fill(0.01f);
        Tensor output = layer.Forward(Recurrent.KerasCase.Arange([3, 2, 4]), null, training: false);
        Recurrent.KerasCase.AssertClose([0.06f, 0.22f, 0.38f, 0.53999996f, 0.7f, 0.86f], output);
    }

    private static ArgumentException MaskError(int batch, int steps)
    {
        TimeDistributed layer = Built(new Dense(5, activation: "softmax"), 5, 3);
        Assert.Equal([4, 5, 5], layer.Forward(new Tensor(4, 5, 3), SequenceMask.FromLengths([5, 5, 5, 5], 5, Padding.Post), false).Shape);
        var error = Assert.Throws<ArgumentException>(() =>
            layer.Forward(new Tensor(4, 5, 3), SequenceMask.FromLengths(new int[batch], steps, Padding.Post), false));
        Assert.Equal("mask", error.ParamName);
        Assert.Contains("The mask passed to TimeDistributed", error.Message);
        Assert.Contains("expected (4, 5)", error.Message);
        return error;
    }

    // keras/src/layers/rnn/time_distributed_test.py: TimeDistributedTest.test_mask_validation_with_mismatched_timesteps
    [Fact]
    public void Mask_validation_with_mismatched_timesteps() => Assert.Contains("(4, 6)", MaskError(4, 6).Message);

    // keras/src/layers/rnn/time_distributed_test.py: TimeDistributedTest.test_mask_validation_with_mismatched_batch_size
    [Fact]
    public void Mask_validation_with_mismatched_batch_size() => Assert.Contains("(5, 5)", MaskError(5, 5).Message);

    // keras/src/layers/rnn/time_distributed_test.py: TimeDistributedTest.test_mask_validation_with_both_batch_and_timesteps_mismatched
    [Fact]
    public void Mask_validation_with_both_batch_and_timesteps_mismatched() => Assert.Contains("(5, 6)", MaskError(5, 6).Message);

    // keras/src/layers/rnn/time_distributed_test.py: TimeDistributedTest.test_mask_validation_with_none_mask
    [Fact]
    public void Mask_validation_with_none_mask() =>
        Assert.Equal([4, 5, 5], Built(new Dense(5, activation: "softmax"), 5, 3).Forward(new Tensor(4, 5, 3), null, false).Shape);

    [Fact]
    public void A_wrapped_recurrent_layer_gets_the_mask_and_never_computes_a_masked_step()
    {
        var lstm = new LSTM(3);
        TimeDistributed layer = Built(lstm, 3, 4, 2);
        Tensor x = GradientCheck.Uniform(6, -1, 1, 2, 3, 4, 2);
        var mask = SequenceMask.FromLengths([2, 3], 3, Padding.Post);
        float[] masked = layer.Forward(x, mask, training: false).ToArray();
        Assert.Equal(6 * 4 - 4, lstm.LastPlan!.ComputedRowSteps);
        float[] unmasked = layer.Forward(x, null, training: false).ToArray();
        for (int row = 0; row < 6; row++)
            for (int u = 0; u < 3; u++)
                Assert.Equal(row == 2 ? 0f : unmasked[row * 3 + u], masked[row * 3 + u], 1e-6f);
    }
}
