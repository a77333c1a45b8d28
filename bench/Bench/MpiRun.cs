using System.Text.Json;
using NotebookRnn.Distributed;

namespace Bench;

/// <summary>
/// One round of the MPI row (issue 20), measured by <c>mpirun -np 2 dotnet Bench.dll --mpi-measure FILE</c>: every rank
/// joins the world, builds the textgen model with the same seed, compiles it with <c>world:</c> and <c>shards: 2</c> (one
/// device per process) and trains on the same batches as the in-process <c>textgen-lstm-2-devices</c> row; rank 0's
/// times are the row's (each step waits for the exchange, so every rank's step takes as long). Without mpirun the world
/// is this one process, which then runs the 2 shards on 2 devices: the in-process row, through the same code.
/// </summary>
/// <param name="Batches">TrainOnBatch calls each rank made: warm-up + timed.</param>
/// <param name="Parameters">N, the model's weights: the floats of each shard's gradient.</param>
internal sealed record MpiRun(string LoadAverage, int Processes, int Shards, string HostName, int Batches, long Parameters,
    ModelMeasurement Measurement)
{
    /// <summary>K: the row's 2 shards, one per process under <c>mpirun -np 2</c>.</summary>
    public const int ShardsPerBatch = BenchPlan.Processes;

    /// <summary>Trains <paramref name="config"/> on every rank of the world; returns rank 0's measurement, null on the others.</summary>
    /// <param name="batches">Instead of the plan's warm-up and timed batches, this many timed ones (the exchange runs).</param>
    public static MpiRun? Measure(ModelConfig config, int? batches)
    {
        MpiWorld world = MpiWorld.Join();
        string load = Machine.ReadLoadAverage();
        if (batches is int count) config = config with { Warmup = 0, Timed = count };
        ModelMeasurement m = Measurements.Train(config, world, ShardsPerBatch);
        if (!world.IsRoot) return null;
        var run = new MpiRun(load, world.Size, ShardsPerBatch, world.HostName, config.Warmup + config.Timed,
            Models.ParameterCount(config), m);
        Console.WriteLine($"  {m.Name,-30} {m.MsPerBatch,9:0.00} ms/batch {m.SamplesPerSecond,10:#,0} samples/s, {run.Processes} processes, " +
            $"{run.Shards} shards, N = {run.Parameters:#,0} weights, {run.Batches} batches, load average {load}");
        return run;
    }

    /// <summary>
    /// Gradient bytes one process sends per batch in the exchange as the library does it (<c>ShardExchange</c>), for N
    /// weights, P processes and K shards, the weights cut into P slices of L = ⌈N/P⌉ floats: MPI_Alltoall of its K/P
    /// shards' values of every other process's slice, then MPI_Allgather of its summed slice: 4·(P − 1)·L·(K/P + 1) bytes,
    /// about 4·N·(P − 1)/P·(K/P + 1); it receives as many.
    /// </summary>
    public static long ExchangeBytesPerProcess(long parameters, int processes, int shards)
    {
        long slice = (parameters + processes - 1) / processes;
        return 4 * (processes - 1) * slice * (shards / processes + 1);
    }

    public void Save(string path) => File.WriteAllText(path, JsonSerializer.Serialize(this, BenchPlan.Json));

    public static MpiRun Load(string path) =>
        JsonSerializer.Deserialize<MpiRun>(File.ReadAllText(path), BenchPlan.Json)
        ?? throw new InvalidDataException($"\"{path}\" holds no MPI measurement.");

    /// <summary>The round with the lowest median ms per batch; its load average is every round's.</summary>
    public static MpiRun Best(IReadOnlyList<MpiRun> rounds) =>
        rounds.MinBy(r => r.Measurement.MsPerBatch)! with { LoadAverage = string.Join(" | ", rounds.Select(r => r.LoadAverage)) };
}
