using NotebookRnn.Data;
using NotebookRnn.Datasets;
using NotebookRnn.Devices;
using NotebookRnn.Layers;
using NotebookRnn.Layers.Recurrent;
using NotebookRnn.Layers.Wrappers;
using NotebookRnn.Losses;
using NotebookRnn.Models;
using NotebookRnn.Optimizers;
using NotebookRnn.Tensors;
using NotebookRnn.Training;

namespace NotebookRnn.Tests.Devices;

/// <summary>Training on several devices: the same weights as one device, per-device records, the stateful-layer rule.</summary>
public class DataParallelExecutorTests
{
    private static Sequential Model(DeviceSet devices, Optimizer optimizer)
    {
        var model = new Sequential(seed: 11);
        model.Add(new Embedding(12, 8));
        model.Add(new LSTM(16));
        model.Add(new Dense(1, activation: "sigmoid"));
        model.Compile(optimizer, "binary_crossentropy", ["accuracy"], devices: devices);
        return model;
    }

    [Fact]
    public void Training_on_one_or_two_devices_gives_the_same_weights_after_100_batches()
    {
        // SGD with momentum: its update is linear in the gradient, so the only difference between the runs is the float
        // rounding of summing two shares instead of one (Adam's g/√v would amplify rounding of near-zero gradients).
        var (x, y) = SequenceClassificationTask.Generate(1600, minLength: 3, maxLength: 30, vocabularySize: 12, seed: 4);
        Sequential one = Model(1, new SGD(0.1, momentum: 0.9)), two = Model(2, new SGD(0.1, momentum: 0.9));
        History h1 = one.Fit(x, y, batchSize: 16, epochs: 1, verbose: 0);
        History h2 = two.Fit(x, y, batchSize: 16, epochs: 1, verbose: 0);
        Assert.Equal(100, h2.Batches.Count);
        Assert.All(h2.Batches, b => Assert.Equal(2, b.Devices.Count));
        float[] a = [.. one.Parameters.SelectMany(p => p.Value.ToArray())], b = [.. two.Parameters.SelectMany(p => p.Value.ToArray())];
        double worst = a.Zip(b, (u, v) => Math.Abs(u - v)).Max();
        Assert.True(worst <= 1e-5, $"largest weight difference {worst:G3}");
        Assert.True(h1.Batches.Zip(h2.Batches).All(p => Math.Abs(p.First.Loss - p.Second.Loss) <= 1e-5));
    }

    [Fact]
    public void Weight_decay_on_two_devices_gives_the_weights_of_one()
    {
        // The decay is applied once per batch to the weight values the replicas share, so every device trains on decayed weights.
        var (x, y) = SequenceClassificationTask.Generate(320, minLength: 3, maxLength: 20, vocabularySize: 12, seed: 6);
        Sequential one = Model(1, new SGD(0.1, momentum: 0.9, weightDecay: 0.05)), two = Model(2, new SGD(0.1, momentum: 0.9, weightDecay: 0.05));
        one.Fit(x, y, batchSize: 16, epochs: 1, verbose: 0);
        two.Fit(x, y, batchSize: 16, epochs: 1, verbose: 0);
        float[] a = [.. one.Parameters.SelectMany(p => p.Value.ToArray())], b = [.. two.Parameters.SelectMany(p => p.Value.ToArray())];
        double worst = a.Zip(b, (u, v) => Math.Abs(u - v)).Max();
        Assert.True(worst <= 1e-5, $"largest weight difference {worst:G3}");
    }

    [Fact]
    public void Replicas_carry_rnn_cells_stacks_and_zero_outputs_to_the_same_weights_as_one_device()
    {
        Sequential Create(DeviceSet devices)
        {
            var model = new Sequential(seed: 12);
            model.Add(new Embedding(12, 4, maskZero: true));
            model.Add(new Bidirectional(new RNN(new StackedRNNCells([new LSTMCell(4), new GRUCell(3)]), returnSequences: true)));
            model.Add(new RNN(new GRUCell(3, recurrentActivation: "hard_sigmoid"), zeroOutputForMask: true));
            model.Add(new Dense(1, activation: "sigmoid"));
            model.Compile(new SGD(0.1, momentum: 0.9), "binary_crossentropy", devices: devices);
            return model;
        }
        var (x, y) = SequenceClassificationTask.Generate(320, minLength: 3, maxLength: 12, vocabularySize: 12, seed: 5);
        Sequential one = Create(1), two = Create(2);
        one.Fit(x, y, batchSize: 32, epochs: 1, verbose: 0);
        two.Fit(x, y, batchSize: 32, epochs: 1, verbose: 0);
        float[] a = [.. one.Parameters.SelectMany(p => p.Value.ToArray())], b = [.. two.Parameters.SelectMany(p => p.Value.ToArray())];
        double worst = a.Zip(b, (u, v) => Math.Abs(u - v)).Max();
        Assert.True(worst <= 1e-5, $"largest weight difference {worst:G3}");
    }

