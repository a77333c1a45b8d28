using System.Diagnostics;
using NotebookRnn.Persistence.CrashWriter;
using Xunit.Abstractions;
using NotebookRnn.Models;
using NotebookRnn.Tensors;

namespace NotebookRnn.Tests.Persistence;

/// <summary>
/// A child process (tests/Persistence.CrashWriter) saves a ≈ 100 MB model over an existing checkpoint again and again;
/// the test kills it while a save is half written and checks that the checkpoint is whole and predicts as before.
/// </summary>
public class CrashTests(ITestOutputHelper output)
{
    private static readonly TimeSpan Limit = TimeSpan.FromSeconds(25);

    [Fact]
    public void A_writer_killed_mid_save_leaves_the_previous_checkpoint_loadable_and_identical()
    {
        using var folder = new TempFolder();
        string path = folder.File("large.nbrnn");
        Tensor x = TestModels.Ids(3, 4, 6, LargeModel.Vocabulary);
        Sequential previous = LargeModel.Create(seed: 1);
        Tensor expected = previous.Predict(x).Clone();
        previous.Save(path);
        long size = new FileInfo(path).Length;

        using Process writer = StartWriter(path, seed: 2);
        long observed = KillWhileHalfWritten(writer, folder, size);
        int completedSaves = writer.StandardOutput.ReadToEnd().Split('\n').Count(line => line.StartsWith("saved", StringComparison.Ordinal));

        output.WriteLine($"killed the writer with {observed:N0} of {size:N0} bytes written, after {completedSaves} complete saves");
        Assert.InRange(observed, 1, size / 2);
        Assert.Equal(size, new FileInfo(path).Length);
        Sequential loaded = Sequential.Load(path);
        if (completedSaves > 0) expected = LargeModel.Create(seed: 2).Predict(x);
        TestModels.AssertBitIdentical(expected, loaded.Predict(x), $"checkpoint after the kill ({completedSaves} complete saves by the writer)");
        Assert.Single(folder.TemporaryFiles());
    }

    private static Process StartWriter(string path, long seed)
    {
        string host = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet";
        var start = new ProcessStartInfo(host)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (string argument in new[] { "exec", Path.Combine(AppContext.BaseDirectory, "NotebookRnn.Persistence.CrashWriter.dll"), path, seed.ToString() })
            start.ArgumentList.Add(argument);
        return Process.Start(start) ?? throw new InvalidOperationException($"Could not start {host}.");
    }

    // Watches the writer's temporary file and kills the writer once it holds some, but less than half, of a save.
    private static long KillWhileHalfWritten(Process writer, TempFolder folder, long size)
    {
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < Limit && !writer.HasExited)
        {
            foreach (string temporary in folder.TemporaryFiles())
            {
                long length = new FileInfo(temporary).Length;
                if (length <= 0 || length >= size / 2) continue;
                writer.Kill();
                writer.WaitForExit();
                return length;
            }
        }
        if (!writer.HasExited) writer.Kill();
        writer.WaitForExit();
        Assert.Fail($"The writer was not caught half-way through a save within {Limit.TotalSeconds} s; it said: " +
            writer.StandardOutput.ReadToEnd() + writer.StandardError.ReadToEnd());
        return 0;
    }
}
