using NotebookRnn.Layers;
using NotebookRnn.Layers.Recurrent;
using NotebookRnn.Models;
using NotebookRnn.Optimizers;
using NotebookRnn.Tensors;

namespace NotebookRnn.Tests.Models;

/// <summary><c>Fit</c>'s <c>validationData</c> as Keras's <c>validation_data</c>: <c>(x, y)</c> or <c>(x, y, sampleWeight)</c>.</summary>
public class ValidationDataTests
{
    private static Sequential Classifier()
    {
        var model = new Sequential([new Dense(1, activation: "sigmoid", inputShape: [2])], seed: 5);
        model.Compile(new SGD(learningRate: 0.1), "binary_crossentropy", weightedMetrics: ["accuracy"]);
        return model;
    }

    private static Tensor Labels(int seed, int samples)
    {
        Tensor y = GradientCheck.Uniform(seed, 0, 1, samples);
        for (int i = 0; i < samples; i++) y.Span[i] = y.Span[i] > 0.5f ? 1 : 0;
        return y;
    }

    // −Σ wᵢ (yᵢ log pᵢ + (1 − yᵢ) log(1 − pᵢ)) / N, the loss Keras reports for sum_over_batch_size.
    private static double WeightedCrossentropy(Tensor p, Tensor y, float[] weights)
    {
        double sum = 0;
        for (int i = 0; i < weights.Length; i++)
            sum -= weights[i] * (y.Span[i] * Math.Log(p.Span[i]) + (1 - y.Span[i]) * Math.Log(1 - p.Span[i]));
        return sum / weights.Length;
    }

    [Fact]
    public void Dense_validation_weights_weigh_the_validation_loss_and_the_weighted_metrics()
    {
        Tensor x = GradientCheck.Uniform(1, -1, 1, 12, 2), y = Labels(2, 12);
        Tensor xVal = GradientCheck.Uniform(3, -1, 1, 10, 2), yVal = Labels(4, 10);
        float[] weights = [0, 1, 2, 3, 0.5f, 1, 4, 0, 2, 1];
        Sequential model = Classifier();

        var logs = model.Fit(x, y, batchSize: 4, verbose: 0, validationData: (xVal, yVal, new Tensor(weights, 10))).Epochs[0].Metrics;

        Tensor p = model.Predict(xVal);
        double weightedHits = Enumerable.Range(0, 10).Sum(i => (p.Span[i] > 0.5f ? 1 : 0) == yVal.Span[i] ? weights[i] : 0);
        Assert.Equal(WeightedCrossentropy(p, yVal, weights), logs["val_loss"], 1e-6);
        Assert.Equal(weightedHits / weights.Sum(), logs["val_accuracy"], 1e-6);
    }

    [Fact]
    public void Validation_data_without_weights_weighs_every_sample_one()
    {
        Tensor x = GradientCheck.Uniform(5, -1, 1, 8, 2), y = Labels(6, 8);
        Tensor xVal = GradientCheck.Uniform(7, -1, 1, 6, 2), yVal = Labels(8, 6);
        Sequential model = Classifier();

        var logs = model.Fit(x, y, verbose: 0, validationData: (xVal, yVal)).Epochs[0].Metrics;

        Assert.Equal(WeightedCrossentropy(model.Predict(xVal), yVal, [1, 1, 1, 1, 1, 1]), logs["val_loss"], 1e-6);
    }

    [Fact]
    public void Ragged_vector_validation_weights_weigh_the_validation_loss()
    {
        float[][][] x = [[[1, 0], [0, 1]], [[0.5f, 0.5f]], [[1, 1], [0, 0], [1, 0]]];
        float[][][] xVal = [[[0, 1]], [[1, 0], [1, 1], [0, 1]], [[0.2f, 0.4f], [0.6f, 0.8f]], []];
        Tensor y = new float[] { 0.5f, -0.5f, 1 }, yVal = new float[] { 1, -1, 0.25f, 0.5f };
        float[] weights = [2, 0, 1, 3];
        var model = new Sequential([new GRU(3), new Dense(1)], seed: 6);
        model.Compile("sgd", "mse");

        var logs = model.Fit(x, y, batchSize: 2, verbose: 0, validationData: (xVal, yVal, new Tensor(weights, 4))).Epochs[0].Metrics;

        Tensor p = model.Predict(xVal);
        double expected = Enumerable.Range(0, 4).Sum(i => weights[i] * Math.Pow(p.Span[i] - yVal.Span[i], 2)) / 4;
        Assert.Equal(expected, logs["val_loss"], 1e-6);
    }

    [Fact]
    public void Ragged_token_validation_weights_weigh_the_validation_loss()
    {
        int[][] x = [[1, 2, 3], [4], [5, 6]], xVal = [[7, 8], [9], [1, 2, 3, 4], [5]];
        Tensor y = new float[] { 1, 0, 1 }, yVal = new float[] { 0, 1, 1, 0 };
        float[] weights = [1, 3, 0.5f, 2];
        var model = new Sequential([new Embedding(10, 3, maskZero: true), new GRU(2), new Dense(1, activation: "sigmoid")], seed: 4);
        model.Compile("adam", "binary_crossentropy");

        var logs = model.Fit(x, y, batchSize: 2, verbose: 0, validationData: (xVal, yVal, new Tensor(weights, 4))).Epochs[0].Metrics;

        Assert.Equal(WeightedCrossentropy(model.Predict(xVal), yVal, weights), logs["val_loss"], 1e-5);
    }

    [Fact]
    public void Validation_weights_of_the_wrong_length_are_refused_naming_the_expected_and_actual_length()
    {
        Tensor x = GradientCheck.Uniform(9, -1, 1, 8, 2), y = Labels(10, 8);
        Tensor xVal = GradientCheck.Uniform(11, -1, 1, 10, 2), yVal = Labels(12, 10);

        var error = Assert.Throws<ArgumentException>(() => Classifier().Fit(x, y, verbose: 0, validationData: (xVal, yVal, new Tensor(9))));

        Assert.Equal("validationData.SampleWeight", error.ParamName);
        Assert.StartsWith("validationData.SampleWeight has shape (9,)", error.Message);
        Assert.Contains("expected (10,)", error.Message);
    }

    [Fact]
    public void Ragged_validation_weights_of_the_wrong_length_are_refused_before_training()
    {
        int[][] x = [[1, 2], [3]], xVal = [[4], [5, 6], [7]];
        var model = new Sequential([new Embedding(10, 2), new GRU(2), new Dense(1)], seed: 1);
        model.Compile("sgd", "mse");
        var error = Assert.Throws<ArgumentException>(() =>
            model.Fit(x, new float[] { 1, 0 }, verbose: 0, validationData: (xVal, new float[] { 0, 1, 0 }, new Tensor(2))));
        Assert.Equal("validationData.SampleWeight", error.ParamName);
        Assert.Contains("(2,)", error.Message);
        Assert.Contains("expected (3,)", error.Message);
    }
}
