namespace NotebookRnn.Tests.Models;

public class SequentialTrainingTests
{
    internal static (Tensor X, Tensor Y) Clusters(int samples, int seed, int classes = 10, int features = 20)
    {
        // Seeded Gaussian blobs: class centres drawn once (seed 1234), samples scattered around them with σ = 1.
        var centres = new RandomGenerator(1234);
        var centre = new float[classes, features];
        for (int c = 0; c < classes; c++)
            for (int f = 0; f < features; f++) centre[c, f] = (float)(3 * centres.NextGaussian());
        var random = new RandomGenerator(seed);
        var x = new Tensor(samples, features);
        var y = new Tensor(samples);
        for (int i = 0; i < samples; i++)
        {
            int label = random.NextInt(classes);
            y[i] = label;
            for (int f = 0; f < features; f++) x[i, f] = centre[label, f] + (float)random.NextGaussian();
        }
        return (x, y);
    }

    [Fact]
    public void A_small_mlp_learns_xor_to_full_accuracy()
    {
        var model = new Sequential(seed: 1);
        model.Add(new Dense(8, activation: "tanh", inputShape: [2]));
        model.Add(new Dense(1, activation: "sigmoid"));
        model.Compile(optimizer: new Adam(learningRate: 0.05), loss: "binary_crossentropy", metrics: ["accuracy"]);
        Tensor x = new float[,] { { 0, 0 }, { 0, 1 }, { 1, 0 }, { 1, 1 } };
        Tensor y = new float[,] { { 0 }, { 1 }, { 1 }, { 0 } };
        History history = model.Fit(x, y, batchSize: 4, epochs: 300, verbose: 0);
        Assert.Equal(1.0, model.Evaluate(x, y)["accuracy"]);
        Assert.Equal(1.0, history["accuracy"][^1]);
        Assert.True(history["loss"][^1] < 0.1, $"final loss {history["loss"][^1]}");
        float[] p = model.Predict(x).ToArray();
        Assert.True(p[0] < 0.5 && p[1] > 0.5 && p[2] > 0.5 && p[3] < 0.5, string.Join(", ", p));
    }

    [Fact]
    public void A_seeded_ten_class_problem_reaches_99_percent_on_held_out_data()
    {
        var (x, y) = Clusters(3000, seed: 1);
        var (testX, testY) = Clusters(1000, seed: 2);
        var model = new Sequential(seed: 3);
        model.Add(new Dense(64, activation: "relu", inputShape: [20]));
        model.Add(new Dropout(0.1));
        model.Add(new Dense(10, activation: "softmax"));
        model.Compile(optimizer: "adam", loss: "sparse_categorical_crossentropy", metrics: ["accuracy"]);
        History history = model.Fit(x, y, batchSize: 32, epochs: 8, verbose: 0, validationSplit: 0.1);
        Assert.Equal(["accuracy", "loss", "val_accuracy", "val_loss"], history.Series.Keys.Order());
        double accuracy = model.Evaluate(testX, testY)["accuracy"];
        Assert.True(accuracy >= 0.99, $"held-out accuracy {accuracy:0.0000}");
    }

    [Fact]
    public void The_same_seed_gives_bit_identical_weights_and_curves()
    {
        (float[] Weights, double[] Losses) Run()
        {
            var (x, y) = Clusters(400, seed: 5, classes: 3, features: 4);
            var model = new Sequential(seed: 42);
            model.Add(new Dense(16, activation: "tanh", inputShape: [4]));
            model.Add(new Dropout(0.2));
            model.Add(new Dense(3));
            model.Add(new Activation("softmax"));
            model.Compile(new RMSprop(lr: 0.01), "sparse_categorical_crossentropy");
            History history = model.Fit(x, y, batchSize: 32, epochs: 3, verbose: 0);
            return ([.. model.Parameters.SelectMany(p => p.Value.ToArray())], [.. history.Batches.Select(b => b.Loss)]);
        }
        var first = Run();
        var second = Run();
        Assert.Equal(first.Weights, second.Weights);
        Assert.Equal(first.Losses, second.Losses);
    }

    [Fact]
    public void Global_seed_makes_models_without_their_own_seed_reproducible()
    {
        Seeds.Set(7);
        float[] a = [.. new Sequential([new Dense(3, inputShape: [2])]).Parameters[0].Value.ToArray()];
        Seeds.Set(7);
        float[] b = [.. new Sequential([new Dense(3, inputShape: [2])]).Parameters[0].Value.ToArray()];
        Assert.Equal(a, b);
    }

    [Fact]
    public void History_records_every_batch_with_sizes_and_epoch_means()
    {
        var (x, y) = Clusters(100, seed: 1, classes: 2, features: 3);
        var model = new Sequential(seed: 1);
        model.Add(new Dense(2, activation: "softmax", inputShape: [3]));
        model.Compile("sgd", "sparse_categorical_crossentropy", ["accuracy"]);
        History history = model.Fit(x, y, batchSize: 32, epochs: 2, verbose: 0, shuffle: false);
        Assert.Equal(8, history.Batches.Count);
        Assert.Equal([32, 32, 32, 4], history.Batches.Take(4).Select(b => b.Samples));
        double expected = history.Batches.Take(4).Sum(b => b.Loss * b.Samples) / 100;
        Assert.Equal(expected, history["loss"][0], 10);
        Assert.False(history.Interrupted);
        Assert.Contains("samples/s", history.ToString());
    }

    [Fact]
    public void Train_on_batch_returns_the_loss_before_the_update_and_changes_weights()
    {
        var model = new Sequential(seed: 1);
        model.Add(new Dense(1, inputShape: [2]));
        model.Compile("sgd", "mse");
        Tensor x = new float[,] { { 1, 2 } }, y = new float[,] { { 3 } };
        double before = model.Evaluate(x, y).Loss;
        Assert.Equal(before, model.TrainOnBatch(x, y).Loss, 6);
        Assert.True(model.Evaluate(x, y).Loss < before);
    }

    [Fact]
    public void A_callback_can_stop_training_and_history_says_so()
    {
        var (x, y) = Clusters(64, seed: 1, classes: 2, features: 3);
        var model = new Sequential(seed: 1);
        model.Add(new Dense(2, activation: "softmax", inputShape: [3]));
        model.Compile("sgd", "sparse_categorical_crossentropy");
        var stop = new LambdaCallback(onEpochEnd: (epoch, _) => { if (epoch == 1) stopModel!.StopTraining = true; });
        stopModel = model;
        History history = model.Fit(x, y, epochs: 10, verbose: 0, callbacks: [stop]);
        Assert.Equal(2, history.Epochs.Count);
        Assert.True(history.Interrupted);
    }

    private static Sequential? stopModel;

    [Fact]
    public void Predict_returns_one_row_per_sample_in_order_across_batches()
    {
        var model = new Sequential(seed: 1);
        model.Add(new Dense(2, inputShape: [1], kernelInitializer: "ones"));
        Tensor x = new float[,] { { 1 }, { 2 }, { 3 }, { 4 }, { 5 } };
        Assert.Equal([1f, 1, 2, 2, 3, 3, 4, 4, 5, 5], model.Predict(x, batchSize: 2).ToArray());
    }
}
