using NotebookRnn.Layers;
using NotebookRnn.Models;
using NotebookRnn.Tensors;

namespace NotebookRnn.Tests.Training;

/// <summary>Fit's arguments besides the data are checked before anything runs, naming the argument and its value.</summary>
public class FitOptionsTests
{
    private static Sequential Classifier(string loss = "sparse_categorical_crossentropy")
    {
        var model = new Sequential(seed: 1);
        model.Add(new Dense(4, activation: "relu", inputShape: [3]));
        model.Add(new Dense(5, activation: "softmax"));
        model.Compile("adam", loss, ["accuracy"]);
        return model;
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-3)]
    public void Batch_size_must_be_positive(int batchSize)
    {
        Sequential model = Classifier();
        var fit = Assert.Throws<ArgumentOutOfRangeException>(() => model.Fit(new Tensor(4, 3), new Tensor(4), batchSize: batchSize, verbose: 0));
        Assert.Equal("batchSize", fit.ParamName);
        Assert.Contains($"got {batchSize}", fit.Message);
        Assert.Equal("batchSize", Assert.Throws<ArgumentOutOfRangeException>(() => model.Predict(new Tensor(4, 3), batchSize)).ParamName);
        Assert.Equal("batchSize", Assert.Throws<ArgumentOutOfRangeException>(() => model.Evaluate(new Tensor(4, 3), new Tensor(4), batchSize)).ParamName);
    }

    [Fact]
    public void Validation_split_outside_zero_to_one_is_rejected()
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => Classifier().Fit(new Tensor(4, 3), new Tensor(4), validationSplit: 1, verbose: 0));
        Assert.Equal("validationSplit", error.ParamName);
    }
}
