namespace NotebookRnn.Tests.Models;

/// <summary>Bad input fails before anything is trained, with the argument, the expected and the actual value.</summary>
public class SequentialValidationTests
{
    private static Sequential Classifier(string loss = "sparse_categorical_crossentropy")
    {
        var model = new Sequential(seed: 1);
        model.Add(new Dense(4, activation: "relu", inputShape: [3]));
        model.Add(new Dense(5, activation: "softmax"));
        model.Compile("adam", loss, ["accuracy"]);
        return model;
    }

    private static float[] Weights(Sequential model) => [.. model.Parameters.SelectMany(p => p.Value.ToArray())];

    [Fact]
    public void Mismatched_sample_counts_name_y_and_both_shapes()
    {
        Sequential model = Classifier();
        float[] before = Weights(model);
        var error = Assert.Throws<ArgumentException>(() => model.Fit(new Tensor(10, 3), new Tensor(9), verbose: 0));
        Assert.Equal("y", error.ParamName);
        Assert.Contains("(10, 3)", error.Message);
        Assert.Contains("(9,)", error.Message);
        Assert.Equal(before, Weights(model));
    }

    [Fact]
    public void Wrong_feature_size_names_x_and_both_shapes()
    {
        var error = Assert.Throws<ArgumentException>(() => Classifier().Fit(new Tensor(10, 4), new Tensor(10), verbose: 0));
        Assert.Equal("x", error.ParamName);
        Assert.Contains("(10, 4)", error.Message);
        Assert.Contains("(None, 3)", error.Message);
    }

    [Fact]
    public void Wrong_target_shape_names_y_and_the_expected_shape()
    {
        var error = Assert.Throws<ArgumentException>(() => Classifier("categorical_crossentropy").Fit(new Tensor(10, 3), new Tensor(10, 4), verbose: 0));
        Assert.Equal("y", error.ParamName);
        Assert.Contains("(None, 5)", error.Message);
        Assert.Contains("(10, 4)", error.Message);
    }

    [Fact]
    public void Unknown_loss_string_names_the_loss_and_the_choices()
    {
        var model = new Sequential([new Dense(2, inputShape: [2])]);
        var error = Assert.Throws<ArgumentException>(() => model.Compile("sgd", "hinge_squared"));
        Assert.Equal("name", error.ParamName);
        Assert.Contains("Loss \"hinge_squared\" not understood", error.Message);
        Assert.Contains("categorical_crossentropy", error.Message);
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

    [Theory]
    [InlineData(5f)]
    [InlineData(-1f)]
    [InlineData(2.5f)]
    public void Sparse_labels_out_of_range_name_y_the_range_and_the_sample(float label)
    {
        Sequential model = Classifier();
        float[] before = Weights(model);
        var y = new Tensor([0f, 1f, label, 3f], 4);
        var error = Assert.Throws<ArgumentException>(() => model.Fit(new Tensor(4, 3), y, verbose: 0));
        Assert.Equal("y", error.ParamName);
        Assert.Contains($"Label {label}", error.Message);
        Assert.Contains("sample 2", error.Message);
        Assert.Contains("[0, 5)", error.Message);
        Assert.Equal(before, Weights(model));
    }

    [Fact]
    public void Fitting_before_compiling_says_what_to_do()
    {
        var model = new Sequential([new Dense(2, inputShape: [2])]);
        var error = Assert.Throws<InvalidOperationException>(() => model.Fit(new Tensor(2, 2), new Tensor(2, 2)));
        Assert.Contains("Compile", error.Message);
    }

    [Fact]
    public void Adding_a_layer_that_cannot_take_the_previous_output_fails_at_add()
    {
        var model = new Sequential([new Dense(3, inputShape: [null, 2])]);
        var error = Assert.Throws<ArgumentException>(() => model.Add(new Flatten()));
        Assert.Contains("(None, 3)", error.Message);
    }

    [Fact]
    public void A_mask_reaching_a_layer_that_cannot_use_it_is_an_error()
    {
        var model = new Sequential([new Embedding(10, 4, maskZero: true, inputLength: 3), new Flatten(), new Dense(1)]);
        var error = Assert.Throws<InvalidOperationException>(() => model.Predict(new int[,] { { 1, 2, 0 } }));
        Assert.Contains("'flatten'", error.Message);
        Assert.Contains("masking", error.Message);
    }

    [Fact]
    public void Validation_split_outside_zero_to_one_is_rejected()
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => Classifier().Fit(new Tensor(4, 3), new Tensor(4), validationSplit: 1, verbose: 0));
        Assert.Equal("validationSplit", error.ParamName);
    }
}
