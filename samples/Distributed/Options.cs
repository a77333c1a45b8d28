using NotebookRnn.Samples;

namespace Distributed;

/// <summary>Command-line options of the distributed-training sample; the README lists what each one does.</summary>
internal sealed record Options(int Shards, int Epochs, int Samples, int BatchSize, long Seed, int Units, string? WeightsOut,
    string? Checkpoint, string? ProbeOut, string? HistoryOut, string? PidDir, int BatchDelayMs)
{
    private const string Usage =
        "usage: Distributed [--shards K (4)] [--epochs N (3)] [--samples N (512)] [--batch-size B (64)] [--seed S (42)] [--units U (32)]\n" +
        "                   [--weights-out PATH] [--checkpoint PATH] [--probe-out PATH] [--history-out PATH] [--pid-dir DIR] [--batch-delay-ms N (0)]";

    private static readonly string[] Names =
        ["shards", "epochs", "samples", "batch-size", "seed", "units", "weights-out", "checkpoint", "probe-out", "history-out", "pid-dir", "batch-delay-ms"];

    public static Options Parse(string[] args)
    {
        var values = new NamedArguments(args, Names, Usage);
        return new Options(values.Int("shards", 4), values.Int("epochs", 3), values.Int("samples", 512), values.Int("batch-size", 64),
            values.Int("seed", 42), values.Int("units", 32), values.Text("weights-out"), values.Text("checkpoint"), values.Text("probe-out"),
            values.Text("history-out"), values.Text("pid-dir"), values.Int("batch-delay-ms", 0));
    }
}
