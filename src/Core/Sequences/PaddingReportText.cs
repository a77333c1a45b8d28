using System.Globalization;
using System.Text;

namespace NotebookRnn.Sequences;

/// <summary>Plain-text rendering of a <see cref="PaddingReport"/>: fixed-width columns for a console.</summary>
internal static class PaddingReportText
{
    private const int BarWidth = 40;
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    public static string Render(PaddingReport report)
    {
        var text = new StringBuilder();
        text.AppendLine($"Padding report: {Count(report.Count)} sequences, {Count(report.RealTokens)} real tokens");
        text.AppendLine(
            $"Lengths: min {report.MinLength}, median {Number(report.MedianLength)}, mean {Number(report.MeanLength)}, " +
            $"p90 {Number(report.P90)}, p95 {Number(report.P95)}, p99 {Number(report.P99)}, max {report.MaxLength}");
        AppendMaxLen(text, report);
        text.AppendLine();
        AppendHistogram(text, report);
        text.AppendLine();
        AppendStrategies(text, report);
        text.AppendLine();
        text.Append("Recommendation: ").AppendLine(report.Recommendation);
        return text.ToString();
    }

    private static void AppendMaxLen(StringBuilder text, PaddingReport report)
    {
        string source = report.RequestedMaxLen is null ? "the longest" : "requested";
        string kept = report.Truncating == Truncating.Pre ? "last" : "first";
        text.AppendLine(
            $"maxLen {report.MaxLen} ({source}; padding '{Name(report.Padding)}', truncating '{Name(report.Truncating)}' " +
            $"keeps the {kept} steps): {Count(report.PaddedTokens)} tokens = {Count(report.KeptTokens)} real + " +
            $"{Count(report.PaddingTokens)} padding ({report.PaddingRatio.ToString("0.0%", Invariant)}); " +
            $"{Count(report.SamplesTruncated)} samples truncated, {Count(report.TruncatedTokens)} tokens lost");
    }

    private static void AppendHistogram(StringBuilder text, PaddingReport report)
    {
        text.AppendLine("Length histogram");
        int widest = report.Histogram.Max(b => b.Count);
        var rows = report.Histogram.Select(bin => new[]
        {
            $"[{bin.Lower}, {bin.Upper})",
            new string('#', widest == 0 ? 0 : (int)Math.Round((double)bin.Count * BarWidth / widest)),
            Count(bin.Count),
        }).ToList();
        AppendTable(text, rows, rightAligned: [false, false, true], indent: "  ");
    }

    private static void AppendStrategies(StringBuilder text, PaddingReport report)
    {
        var rows = new List<string[]>
        {
            new[] { "Strategy", "Padded length(s)", "Computed", "Real", "Padding", "Truncated", "Samples cut", "Computed/real" },
        };
        foreach (PaddingStrategyRow row in report.Strategies)
            rows.Add(
            [
                row.Name,
                row.PaddedLengths.Count == 0 ? "each its own" : string.Join(", ", row.PaddedLengths),
                Count(row.ComputedTokens),
                Count(row.RealTokens),
                Count(row.PaddingTokens),
                Count(row.TruncatedTokens),
                Count(row.SamplesTruncated),
                row.ComputeRatio.ToString("0.00", Invariant),
            ]);
        AppendTable(text, rows, rightAligned: [false, false, true, true, true, true, true, true], indent: "");
    }

    private static void AppendTable(StringBuilder text, List<string[]> rows, bool[] rightAligned, string indent)
    {
        int[] widths = Enumerable.Range(0, rightAligned.Length).Select(c => rows.Max(r => r[c].Length)).ToArray();
        foreach (string[] row in rows)
        {
            var line = new StringBuilder(indent);
            for (int c = 0; c < row.Length; c++)
            {
                if (c > 0) line.Append("  ");
                line.Append(rightAligned[c] ? row[c].PadLeft(widths[c]) : row[c].PadRight(widths[c]));
            }
            text.AppendLine(line.ToString().TrimEnd());
        }
    }

    private static string Count(long value) => value.ToString("N0", Invariant);

    private static string Number(double value) => value.ToString("0.##", Invariant);

    private static string Name<T>(T mode) where T : struct, Enum => mode.ToString().ToLowerInvariant();
}
