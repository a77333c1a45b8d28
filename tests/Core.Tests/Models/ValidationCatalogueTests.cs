namespace NotebookRnn.Tests.Models;

/// <summary>
/// The validation catalogue of the robustness issue: each bad input fails before anything is trained, naming the
/// argument, the expected and the actual value. (Sample-count, feature-size, loss-name, batch-size and label cases
/// are in <see cref="SequentialValidationTests"/>; unrolling without a fixed time dimension in UnrollTests; ragged
/// feature sizes in RaggedInputTests; PadSequences maxLen in the sequence toolkit tests.)
/// </summary>
public class ValidationCatalogueTests
{
    private static float[] Weights(Sequential model) => [.. model.Parameters.SelectMany(p => p.Value.ToArray())];

    private static Sequential Classifier()
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
        Sequential model = Classifier();
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
        Sequential model = Classifier();
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

    [Fact]
    public void Shape_mismatches_between_layers_fail_when_the_layer_is_added()
    {
        var model = new Sequential([new LSTM(4, inputShape: [null, 3])]);
        var error = Assert.Throws<ArgumentException>(() => model.Add(new GRU(2)));
        Assert.Contains("(batch, timesteps, features)", error.Message);
        Assert.Contains("(None, 4)", error.Message);
    }
}
