using Xunit.Abstractions;
using NotebookRnn.Layers;
using NotebookRnn.Layers.Recurrent;
using NotebookRnn.Losses;
using NotebookRnn.Models;
using NotebookRnn.Optimizers;
using NotebookRnn.Tensors;
using NotebookRnn.Training;

namespace NotebookRnn.Tests.Models;

/// <summary><c>Fit</c> and <c>Evaluate</c> with Keras's <c>sampleWeight</c> and <c>classWeight</c>.</summary>
public class SampleWeightTests(ITestOutputHelper output)
{
    // Two overlapping Gaussian blobs in 2-D: class 0 around (0, 0), the rare class 1 around (1.2, 1.2), both σ = 1.
    private static (Tensor X, Tensor Y) Blobs(int samples, double minorityShare, long seed)
    {
        var random = new RandomGenerator(seed);
        var x = new Tensor(samples, 2);
        var y = new Tensor(samples);
        for (int i = 0; i < samples; i++)
        {
            bool minority = random.NextDouble() < minorityShare;
            y[i] = minority ? 1 : 0;
            for (int f = 0; f < 2; f++) x[i, f] = (float)((minority ? 1.2 : 0) + random.NextGaussian());
        }
        return (x, y);
    }

    private static Sequential Classifier(long seed = 3)
    {
        var model = new Sequential([new Dense(1, activation: "sigmoid", inputShape: [2])], seed: seed);
        model.Compile(new Adam(learningRate: 0.05), "binary_crossentropy", ["accuracy"]);
        return model;
    }

    private static double MinorityRecall(Sequential model, Tensor x, Tensor y)
    {
        Tensor p = model.Predict(x, batchSize: 256);
        int minority = 0, found = 0;
        for (int i = 0; i < y.Length; i++)
        {
            if (y.Span[i] != 1) continue;
            minority++;
            if (p.Span[i] > 0.5f) found++;
        }
        return (double)found / minority;
    }

    [Fact]
    public void Class_weights_raise_the_recall_of_a_rare_class_over_the_unweighted_run()
    {
        var (x, y) = Blobs(2000, 0.05, seed: 17);
        var (testX, testY) = Blobs(4000, 0.10, seed: 18);
        Sequential unweighted = Classifier(), weighted = Classifier();
        unweighted.Fit(x, y, batchSize: 64, epochs: 20, verbose: 0);
        weighted.Fit(x, y, batchSize: 64, epochs: 20, verbose: 0, classWeight: new Dictionary<int, double> { [0] = 1, [1] = 19 });

        double before = MinorityRecall(unweighted, testX, testY), after = MinorityRecall(weighted, testX, testY);
        output.WriteLine($"minority recall: unweighted {before:F3}, class-weighted {after:F3}");
        Assert.True(before < 0.4, $"unweighted minority recall {before:F3}: the unweighted run should mostly predict the majority class");
        Assert.True(after > 0.7, $"class-weighted minority recall {after:F3}");
        Assert.True(after - before > 0.3, $"class weights raised minority recall only from {before:F3} to {after:F3}");
    }

    [Fact]
    public void Class_weights_train_exactly_as_the_sample_weights_they_stand_for()
    {
        var (x, y) = Blobs(300, 0.2, seed: 5);
        var perSample = new Tensor([.. y.ToArray().Select(label => label == 1 ? 4f : 0.5f)], 300);
        Sequential byClass = Classifier(), bySample = Classifier();
        History a = byClass.Fit(x, y, batchSize: 32, epochs: 2, verbose: 0, classWeight: new Dictionary<int, double> { [0] = 0.5, [1] = 4 });
        History b = bySample.Fit(x, y, batchSize: 32, epochs: 2, verbose: 0, sampleWeight: perSample);
        Assert.Equal(a.Batches.Select(r => r.Loss), b.Batches.Select(r => r.Loss));
        Assert.Equal(byClass.Parameters.SelectMany(p => p.Value.ToArray()), bySample.Parameters.SelectMany(p => p.Value.ToArray()));
    }

