using NotebookRnn.Layers;
using NotebookRnn.Layers.Recurrent;
using NotebookRnn.Models;
using NotebookRnn.Tensors;

namespace NotebookRnn.Tests.Models;

/// <summary>
/// Data checked against the model before anything is trained (the validation catalogue of the robustness issue): each
/// bad input fails naming the argument, the expected and the actual value. (Unrolling without a fixed time dimension is
/// in UnrollTests, ragged feature sizes in RaggedInputTests, PadSequences maxLen in the sequence toolkit tests.)
/// </summary>
public class ModelInputsTests
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

    private static Sequential ThreeClassClassifier()
    {
        var model = new Sequential(seed: 1);
        model.Add(new Dense(3, activation: "softmax", inputShape: [2]));
        model.Compile("sgd", "sparse_categorical_crossentropy");
        return model;
    }

    [Theory]
    [InlineData(float.NaN)]
    [InlineData(float.PositiveInfinity)]
    public void Non_finite_inputs_are_rejected_with_their_sample_unless_the_check_is_off(float bad)
    {
        Sequential model = ThreeClassClassifier();
        float[] before = Weights(model);
        var x = new Tensor([0f, 1, 2, 3, bad, 5], 3, 2);
        var error = Assert.Throws<ArgumentException>(() => model.Fit(x, new Tensor([0f, 1, 2], 3), verbose: 0));
        Assert.Equal("x", error.ParamName);
        Assert.Contains("sample 2", error.Message);
        Assert.Contains("CheckInputsFinite", error.Message);
        Assert.Equal(before, Weights(model));
        Assert.Equal("x", Assert.Throws<ArgumentException>(() => model.Predict(x)).ParamName);

        model.CheckInputsFinite = false;
        model.Predict(x);
    }

    [Fact]
    public void Non_finite_targets_are_rejected()
    {
        var model = new Sequential([new Dense(1, inputShape: [2])]);
        model.Compile("sgd", "mse");
        var error = Assert.Throws<ArgumentException>(() => model.Fit(new Tensor(2, 2), new Tensor([1f, float.NaN], 2, 1), verbose: 0));
        Assert.Equal("y", error.ParamName);
        Assert.Contains("sample 1", error.Message);
    }

    [Fact]
    public void Empty_datasets_are_rejected_by_fit_and_evaluate()
    {
        Sequential model = ThreeClassClassifier();
        Assert.Contains("at least one training sample", Assert.Throws<ArgumentException>(() => model.Fit(new Tensor(0, 2), new Tensor(0), verbose: 0)).Message);
        Assert.Contains("at least one sample", Assert.Throws<ArgumentException>(() => model.Evaluate(new Tensor(0, 2), new Tensor(0))).Message);
        Assert.Equal([0, 3], model.Predict(new Tensor(0, 2)).Shape);
    }

    [Theory]
    [InlineData(-1)]
    [InlineData(50)]
    public void Token_ids_outside_the_vocabulary_fail_before_any_training(int id)
    {
        var model = new Sequential(seed: 1);
        model.Add(new Embedding(50, 4));
        model.Add(new LSTM(3));
        model.Add(new Dense(1));
        model.Compile("sgd", "mse");
        var x = new Tensor(40, 5);
        x[39, 2] = id;
        float[] before = Weights(model);
        var error = Assert.Throws<ArgumentException>(() => model.Fit(x, new Tensor(40, 1), batchSize: 4, verbose: 0));
        Assert.Equal("x", error.ParamName);
        Assert.Contains("[0, 50)", error.Message);
        Assert.Contains("sample 39, step 2", error.Message);
        Assert.Equal(before, Weights(model));

        int[][] ragged = [[1, 2], [3, id, 4]];
        var raggedError = Assert.Throws<ArgumentException>(() => model.Fit(ragged, new Tensor(2, 1), verbose: 0));
        Assert.Contains("x[1][1]", raggedError.Message);
        Assert.Equal(before, Weights(model));
    }
}