    [Fact]
    public void Per_device_records_add_up_to_the_batch()
    {
        var (x, y) = SequenceClassificationTask.Generate(300, minLength: 3, maxLength: 40, vocabularySize: 12, seed: 5);
        Sequential model = Model(["cpu:0", "cpu(1)"], new Adam());
        History history = model.Fit(x, y, batchSize: 32, epochs: 1, verbose: 0);
        Assert.Equal(["cpu:0", "cpu:1"], history.Devices);
        foreach (BatchRecord batch in history.Batches)
        {
            Assert.Equal(batch.Samples, batch.Devices.Sum(d => d.Samples));
            double weighted = batch.Devices.Where(d => d.Samples > 0).Sum(d => d.Loss * d.Samples) / batch.Samples;
            Assert.Equal(batch.Loss, weighted, 9);
            Assert.All(batch.Devices, d => Assert.True(d.Compute > TimeSpan.Zero && d.Wait >= TimeSpan.Zero));
            int[] tokens = [.. batch.Devices.Select(d => d.RealTokens)];
            Assert.True(tokens.Max() <= 1.1 * tokens.Average() + 40, $"batch {batch.Batch}: {string.Join(", ", tokens)}");
        }
    }

    [Fact]
    public void A_stateful_layer_cannot_train_on_several_devices()
    {
        var model = new Sequential([new LSTM(4, stateful: true, inputShape: [3, 2])]);
        var error = Assert.Throws<ArgumentException>(() => model.Compile("sgd", "mse", devices: 2));
        Assert.Equal("devices", error.ParamName);
        Assert.Contains("stateful", error.Message);
        var wrapped = new Sequential([new Bidirectional(new GRU(4, stateful: true), inputShape: [3, 2])]);
        Assert.Contains("'forward_gru' is stateful", Assert.Throws<ArgumentException>(() => wrapped.Compile("sgd", "mse", devices: 2)).Message);
    }

    [Fact]
    public void Batch_records_count_real_and_padded_tokens_of_masked_batches()
    {
        var model = new Sequential(seed: 1);
        model.Add(new Embedding(5, 3, maskZero: true));
        model.Add(new LSTM(2));
        model.Add(new Dense(1));
        model.Compile("sgd", "mse");
        History history = model.Fit(new int[,] { { 1, 2, 0, 0 }, { 3, 0, 0, 0 } }, new float[,] { { 1 }, { 0 } }, verbose: 0);
        DeviceBatchRecord device = Assert.Single(history.Batches[0].Devices);
        Assert.Equal(("cpu:0", 2, 3, 5), (device.Device, device.Samples, device.RealTokens, device.PaddedTokens));
        Assert.Equal(history.Batches[0].Loss, device.Loss);
    }

    [Fact]
    public void Predict_on_two_devices_gives_the_outputs_of_one_bit_for_bit()
    {
        var (x, y) = SequenceClassificationTask.Generate(203, minLength: 3, maxLength: 30, vocabularySize: 12, seed: 6);
        Sequential one = Model(1, new SGD(0.1)), two = Model(2, new SGD(0.1));
        one.Fit(x, y, batchSize: 16, epochs: 1, verbose: 0, shuffle: false);
        two.SetWeights(one.GetWeights());
        Assert.Equal(one.Predict(x, batchSize: 64).ToArray(), two.Predict(x, batchSize: 64).ToArray());
        Assert.Equal(one.Predict(x, batchSize: 1).ToArray(), two.Predict(x, batchSize: 1).ToArray());
    }

    [Fact]
    public void Predict_on_two_devices_puts_ragged_sequence_outputs_back_in_the_callers_order()
    {
        var random = new RandomGenerator(5);
        int[][] x = [.. Enumerable.Range(0, 37).Select(_ => Enumerable.Range(0, random.NextInt(1, 20)).Select(_ => random.NextInt(1, 12)).ToArray())];
        Sequential one = Tagger(1), two = Tagger(2);
        Assert.Equal(one.Predict(x, batchSize: 10).ToArray(), two.Predict(x, batchSize: 10).ToArray());
    }

    private static Sequential Tagger(DeviceSet devices)
    {
        var model = new Sequential([new Embedding(12, 8), new LSTM(16, returnSequences: true), new Dense(3, activation: "softmax")], seed: 2);
        model.Compile("adam", "sparse_categorical_crossentropy", devices: devices);
        return model;
    }
}