    [Fact]
    public void Weights_of_one_train_bit_identically_to_no_weights()
    {
        var (x, y) = Blobs(200, 0.3, seed: 6);
        Sequential plain = Classifier(), ones = Classifier();
        plain.Fit(x, y, batchSize: 32, epochs: 2, verbose: 0);
        ones.Fit(x, y, batchSize: 32, epochs: 2, verbose: 0, sampleWeight: new Tensor([.. Enumerable.Repeat(1f, 200)], 200, 1));
        Assert.Equal(plain.Parameters.SelectMany(p => p.Value.ToArray()), ones.Parameters.SelectMany(p => p.Value.ToArray()));
    }

    [Fact]
    public void TrainOnBatch_takes_the_weights_fit_takes()
    {
        var (x, y) = Blobs(16, 0.5, seed: 11);
        Tensor weights = GradientCheck.Uniform(12, 0.5f, 2, 16);
        Sequential fitted = Classifier(), stepped = Classifier();
        fitted.Fit(x, y, batchSize: 16, epochs: 1, verbose: 0, shuffle: false, sampleWeight: weights);
        stepped.TrainOnBatch(x, y, sampleWeight: weights);
        Assert.Equal(fitted.Parameters.SelectMany(p => p.Value.ToArray()), stepped.Parameters.SelectMany(p => p.Value.ToArray()));
    }

    [Fact]
    public void Evaluate_weights_the_loss_as_keras_sum_over_batch_size_does()
    {
        var (x, y) = Blobs(10, 0.5, seed: 7);
        Sequential model = Classifier();
        float[] weights = [1, 2, 0, 1, 3, 1, 0.5f, 1, 1, 2];
        double expected = new BinaryCrossentropy().Compute(model.Predict(x), y.Reshape(10, 1), weights);
        Assert.Equal(expected, model.Evaluate(x, y, batchSize: 10, sampleWeight: new Tensor(weights, 10)).Loss, 1e-6);
    }

    [Fact]
    public void Per_step_weights_weigh_each_step_of_a_sequence_output()
    {
        var model = new Sequential([new SimpleRNN(2, returnSequences: true, inputShape: [3, 1])], seed: 2);
        model.Compile("sgd", "mse");
        Tensor x = GradientCheck.Uniform(1, -1, 1, 4, 3, 1), y = GradientCheck.Uniform(2, -1, 1, 4, 3, 2);
        float[] steps = [1, 0, 2, 1, 1, 1, 0, 0, 3, 2, 1, 0];
        double expected = new MeanSquaredError().Compute(model.Predict(x), y, steps);
        Assert.Equal(expected, model.Evaluate(x, y, sampleWeight: new Tensor(steps, 4, 3)).Loss, 1e-6);
    }

    [Fact]
    public void Two_devices_train_weighted_batches_to_the_weights_of_one()
    {
        var (x, y) = Blobs(256, 0.3, seed: 8);
        var weights = GradientCheck.Uniform(9, 0.1f, 3, 256);
        foreach (LossReduction reduction in new[] { LossReduction.SumOverBatchSize, LossReduction.Sum, LossReduction.MeanWithSampleWeight })
        {
            var one = new Sequential([new Dense(1, activation: "sigmoid", inputShape: [2])], seed: 3);
            var two = new Sequential([new Dense(1, activation: "sigmoid", inputShape: [2])], seed: 3);
            one.Compile(new SGD(0.05), new BinaryCrossentropy(reduction: reduction), devices: 1);
            two.Compile(new SGD(0.05), new BinaryCrossentropy(reduction: reduction), devices: 2);
            History h1 = one.Fit(x, y, batchSize: 32, epochs: 2, verbose: 0, shuffle: false, sampleWeight: weights);
            History h2 = two.Fit(x, y, batchSize: 32, epochs: 2, verbose: 0, shuffle: false, sampleWeight: weights);
            float[] a = [.. one.Parameters.SelectMany(p => p.Value.ToArray())], b = [.. two.Parameters.SelectMany(p => p.Value.ToArray())];
            Assert.True(a.Zip(b, (u, v) => Math.Abs(u - v)).Max() <= 1e-5, $"{reduction}: weights differ");
            Assert.True(h1.Batches.Zip(h2.Batches).All(p => Math.Abs(p.First.Loss - p.Second.Loss) <= 1e-5), $"{reduction}: losses differ");
        }
    }

