using NotebookRnn.Initializers;
using NotebookRnn.Layers;
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
}
