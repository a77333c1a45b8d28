using NotebookRnn.Layers;
using NotebookRnn.Models;

namespace NotebookRnn.Tests.Models;

public class SummaryTests
{
    [Fact]
    public void Summary_lists_layers_shapes_and_keras_parameter_counts()
    {
        var model = new Sequential();
        model.Add(new Embedding(1000, 64, inputLength: 10));
        model.Add(new Flatten());
        model.Add(new Dense(32, activation: "relu"));
        model.Add(new Dense(1, activation: "sigmoid"));
        ModelSummary summary = model.Summary();
        Assert.Equal(["embedding", "flatten", "dense", "dense_1"], summary.Layers.Select(l => l.Name));
        Assert.Equal([64_000, 0, 640 * 32 + 32, 33], summary.Layers.Select(l => l.Parameters));
        Assert.Equal(64_000 + 20_512 + 33, summary.TotalParameters);
        string text = summary.ToString();
        Assert.Contains("Model: \"sequential\"", text);
        Assert.Contains("dense_1 (Dense)", text);
        Assert.Contains("(None, 10, 64)", text);
        Assert.Contains("Total params: 84,545", text);
        Assert.Contains("Non-trainable params: 0", text);
    }
}