    [Fact]
    public void Ragged_sequences_take_per_sample_weights()
    {
        var model = new Sequential([new Embedding(10, 3, maskZero: true), new GRU(2), new Dense(1, activation: "sigmoid")], seed: 4);
        model.Compile("adam", "binary_crossentropy");
        int[][] x = [[1, 2, 3], [4], [5, 6], [7, 8, 9, 1]];
        Tensor y = new float[] { 1, 0, 1, 0 };
        float[] weights = [2, 1, 0, 3];
        double expected = new BinaryCrossentropy().Compute(model.Predict(x), y.Reshape(4, 1), weights);
        Assert.Equal(expected, model.Evaluate(x, y, batchSize: 4, sampleWeight: new Tensor(weights, 4)).Loss, 1e-6);
        Assert.Equal(4, model.Fit(x, y, batchSize: 2, epochs: 2, verbose: 0, sampleWeight: new Tensor(weights, 4)).Batches.Count);
    }

    [Fact]
    public void Weighted_metrics_weigh_rows_by_the_sample_weights_and_take_a_weighted_prefix_beside_the_same_metric()
    {
        var (x, y) = Blobs(40, 0.5, seed: 12);
        var model = new Sequential([new Dense(1, activation: "sigmoid", inputShape: [2])], seed: 3);
        model.Compile(new Adam(learningRate: 0.05), "binary_crossentropy", ["accuracy"], weightedMetrics: ["accuracy"]);
        Tensor weights = GradientCheck.Uniform(13, 0, 3, 40);
        EvaluationResult result = model.Evaluate(x, y, batchSize: 16, sampleWeight: weights);
        Tensor p = model.Predict(x);
        double hits = 0, weightedHits = 0, weightSum = 0;
        for (int i = 0; i < 40; i++)
        {
            double hit = (p.Span[i] > 0.5f ? 1 : 0) == y.Span[i] ? 1 : 0;
            (hits, weightedHits, weightSum) = (hits + hit, weightedHits + weights.Span[i] * hit, weightSum + weights.Span[i]);
        }
        Assert.Equal(hits / 40, result["accuracy"], 1e-9);
        Assert.Equal(weightedHits / weightSum, result["weighted_accuracy"], 1e-6);
        Assert.Contains("weighted_accuracy", model.Fit(x, y, verbose: 0, sampleWeight: weights).Epochs[0].Metrics.Keys);
    }

    [Fact]
    public void Sample_and_class_weights_together_are_refused_as_keras_refuses_them()
    {
        var (x, y) = Blobs(20, 0.5, seed: 9);
        var error = Assert.Throws<ArgumentException>(() => Classifier().Fit(x, y, verbose: 0, sampleWeight: new Tensor(20),
            classWeight: new Dictionary<int, double> { [1] = 2 }));
        Assert.Equal("classWeight", error.ParamName);
    }

    [Fact]
    public void Sample_weights_of_the_wrong_shape_are_refused_naming_the_shapes_that_fit()
    {
        var (x, y) = Blobs(20, 0.5, seed: 10);
        var error = Assert.Throws<ArgumentException>(() => Classifier().Fit(x, y, verbose: 0, sampleWeight: new Tensor(19)));
        Assert.Equal("sampleWeight", error.ParamName);
        Assert.Contains("(19,)", error.Message);
        Assert.Contains("(20,)", error.Message);
    }

    [Fact]
    public void Class_weights_for_per_step_targets_are_refused_pointing_to_sample_weights()
    {
        var model = new Sequential([new SimpleRNN(2, returnSequences: true, inputShape: [3, 1])], seed: 2);
        model.Compile("sgd", "sparse_categorical_crossentropy");
        var error = Assert.Throws<ArgumentException>(() => model.Fit(GradientCheck.Uniform(1, -1, 1, 4, 3, 1), new Tensor(4, 3), verbose: 0,
            classWeight: new Dictionary<int, double> { [1] = 2 }));
        Assert.Equal("classWeight", error.ParamName);
        Assert.Contains("sampleWeight of shape (4, 3)", error.Message);
    }

    [Fact]
    public void A_loss_without_reduction_is_refused_at_compile()
    {
        var error = Assert.Throws<ArgumentException>(() => Classifier().Compile("sgd", new BinaryCrossentropy(reduction: "none")));
        Assert.Equal("loss", error.ParamName);
    }
}
