using System.Buffers.Binary;
using System.Diagnostics;
using Distributed;
using NotebookRnn.Models;
using NotebookRnn.Training;
using Xunit.Abstractions;

namespace NotebookRnn.Distributed.Tests;

/// <summary>
/// samples/Distributed trained in-process and under mpirun: the same weights bit for bit whatever the process count, one
/// device record per shard, a killed rank ending the run with the last checkpoint intact, and ranks that disagree on the
/// seed refused.
/// </summary>
public class MpiTrainingTests(ITestOutputHelper output)
{
    private const int Shards = 4;
    private const int Epochs = 2;
    private const int Samples = 256;
    private const int BatchSize = 64;

    private static readonly string[] SmallRun =
        ["--shards", $"{Shards}", "--epochs", $"{Epochs}", "--samples", $"{Samples}", "--batch-size", $"{BatchSize}"];

    [Fact]
    public async Task Weights_are_bit_identical_for_1_2_and_4_processes_and_equal_to_in_process_training()
    {
        string folder = TestPaths.NewOutputFolder("bit-identical");
        string expectedWeights = Path.Combine(folder, "in-process.weights"), expectedHistory = Path.Combine(folder, "in-process.json");
        using ChildProcess alone = await Sample.RunAlone([.. SmallRun, "--weights-out", expectedWeights, "--history-out", expectedHistory]);
        output.WriteLine(alone.ToString());
        Assert.True(alone.ExitCode == 0, alone.ToString());
        AssertDevicesPerBatch(History.Load(expectedHistory), processes: 1, "in-process");

        foreach (int processes in new[] { 1, 2, 4 })
        {
            string weights = Path.Combine(folder, $"np{processes}.weights"), history = Path.Combine(folder, $"np{processes}.json");
            using ChildProcess run = await Sample.RunMpi(processes, [.. SmallRun, "--weights-out", weights, "--history-out", history]);
            output.WriteLine(run.ToString());
            Assert.True(run.ExitCode == 0, run.ToString());
            AssertSameFloats(expectedWeights, weights, $"weights of mpirun -np {processes} against the in-process run");
            AssertDevicesPerBatch(History.Load(history), processes, $"mpirun -np {processes}");
        }
    }

    [Fact]
    public async Task A_killed_rank_ends_the_others_within_60_seconds_and_the_last_checkpoint_still_loads()
    {
        string folder = TestPaths.NewOutputFolder("killed-rank");
        string checkpoint = Path.Combine(folder, "model.nbrnn"), probe = Path.Combine(folder, "probe.bin");
        string pids = Directory.CreateDirectory(Path.Combine(folder, "pids")).FullName;
        // 4 batches of 1 s each: an epoch lasts over 4 s, and 50 of them far longer than the test.
        using ChildProcess run = Sample.StartMpi(2, ["--shards", "2", "--epochs", "50", "--samples", $"{Samples}", "--batch-size", $"{BatchSize}",
            "--batch-delay-ms", "1000", "--checkpoint", checkpoint, "--probe-out", probe, "--pid-dir", pids]);
        int[] rankPids = [];
        try
        {
            await WaitFor(() => File.Exists(probe) || run.HasExited, TimeSpan.FromSeconds(90), run, "the first epoch's checkpoint and probe");
            Assert.False(run.HasExited, $"The run ended before it could be killed: {run}");
            rankPids = [ReadPid(pids, 0), ReadPid(pids, 1)];
            await Task.Delay(TimeSpan.FromSeconds(1));

            using (Process rank1 = Process.GetProcessById(rankPids[1])) rank1.Kill();
            var afterKill = Stopwatch.StartNew();
            bool ended = await run.WaitAsync(TimeSpan.FromSeconds(60));
            output.WriteLine(run.ToString());

            Assert.True(ended, $"mpirun was still running 60 s after rank 1 was killed: {run}");
            output.WriteLine($"mpirun ended {afterKill.Elapsed.TotalSeconds:0.0} s after the kill");
            Assert.NotEqual(0, run.ExitCode);
            Assert.Contains("process rank 1", run.Output);
            Assert.Contains("NotebookRnn: rank 0 of 2", run.Output);
            Assert.Contains("ended by mpirun", run.Output);
            await WaitFor(() => rankPids.All(HasEnded), TimeSpan.FromSeconds(10), run, "every rank process to end");
        }
        finally
        {
            foreach (int pid in rankPids.Where(pid => !HasEnded(pid))) KillQuietly(pid);
        }

        Model restored = Model.Load(checkpoint);
        float[] predicted = [.. restored.Predict(SyntheticSequences.Probe(seed: 42)).Span];
        AssertSameFloats(ReadFloats(probe), predicted, "predictions of the loaded checkpoint against the probe-out written with it");
    }

