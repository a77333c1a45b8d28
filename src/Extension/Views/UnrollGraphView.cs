using System.Text;
using NotebookRnn.Notebook.Charts;
using NotebookRnn.Data;
using NotebookRnn.Layers.Recurrent;
using NotebookRnn.Layers.Wrappers;
using NotebookRnn.Sequences;
using NotebookRnn.Layers;

namespace NotebookRnn.Notebook.Views;

/// <summary>
/// The unroll graph of a recurrent layer for one batch, drawn from the <see cref="RecurrentPlan"/> the loop ran: one
/// cell per step with the state arrow from the previous one, following one sample (its padded steps grey when
/// computed, dashed when packing skipped them), the number of active rows under each step, a loop node with its step
/// count for <c>unroll: false</c>, and two rows for Bidirectional. A sequence longer than fits legibly (see
/// <see cref="UnrollLayout"/>) shows its first and last steps and one gap column counting the steps hidden between.
/// </summary>
internal static class UnrollGraphView
{
    private const double CellWidth = UnrollLayout.CellWidth, Gap = UnrollLayout.Gap, CellsLeft = UnrollLayout.CellsLeft, Margin = UnrollLayout.Margin;
    private const double CellHeight = 32, RowHeight = 128, HeaderHeight = 58, TitleSize = 14, CellsTop = 48;

    // Every text but the title is drawn at the writer's default size: no smaller than the legibility budget assumes.
    private const double TextSize = SvgWriter.DefaultFontSize;

    /// <summary>The graph of <paramref name="layer"/>'s last batch, or a note when it has not run one.</summary>
    public static MimeBundle Render(RecurrentLayer layer, RenderOptions options) =>
        layer.LastPlan is { } plan
            ? Render($"{layer.GetType().Name} '{layer.Name}'", [new UnrollRow($"{layer.Name} ({layer.GetType().Name})", plan)], options)
            : NotRun($"{layer.GetType().Name} '{layer.Name}'");

    /// <summary>Both directions of <paramref name="layer"/>'s last batch, forward above backward.</summary>
    public static MimeBundle Render(Bidirectional layer, RenderOptions options)
    {
        if (layer.ForwardLayer.LastPlan is not { } forward || layer.BackwardLayer.LastPlan is not { } backward)
            return NotRun($"Bidirectional '{layer.Name}'");
        return Render($"Bidirectional '{layer.Name}'",
        [
            new UnrollRow($"{layer.ForwardLayer.Name} ({layer.ForwardLayer.GetType().Name}), forward", forward),
            new UnrollRow($"{layer.BackwardLayer.Name} ({layer.BackwardLayer.GetType().Name}), backward", backward, Backward: true),
        ], options);
    }

    /// <summary>A plan on its own (no layer name).</summary>
    public static MimeBundle Render(RecurrentPlan plan, RenderOptions options) =>
        Render("Recurrent plan", [new UnrollRow("plan", plan)], options);

    /// <summary>The graph of the given rows: SVG diagram, HTML (diagram and figures table) and text.</summary>
    public static MimeBundle Render(string title, IReadOnlyList<UnrollRow> rows, RenderOptions options)
    {
        int sample = options.UnrollSample;
        foreach (UnrollRow row in rows) PlanSteps.SortedRow(row.Plan, sample);
        string svg = Svg(title, rows, sample, options.MaxUnrollSteps);
        var html = new ViewHtml("unroll", $"Unroll graph: {title}");
        foreach (UnrollRow row in rows) html.Paragraph(Describe(row, sample));
        html.Raw("<div class=\"nbrnn-diagram\">" + svg + "</div>");
        html.Table(StatsHeader, rows.Select(Stats), StatsNumeric);
        return new MimeBundle()
            .Add(MimeTypes.Html, html.Finish())
            .Add(MimeTypes.Svg, svg)
            .Add(MimeTypes.PlainText, Text(title, rows, sample, options.MaxUnrollSteps));
    }

    /// <summary>A note that <paramref name="title"/> has no plan to draw yet.</summary>
    public static MimeBundle NotRun(string title)
    {
        string note = $"{title} has not run a batch yet, so there is no plan to draw: call Fit, Predict or Evaluate first, " +
                      "or use #!rnn-unroll with --input.";
        return new MimeBundle()
            .Add(MimeTypes.Html, new ViewHtml("unroll", $"Unroll graph: {title}").Paragraph(note).Finish())
            .Add(MimeTypes.Svg, SvgNote.Render(note))
            .Add(MimeTypes.PlainText, note + "\n");
    }

