using System.Collections;
using System.Globalization;
using System.Text;

namespace NotebookRnn.Training;

/// <summary>
/// Several training runs lined up for comparison (padded vs bucketed vs packed, 1 vs 2 devices, …): each run's
/// metric series against epochs and against wall-clock time, time to reach a target, and a text table. Runs are
/// named by <see cref="History.Label"/> (or "run N"). The notebook extension draws a RunSet as overlaid curves.
/// </summary>
public sealed class RunSet : IReadOnlyList<History>
{
    private readonly History[] _runs;

    /// <summary>Lines up <paramref name="runs"/> in the given order.</summary>
    /// <exception cref="ArgumentException">No run was given.</exception>
    public RunSet(IEnumerable<History> runs)
    {
        ArgumentNullException.ThrowIfNull(runs);
        _runs = [.. runs];
        if (_runs.Length == 0) throw new ArgumentException("Expected at least one run to compare, got none.", nameof(runs));
    }

    /// <summary>Run <paramref name="index"/>.</summary>
    public History this[int index] => _runs[index];

    /// <summary>Number of runs.</summary>
    public int Count => _runs.Length;

    /// <summary>The name of run <paramref name="index"/>: its label, or "run N".</summary>
    public string Name(int index) => _runs[index].Label ?? $"run {index + 1}";

    /// <summary>The per-epoch values of <paramref name="metric"/> in run <paramref name="index"/>.</summary>
    /// <exception cref="KeyNotFoundException">The run did not record the metric; the message lists what it has.</exception>
    public IReadOnlyList<double> ByEpoch(int index, string metric) => _runs[index][metric];

    /// <summary>
    /// (seconds since the run started, value) at the end of each epoch of run <paramref name="index"/>, where seconds
    /// add up the epochs' wall time (validation included).
    /// </summary>
    public IReadOnlyList<(double Seconds, double Value)> ByWallClock(int index, string metric)
    {
        IReadOnlyList<double> values = ByEpoch(index, metric);
        var points = new (double, double)[values.Count];
        double seconds = 0;
        for (int e = 0; e < values.Count; e++)
        {
            seconds += _runs[index].Epochs[e].Duration.TotalSeconds;
            points[e] = (seconds, values[e]);
        }
        return points;
    }

    /// <summary>
    /// Wall-clock seconds until run <paramref name="index"/> first reached <paramref name="target"/> on
    /// <paramref name="metric"/> (at most it for losses, at least it for accuracy-like names), or null if it never did.
    /// </summary>
    public double? TimeToReach(int index, string metric, double target)
    {
        bool higherIsBetter = metric.Contains("acc", StringComparison.Ordinal) || metric.EndsWith("auc", StringComparison.Ordinal);
        foreach (var (seconds, value) in ByWallClock(index, metric))
            if (higherIsBetter ? value >= target : value <= target) return seconds;
        return null;
    }

    /// <summary>
    /// A table with one line per run: epochs, wall time, training samples/s, throughput relative to the first run, and
    /// the last value of every metric any run recorded.
    /// </summary>
    public override string ToString()
    {
        string[] metrics = [.. _runs.SelectMany(r => r.Series.Keys).Distinct().Order(StringComparer.Ordinal)];
        var rows = new List<string[]>
        {
            new[] { "run", "epochs", "wall time", "samples/s", "vs first" }.Concat(metrics).ToArray(),
        };
        double first = _runs[0].SamplesPerSecond;
        for (int i = 0; i < _runs.Length; i++)
        {
            History run = _runs[i];
            rows.Add([
                Name(i), $"{run.Epochs.Count}/{run.EpochsRequested}", Invariant($"{run.WallTime.TotalSeconds:0.00} s"),
                Invariant($"{run.SamplesPerSecond:0}"), first > 0 ? Invariant($"{run.SamplesPerSecond / first:0.00}×") : "",
                .. metrics.Select(m => run.Series.TryGetValue(m, out IReadOnlyList<double>? v) && v.Count > 0 ? Invariant($"{v[^1]:0.0000}") : ""),
            ]);
        }
        int[] widths = [.. Enumerable.Range(0, rows[0].Length).Select(c => rows.Max(r => r[c].Length))];
        var text = new StringBuilder();
        foreach (string[] row in rows)
            text.AppendLine(string.Join("  ", row.Select((cell, c) => c == 0 ? cell.PadRight(widths[c]) : cell.PadLeft(widths[c]))).TrimEnd());
        return text.ToString().TrimEnd();
    }

    /// <inheritdoc/>
    public IEnumerator<History> GetEnumerator() => ((IEnumerable<History>)_runs).GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
