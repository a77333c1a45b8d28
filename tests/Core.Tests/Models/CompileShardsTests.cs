using NotebookRnn.Datasets;
using NotebookRnn.Distributed;
using NotebookRnn.Layers;
using NotebookRnn.Layers.Recurrent;
using NotebookRnn.Models;
using NotebookRnn.Training;

namespace NotebookRnn.Tests.Models;

/// <summary><c>Compile(…, world:, shards:)</c> in a world of one process; several processes are tested under mpirun (tests/Distributed.Tests).</summary>
public class CompileShardsTests
{
    private static Sequential Model(float dropout = 0.2f)
    {
        var model = new Sequential(seed: 21);
        model.Add(new Embedding(12, 6, maskZero: true));
        model.Add(new LSTM(8, dropout: dropout));
        model.Add(new Dense(1, activation: "sigmoid"));
        return model;
    }

    [Fact]
    public void Shards_in_a_world_of_one_are_that_many_devices_bit_for_bit()
    {
        var (x, y) = SequenceClassificationTask.Generate(96, minLength: 2, maxLength: 15, vocabularySize: 12, seed: 3);
        Sequential sharded = Model(), devices = Model();
        sharded.Compile("adam", "binary_crossentropy", ["accuracy"], world: MpiWorld.Join(), shards: 3);
        devices.Compile("adam", "binary_crossentropy", ["accuracy"], devices: 3);
        History a = sharded.Fit(x, y, batchSize: 16, epochs: 2, verbose: 0), b = devices.Fit(x, y, batchSize: 16, epochs: 2, verbose: 0);

        Assert.Same(MpiWorld.Local, sharded.World);
        Assert.Equal((3, 3), (sharded.Shards, sharded.Devices.Count));
        Assert.Equal(["cpu:0", "cpu:1", "cpu:2"], a.Devices);
        Assert.All(a.Batches, batch => Assert.Equal(3, batch.Devices.Count));
        Assert.Equal(b.Batches.Select(r => r.Loss), a.Batches.Select(r => r.Loss));
        Assert.Equal(b["accuracy"], a["accuracy"]);
        Assert.Equal(devices.Parameters.SelectMany(p => p.Value.ToArray()).Select(BitConverter.SingleToInt32Bits),
            sharded.Parameters.SelectMany(p => p.Value.ToArray()).Select(BitConverter.SingleToInt32Bits));
    }

    [Fact]
    public void Metrics_summed_shard_by_shard_equal_one_device_s()
    {
        var (x, y) = SequenceClassificationTask.Generate(64, minLength: 2, maxLength: 9, vocabularySize: 12, seed: 8);
        // No dropout: each device draws its own masks, so one device and four would see other activations.
        Sequential one = Model(dropout: 0), four = Model(dropout: 0);
        one.Compile("sgd", "binary_crossentropy", ["accuracy"]);
        four.Compile("sgd", "binary_crossentropy", ["accuracy"], shards: 4);
        History a = one.Fit(x, y, batchSize: 64, epochs: 1, verbose: 0), b = four.Fit(x, y, batchSize: 64, epochs: 1, verbose: 0);
        Assert.Equal(4, b.Batches[0].Devices.Count);
        Assert.Equal(a["accuracy"], b["accuracy"]);
        Assert.Equal(a["loss"][0], b["loss"][0], 6);
    }

    [Fact]
    public void Wrong_shard_settings_name_the_argument()
    {
        Assert.Equal("shards", Assert.Throws<ArgumentOutOfRangeException>(() => Model().Compile("sgd", "mse", shards: 0)).ParamName);
        var error = Assert.Throws<ArgumentException>(() => Model().Compile("sgd", "mse", devices: 2, shards: 4));
        Assert.Equal("devices", error.ParamName);
        Assert.Contains("computes 4 of the 4 shards, one per device, so devices must list 4; got 2", error.Message);
        var stateful = new Sequential([new LSTM(4, stateful: true, inputShape: [3, 2])]);
        var splitting = Assert.Throws<ArgumentException>(() => stateful.Compile("sgd", "mse", shards: 2));
        Assert.Equal("shards", splitting.ParamName);
        Assert.Contains("stateful", splitting.Message);
    }

    [Fact]
    public void Outside_mpirun_the_world_is_this_process_alone()
    {
        MpiWorld world = MpiWorld.Join();
        Assert.False(MpiWorld.LaunchedByMpirun);
        Assert.Same(MpiWorld.Local, world);
        Assert.Equal((0, 1, true), (world.Rank, world.Size, world.IsRoot));
        Assert.Same(MpiWorld.Local, new Sequential().World);
    }
}