    private static string Svg(string title, IReadOnlyList<UnrollRow> rows, int sample, int maxSteps)
    {
        var layout = new UnrollLayout(rows, maxSteps);
        string heading = Line($"Unroll graph: {title}", TitleSize, bold: true);
        string note = Line($"Following sample {sample}; numbers under the cells: rows computed at that step.");
        string[] labels = [.. rows.Select(r => Line(r.Label, bold: true))], modes = [.. rows.Select(r => Line(Mode(r.Plan)))];
        double widestText = new[] { Legibility.TextWidth(heading, TitleSize, bold: true), Legibility.TextWidth(note, TextSize), LegendWidth }
            .Concat(labels.Select(l => Legibility.TextWidth(l, TextSize, bold: true)))
            .Concat(modes.Select(m => Legibility.TextWidth(m, TextSize))).Max();
        double width = Math.Max(layout.Width, Margin + widestText + Margin);
        for (int r = 1; r < rows.Count; r++)
            if (rows[r].HandedOver is { } states) width = Math.Max(width, StateHandover.Right(layout, r, states) + Margin);
        double height = HeaderHeight + rows.Count * RowHeight + 34;
        var svg = new SvgWriter(width, height, "nbrnn-unroll-graph");
        svg.ArrowMarker(Palette.Ink);
        svg.Text(Margin, 22, heading, size: TitleSize, bold: true);
        svg.Text(Margin, 42, note);
        for (int r = 0; r < rows.Count; r++)
        {
            svg.BeginGroup("nbrnn-unroll-row", rows[r].Label, HeaderHeight + r * RowHeight);
            svg.Text(Margin, 14, labels[r], bold: true);
            svg.Text(Margin, 30, modes[r], fill: "#666666");
            DrawRow(svg, layout, r, rows[r], sample);
            svg.EndGroup();
        }
        for (int r = 1; r < rows.Count; r++)
            if (rows[r].HandedOver is { } states)
                StateHandover.Draw(svg, layout, r, states, rows[r].Plan.Unrolled, row => HeaderHeight + row * RowHeight, CellsTop, CellHeight);
        DrawLegend(svg, height - 14);
        return svg.Finish();
    }

    // A line of the header, cut to the widest the graph may be: a long layer name must not widen it past legibility.
    private static string Line(string text, double size = TextSize, bool bold = false) =>
        Legibility.Fit(text, size, Legibility.MaxWidth - 2 * Margin, bold);

    private static void DrawRow(SvgWriter svg, UnrollLayout layout, int r, UnrollRow row, int sample)
    {
        RecurrentPlan plan = row.Plan;
        int sorted = PlanSteps.SortedRow(plan, sample);
        IReadOnlyList<int?> columns = layout.ColumnsOf(r);
        double[] lefts = layout.Lefts(r);
        double cellsRight = layout.CellsRight(r);
        const double top = CellsTop;
        if (!plan.Unrolled) DrawLoopNode(svg, plan, top);
        else if (row.HandedOver is null) DrawInitialState(svg, row.Backward ? cellsRight + 32 : CellsLeft - 32, top);
        for (int c = 0; c < columns.Count; c++)
        {
            // The gap follows the first c steps, so the first step it hides is step c.
            if (columns[c] is int step) DrawCell(svg, plan, sorted, step, lefts[c], top);
            else DrawGap(svg, c, layout.HiddenSteps(r), lefts[c], top);
            if (plan.Unrolled) DrawStateArrow(svg, row.Backward, c == 0, lefts[c], UnrollLayout.WidthOf(columns[c]), cellsRight, top + CellHeight / 2);
        }
        if (plan.TimeSteps > plan.Steps) DrawNotRun(svg, plan.TimeSteps - plan.Steps, layout.NotRunLeft(r), top);
    }

    // The state enters a column from the previous step's column, or from h₀ (10 px beyond the arrow's start) for the first.
    private static void DrawStateArrow(SvgWriter svg, bool backward, bool first, double x, double width, double cellsRight, double y)
    {
        double from = backward ? (first ? cellsRight + 22 : x + width + Gap) : (first ? CellsLeft - 22 : x - Gap);
        svg.Line(from, y, backward ? x + width + 1 : x - 1, y, Palette.Ink, 1.2, arrow: true, cssClass: "nbrnn-state-arrow");
    }

