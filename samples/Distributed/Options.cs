using System.Globalization;

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
        var values = new Dictionary<string, string>();
        for (int i = 0; i < args.Length; i += 2)
        {
            if (!args[i].StartsWith("--", StringComparison.Ordinal) || i + 1 >= args.Length)
                throw new ArgumentException($"Expected '--name value' pairs, got '{string.Join(' ', args)}'.\n{Usage}");
            values[args[i][2..]] = args[i + 1];
        }
        string[] unknown = [.. values.Keys.Except(Names)];
        if (unknown.Length > 0) throw new ArgumentException($"Unknown option --{unknown[0]}.\n{Usage}");
        return new Options(Int(values, "shards", 4), Int(values, "epochs", 3), Int(values, "samples", 512), Int(values, "batch-size", 64),
            Int(values, "seed", 42), Int(values, "units", 32), values.GetValueOrDefault("weights-out"), values.GetValueOrDefault("checkpoint"),
            values.GetValueOrDefault("probe-out"), values.GetValueOrDefault("history-out"), values.GetValueOrDefault("pid-dir"),
            Int(values, "batch-delay-ms", 0));
    }

    private static int Int(Dictionary<string, string> values, string name, int fallback) =>
        !values.TryGetValue(name, out string? text) ? fallback
        : int.TryParse(text, CultureInfo.InvariantCulture, out int value) && value >= 0 ? value
        : throw new ArgumentException($"--{name} expects a whole number ≥ 0, got '{text}'.\n{Usage}");
}
