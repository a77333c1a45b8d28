using NotebookRnn.Notebook.Charts;
using NotebookRnn.Data;
using NotebookRnn.Layers;
using NotebookRnn.Sequences;

namespace NotebookRnn.Notebook.Views;

/// <summary>
/// A padding report drawn: the length histogram with maxLen and p95 markers, real / padding / truncated tokens of each
/// batching strategy, one batch as a heatmap (when a batch mask is given), and the recommendation. Every number is
/// read from the <see cref="PaddingReport"/> or the <see cref="SequenceMask"/>.
/// </summary>
internal static class PaddingReportView
{
    private static readonly string[] StrategyHeader =
        ["Strategy", "Padded length(s)", "Computed", "Real", "Padding", "Truncated", "Samples cut", "Computed/real"];

    private static readonly bool[] StrategyNumeric = [false, false, true, true, true, true, true, true];

    /// <summary>The view as HTML (plotly charts), SVG and text.</summary>
    public static MimeBundle Render(PaddingView view, RenderOptions options)
    {
        PaddingReport report = view.Report;
        List<Figure> figures = [Histogram(report), Strategies(report)];
        if (view.Batch is { } batch) figures.Add(Heatmap(batch, report.Padding));
        var html = new ViewHtml("padding", $"Padding report: {Format.Plural(report.Count, "sequence")}, {Format.Count(report.RealTokens)} real tokens")
            .Paragraph(LengthLine(report))
            .Paragraph(MaxLenLine(report));
        foreach (Figure figure in figures) html.Raw(ChartHtml.Render(figure, options));
        html.Table(StrategyHeader, report.Strategies.Select(StrategyRow), StrategyNumeric, "nbrnn-strategies");
        html.Paragraph("Recommendation: " + report.Recommendation);
        if (view.Batch is null) html.Paragraph("No batch heatmap: a report keeps only the lengths. Use #!rnn-padding on the sequences, or render a PaddingView with a batch mask.", note: true);
        string text = report.ToString() + (view.Batch is { } b ? BatchLine(b, report.Padding) + "\n" : "");
        return new MimeBundle()
            .Add(MimeTypes.Html, html.Finish())
            .Add(MimeTypes.Svg, SvgChart.Stack(figures))
            .Add(MimeTypes.PlainText, text);
    }

    /// <summary>Sequences per length bin, with dashed lines at maxLen and at the 95th percentile.</summary>
    internal static Figure Histogram(PaddingReport report)
    {
        var figure = new Figure("Sequence lengths") { X = new Axis("length (steps)", Integer: true), Y = new Axis("sequences", Integer: true) };
        IReadOnlyList<LengthHistogramBin> bins = report.Histogram;
        figure.Traces.Add(new BarTrace("sequences", Palette.Real,
            [.. bins.Select(b => (b.Lower + b.Upper - 1) / 2.0)], [.. bins.Select(b => (double)b.Count)],
            [.. bins.Select(b => (double)(b.Upper - b.Lower))]));
        string maxLenLabel = report.RequestedMaxLen is null ? $"maxLen = longest {report.MaxLen}" : $"maxLen {report.MaxLen}";
        figure.Lines.Add(new MarkerLine(report.MaxLen, maxLenLabel, Palette.Marker));
        figure.Lines.Add(new MarkerLine(report.P95, $"p95 {Format.Number(report.P95)}", Palette.SecondMarker));
        return figure;
    }

    /// <summary>Stacked real, padding and truncated tokens of each strategy the report compares.</summary>
    internal static Figure Strategies(PaddingReport report)
    {
        IReadOnlyList<PaddingStrategyRow> rows = report.Strategies;
        var figure = new Figure("Tokens per batching strategy")
        {
            X = new Axis("strategy", [.. rows.Select(r => r.Name)]),
            Y = new Axis("tokens", Integer: true),
        };
        double[] x = [.. Enumerable.Range(0, rows.Count).Select(i => (double)i)];
        figure.Traces.Add(new BarTrace("real", Palette.Real, x, [.. rows.Select(r => (double)r.RealTokens)]));
        figure.Traces.Add(new BarTrace("padding", Palette.Padding, x, [.. rows.Select(r => (double)r.PaddingTokens)]));
        figure.Traces.Add(new BarTrace("truncated (lost)", Palette.Truncated, x, [.. rows.Select(r => (double)r.TruncatedTokens)]));
        return figure;
    }

    /// <summary>The batch's mask: 1 = real step, 0 = padding, one row per sample.</summary>
    internal static Figure Heatmap(SequenceMask batch, Padding padding) =>
        new Figure(BatchLine(batch, padding) + " (blue = real, grey = padding)")
        {
            X = new Axis("step", Integer: true),
            Y = new Axis("sample", Reversed: true, Integer: true),
            Height = Math.Clamp(120 + 12 * batch.Batch, 200, 600),
            Traces =
            {
                new HeatmapTrace("batch", [.. Enumerable.Range(0, batch.Batch).Select(row =>
                    (IReadOnlyList<int>)[.. Enumerable.Range(0, batch.Steps).Select(step => batch.IsValid(row, step) ? 1 : 0)])],
                    ["padding", "real"], [Palette.Padding, Palette.Real]),
            },
        };

    private static string BatchLine(SequenceMask batch, Padding padding)
    {
        long block = (long)batch.Batch * batch.Steps;
        double share = block == 0 ? 0 : 1 - (double)batch.RealSteps / block;
        return $"One batch: {Format.Plural(batch.Batch, "sample")} × {Format.Plural(batch.Steps, "step")}, " +
               $"'{padding.ToString().ToLowerInvariant()}' padding: {Format.Percent(share)} padding";
    }

    private static string LengthLine(PaddingReport r) =>
        $"Lengths: min {r.MinLength}, median {Format.Number(r.MedianLength)}, mean {Format.Number(r.MeanLength)}, " +
        $"p90 {Format.Number(r.P90)}, p95 {Format.Number(r.P95)}, p99 {Format.Number(r.P99)}, max {r.MaxLength}";

    private static string MaxLenLine(PaddingReport r) =>
        $"maxLen {r.MaxLen} ({(r.RequestedMaxLen is null ? "the longest" : "requested")}): {Format.Count(r.PaddedTokens)} tokens = " +
        $"{Format.Count(r.KeptTokens)} real + {Format.Count(r.PaddingTokens)} padding ({Format.Percent(r.PaddingRatio)}); " +
        $"{Format.Plural(r.SamplesTruncated, "sample")} truncated, {Format.Count(r.TruncatedTokens)} tokens lost";

    private static string[] StrategyRow(PaddingStrategyRow row) =>
    [
        row.Name,
        row.PaddedLengths.Count == 0 ? "each its own" : string.Join(", ", row.PaddedLengths),
        Format.Count(row.ComputedTokens),
        Format.Count(row.RealTokens),
        Format.Count(row.PaddingTokens),
        Format.Count(row.TruncatedTokens),
        Format.Count(row.SamplesTruncated),
        Format.Fixed(row.ComputeRatio, 2),
    ];
}