    private static void DrawCell(SvgWriter svg, RecurrentPlan plan, int sortedRow, int step, double x, double top)
    {
        StepState state = PlanSteps.State(plan, sortedRow, step);
        int active = plan.ActiveRowsPerStep[step];
        svg.BeginGroup("nbrnn-step nbrnn-" + state.ToString().ToLowerInvariant(), $"step {step}");
        string fill = state switch { StepState.Real => Palette.Real, StepState.Carried => Palette.Padding, _ => Palette.Skipped };
        svg.Rect(x, top, CellWidth, CellHeight, fill, Palette.Ink, dash: state == StepState.Skipped ? "4 3" : null, radius: 5,
            title: $"step {step}: {state.ToString().ToLowerInvariant()} for the sample; {active} of {plan.Batch} rows computed");
        svg.Text(x + CellWidth / 2, top + 20, state == StepState.Skipped ? "skip" : step.ToString(System.Globalization.CultureInfo.InvariantCulture),
            "middle", fill: state == StepState.Real ? "#ffffff" : Palette.Ink);
        double barHeight = plan.Batch == 0 ? 0 : 16.0 * active / plan.Batch;
        svg.Rect(x + 6, top + CellHeight + 24 - barHeight, CellWidth - 12, barHeight, "#9ecae1", null);
        svg.Text(x + CellWidth / 2, top + CellHeight + 38, Format.Count(active), "middle");
        svg.EndGroup();
    }

    private static void DrawGap(SvgWriter svg, int firstHidden, int hidden, double x, double top)
    {
        const double width = UnrollLayout.GapCellWidth;
        svg.BeginGroup("nbrnn-hidden-steps", Format.Plural(hidden, "hidden step"));
        svg.Rect(x, top, width, CellHeight, "#f7f7f7", Palette.Ink, dash: "2 3", radius: 5,
            title: $"steps {firstHidden}–{firstHidden + hidden - 1} are not drawn, so that the graph's text stays legible");
        svg.Text(x + width / 2, top + 20, $"… {Format.Plural(hidden, "step")} …", "middle");
        svg.EndGroup();
    }

    private static void DrawNotRun(SvgWriter svg, int steps, double x, double top)
    {
        const double width = UnrollLayout.NotRunWidth;
        svg.BeginGroup("nbrnn-not-run", $"{steps} steps not run");
        svg.Rect(x, top, width, CellHeight, Palette.Skipped, Palette.Ink, dash: "4 3", radius: 5,
            title: $"{Format.Plural(steps, "step")} of padding for every row: packing never runs them");
        svg.Text(x + width / 2, top + 14, $"{Format.Plural(steps, "step")} not run", "middle");
        svg.Text(x + width / 2, top + 27, "every row is padding", "middle");
        svg.EndGroup();
    }

    private static void DrawInitialState(SvgWriter svg, double x, double top)
    {
        svg.Circle(x, top + CellHeight / 2, 10, "#eeeeee");
        svg.Text(x, top + CellHeight / 2 + 4, "h₀", "middle");
    }

    private static void DrawLoopNode(SvgWriter svg, RecurrentPlan plan, double top)
    {
        svg.BeginGroup("nbrnn-loop-node", $"loop × {plan.Steps}");
        svg.Rect(Margin, top, 120, CellHeight, "#fdd0a2", Palette.Ink, radius: 6,
            title: $"unroll: false — one loop runs {Format.Plural(plan.Steps, "step")}");
        svg.Text(72, top + 14, "cell (loop)", "middle");
        svg.Text(72, top + 27, $"× {Format.Plural(plan.Steps, "step")}", "middle", bold: true);
        svg.Path($"M 52 {SvgWriter.C(top)} C 52 {SvgWriter.C(top - 18)} 92 {SvgWriter.C(top - 18)} 92 {SvgWriter.C(top - 1)}", Palette.Ink,
            arrow: true, cssClass: "nbrnn-loop-arrow");
        svg.Line(132, top + CellHeight / 2, CellsLeft - 4, top + CellHeight / 2, "#999999", 1, "2 3");
        svg.Text(136, top + CellHeight + 38, "rows:");
        svg.EndGroup();
    }

    private static readonly (string Fill, string? Dash, string Label)[] LegendEntries =
    [
        (Palette.Real, null, "real step"),
        (Palette.Padding, null, "padding, computed (state carried)"),
        (Palette.Skipped, "4 3", "padding, skipped by packing"),
    ];