    [Fact]
    public async Task Ranks_compiled_with_different_seeds_fail_at_the_first_fit_naming_both_seeds()
    {
        string[] rest = ["--shards", "2", "--epochs", "1", "--samples", "64", "--batch-size", "32"];
        using ChildProcess run = await Sample.RunMpiPerRank([["--seed", "1234567", .. rest], ["--seed", "7654321", .. rest]]);
        output.WriteLine(run.ToString());

        Assert.NotEqual(0, run.ExitCode);
        Assert.Contains("seed", run.Output, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("1234567", run.Output);
        Assert.Contains("7654321", run.Output);
    }

    // Every batch has one record per shard, in shard order: rank{r}/cpu:{j} for rank r's j-th local shard when P > 1,
    // cpu:{j} in a world of one.
    private static void AssertDevicesPerBatch(History history, int processes, string run)
    {
        string[] expected = processes == 1
            ? [.. Enumerable.Range(0, Shards).Select(j => $"cpu:{j}")]
            : [.. Enumerable.Range(0, processes).SelectMany(r => Enumerable.Range(0, Shards / processes).Select(j => $"rank{r}/cpu:{j}"))];
        Assert.Equal(Epochs * Samples / BatchSize, history.Batches.Count);
        foreach (BatchRecord batch in history.Batches)
            Assert.True(expected.SequenceEqual(batch.Devices.Select(d => d.Device)),
                $"{run}, epoch {batch.Epoch} batch {batch.Batch}: devices [{string.Join(", ", batch.Devices.Select(d => d.Device))}], expected [{string.Join(", ", expected)}]");
    }

    private static void AssertSameFloats(string expectedPath, string actualPath, string what) =>
        AssertSameFloats(ReadFloats(expectedPath), ReadFloats(actualPath), what);

    // Bit for bit; on failure the first float that differs, with both values and their bits.
    private static void AssertSameFloats(float[] expected, float[] actual, string what)
    {
        Assert.True(expected.Length == actual.Length, $"{what}: {actual.Length} floats, expected {expected.Length}");
        for (int i = 0; i < expected.Length; i++)
        {
            int expectedBits = BitConverter.SingleToInt32Bits(expected[i]), actualBits = BitConverter.SingleToInt32Bits(actual[i]);
            if (expectedBits != actualBits)
                Assert.Fail($"{what}: float {i} of {expected.Length} is {actual[i]:R} (0x{actualBits:X8}), expected {expected[i]:R} (0x{expectedBits:X8}); " +
                    $"{expected.Zip(actual).Count(p => BitConverter.SingleToInt32Bits(p.First) != BitConverter.SingleToInt32Bits(p.Second))} differ in all");
        }
    }

    private static float[] ReadFloats(string path)
    {
        byte[] bytes = File.ReadAllBytes(path);
        Assert.True(bytes.Length % sizeof(float) == 0, $"{path} has {bytes.Length} bytes, not a whole number of float32");
        var values = new float[bytes.Length / sizeof(float)];
        for (int i = 0; i < values.Length; i++) values[i] = BinaryPrimitives.ReadSingleLittleEndian(bytes.AsSpan(i * sizeof(float)));
        return values;
    }

    private static int ReadPid(string folder, int rank)
    {
        string path = Path.Combine(folder, $"rank{rank}.pid");
        Assert.True(File.Exists(path), $"Rank {rank} wrote no {path}.");
        return int.Parse(File.ReadAllText(path).Trim());
    }

    private static async Task WaitFor(Func<bool> condition, TimeSpan timeout, ChildProcess run, string what)
    {
        var clock = Stopwatch.StartNew();
        while (!condition())
        {
            if (clock.Elapsed > timeout) Assert.Fail($"Waited {timeout.TotalSeconds:0} s for {what}: {run}");
            await Task.Delay(100);
        }
    }

    // A pid that is gone, or a zombie waiting for its parent, has ended.
    private static bool HasEnded(int pid)
    {
        try
        {
            string status = File.ReadAllText($"/proc/{pid}/stat");
            return status[(status.LastIndexOf(')') + 2)..].StartsWith('Z');
        }
        catch (IOException)
        {
            return true;
        }
    }

    private static void KillQuietly(int pid)
    {
        try
        {
            using Process process = Process.GetProcessById(pid);
            process.Kill();
        }
        catch (ArgumentException)
        {
        }
    }
}