    private const double SwatchWidth = 14, SwatchToLabel = 5, LegendSpacing = 16;

    private static double LegendWidth =>
        LegendEntries.Sum(e => SwatchWidth + SwatchToLabel + Legibility.TextWidth(e.Label, TextSize) + LegendSpacing) - LegendSpacing;

    private static void DrawLegend(SvgWriter svg, double y)
    {
        svg.BeginGroup("nbrnn-legend");
        double x = Margin;
        foreach (var (fill, dash, label) in LegendEntries)
        {
            svg.Rect(x, y - 10, SwatchWidth, 12, fill, Palette.Ink, dash: dash, radius: 2);
            svg.Text(x + SwatchWidth + SwatchToLabel, y, label);
            x += SwatchWidth + SwatchToLabel + Legibility.TextWidth(label, TextSize) + LegendSpacing;
        }
        svg.EndGroup();
    }

    private static string Mode(RecurrentPlan plan) =>
        (plan.Unrolled ? "unroll: true" : "unroll: false, one loop") + " · " +
        (plan.Packed ? "packed" : plan.PaddedRowSteps > 0 ? "dense (masked)" : "dense") +
        (plan.GoBackwards ? " · go backwards" : "") +
        $" · batch {plan.Batch} × {Format.Plural(plan.TimeSteps, "time step")}, {Format.Plural(plan.Steps, "step")} run";

    private static string Describe(UnrollRow row, int sample)
    {
        RecurrentPlan plan = row.Plan;
        int sorted = PlanSteps.SortedRow(plan, sample);
        string start = row.HandedOver is { } states ? $" It starts from the final ({states}) of the row above." : "";
        return $"{row.Label}: {Mode(plan)}.{start} Sample {sample} has {Format.Plural(plan.Lengths[sorted], "real step")}; " +
               $"{Format.Count(plan.ComputedRowSteps)} of {Format.Count((long)plan.Batch * plan.TimeSteps)} row-steps computed " +
               $"({Format.Count(plan.SkippedRowSteps)} skipped).";
    }

    private static readonly string[] StatsHeader =
        ["Loop", "Batch", "Time steps", "Steps run", "Active rows (min–max)", "Row-steps computed", "Real", "Padding", "Skipped", "Forward FLOPs"];

    private static readonly bool[] StatsNumeric = [false, true, true, true, true, true, true, true, true, true];

    private static IReadOnlyList<string> Stats(UnrollRow row)
    {
        RecurrentPlan plan = row.Plan;
        string active = plan.Steps == 0 ? "—" : $"{plan.ActiveRowsPerStep.Min()}–{plan.ActiveRowsPerStep.Max()}";
        return
        [
            row.Label, Format.Count(plan.Batch), Format.Count(plan.TimeSteps), Format.Count(plan.Steps), active,
            Format.Count(plan.ComputedRowSteps), Format.Count(plan.RealRowSteps), Format.Count(plan.PaddedRowSteps),
            Format.Count(plan.SkippedRowSteps), Format.Count((long)Math.Round(plan.TotalFlops)),
        ];
    }

    private static string Text(string title, IReadOnlyList<UnrollRow> rows, int sample, int maxSteps)
    {
        var text = new StringBuilder($"Unroll graph: {title}\n");
        foreach (UnrollRow row in rows)
        {
            RecurrentPlan plan = row.Plan;
            int sorted = PlanSteps.SortedRow(plan, sample);
            IReadOnlyList<int?> columns = UnrollLayout.Columns(plan.Steps, maxSteps);
            text.Append(Describe(row, sample)).Append('\n');
            text.Append("  sample ").Append(sample).Append(": ").AppendJoin(' ', columns.Select(s => s is int step
                ? PlanSteps.State(plan, sorted, step) switch { StepState.Real => "R", StepState.Carried => "c", _ => "." }
                : $"…{plan.Steps - (columns.Count - 1)}…"));
            if (plan.TimeSteps > plan.Steps) text.Append($" + {Format.Plural(plan.TimeSteps - plan.Steps, "step")} not run");
            text.Append('\n');
            text.Append("  active rows: ").AppendJoin(' ', columns.Select(s => s is int step
                ? Format.Count(plan.ActiveRowsPerStep[step]) : "…")).Append('\n');
        }
        text.Append("R = real step, c = padding computed (state carried), . = skipped by packing\n");
        return text.ToString();
    }
}
