namespace NotebookRnn.Notebook.Charts;

/// <summary>
/// Draws a <see cref="Figure"/> as a static SVG: the <c>image/svg+xml</c> form of every chart and its fallback in HTML.
/// Each trace is one <c>&lt;g class="nbrnn-trace"&gt;</c> (a rect per bar, a polyline per unbroken line, a rect per run
/// of equal heatmap cells), each marker line one <c>&lt;g class="nbrnn-marker"&gt;</c>.
/// </summary>
internal static class SvgChart
{
    private const double Left = 64, Right = 16, Top = 40, Bottom = 44, LegendHeight = 20;

    /// <summary>One figure as a standalone SVG document.</summary>
    public static string Render(Figure figure) => Stack([figure]);

    /// <summary>Several figures stacked top to bottom in one SVG document; a short note when there are none.</summary>
    public static string Stack(IReadOnlyList<Figure> figures)
    {
        if (figures.Count == 0) return SvgNote.Render("Nothing to draw yet: no batch has been recorded.");
        double width = figures.Count == 0 ? 0 : figures.Max(f => f.Width), height = figures.Sum(f => f.Height);
        var svg = new SvgWriter(width, height, "nbrnn-svg-chart");
        double top = 0;
        foreach (Figure figure in figures)
        {
            svg.BeginGroup("nbrnn-figure", figure.Title, top);
            Draw(svg, figure);
            svg.EndGroup();
            top += figure.Height;
        }
        return svg.Finish();
    }

    private static void Draw(SvgWriter svg, Figure figure)
    {
        double bottom = figure.Height - Bottom - (figure.ShowLegend ? LegendHeight : 0);
        var plot = new PlotArea(Left, Top, figure.Width - Right, bottom, XRange(figure), YRange(figure), figure.Y.Reversed);
        DrawGridAndAxes(svg, figure, plot);
        int index = 0;
        foreach (Trace trace in figure.Traces)
        {
            svg.BeginGroup("nbrnn-trace", trace.Name);
            switch (trace)
            {
                case HeatmapTrace heatmap: DrawHeatmap(svg, heatmap, plot); break;
                case BarTrace bar: DrawBars(svg, figure, bar, index, plot); break;
                case LineTrace line: DrawLine(svg, line, plot); break;
            }
            svg.EndGroup();
            if (trace is BarTrace) index++;
        }
        for (int i = 0; i < figure.Lines.Count; i++)
        {
            MarkerLine line = figure.Lines[i];
            svg.BeginGroup("nbrnn-marker", line.Label);
            double x = plot.X(line.X);
            svg.Line(x, plot.Top, x, plot.Bottom, line.Color, 2, "6 4");
            svg.Text(x + 3, plot.Top + 10 + 13 * i, line.Label, fill: line.Color);
            svg.EndGroup();
        }
        svg.Text(figure.Width / 2.0, 22, figure.Title, "middle", 13, bold: true);
        svg.Text((plot.Left + plot.Right) / 2, bottom + 34, figure.X.Title, "middle");
        svg.Text(16, (plot.Top + plot.Bottom) / 2, figure.Y.Title, "middle", rotate: -90);
        if (figure.ShowLegend) DrawLegend(svg, figure, figure.Height - 10);
    }

    private static void DrawGridAndAxes(SvgWriter svg, Figure figure, PlotArea plot)
    {
        svg.BeginGroup("nbrnn-axes");
        if (figure.Y.TickLabels is { } rowLabels)
            for (int i = 0; i < rowLabels.Count; i++)
                svg.Text(plot.Left - 6, plot.Y(i) + 4, rowLabels[i], "end");
        else
            foreach (double tick in Ticks(plot.YMin, plot.YMax, figure.Y.Integer))
            {
                double y = plot.Y(tick);
                svg.Line(plot.Left, y, plot.Right, y, Palette.Grid);
                svg.Text(plot.Left - 6, y + 4, TickLabel(tick, plot.YMax - plot.YMin), "end");
            }
        if ((figure.X.Categories ?? figure.X.TickLabels) is { } categories)
            for (int i = 0; i < categories.Count; i++)
                svg.Text(plot.X(i), plot.Bottom + 16, categories[i], "middle");
        else
            foreach (double tick in Ticks(plot.XMin, plot.XMax, figure.X.Integer))
                svg.Text(plot.X(tick), plot.Bottom + 16, TickLabel(tick, plot.XMax - plot.XMin), "middle");
        svg.Line(plot.Left, plot.Bottom, plot.Right, plot.Bottom, Palette.Ink);
        svg.Line(plot.Left, plot.Top, plot.Left, plot.Bottom, Palette.Ink);
        svg.EndGroup();
    }

    private static void DrawBars(SvgWriter svg, Figure figure, BarTrace bar, int barIndex, PlotArea plot)
    {
        int barTraces = figure.Traces.Count(t => t is BarTrace);
        for (int i = 0; i < bar.X.Count; i++)
        {
            double width = bar.Widths?[i] ?? 0.7, centre = bar.X[i];
            if (!figure.StackBars && bar.Widths is null)
            {
                width = 0.7 / barTraces;
                centre = bar.X[i] - 0.35 + width * (barIndex + 0.5);
            }
            double below = figure.StackBars ? StackBase(figure, bar, i) : 0;
            double x0 = plot.X(centre - width / 2), x1 = plot.X(centre + width / 2);
            double y0 = plot.Y(below), y1 = plot.Y(below + bar.Y[i]);
            svg.Rect(x0, Math.Min(y0, y1), x1 - x0, Math.Abs(y0 - y1), bar.Color, Palette.Ink,
                title: $"{bar.Name}: {Format.Number(bar.Y[i])}");
        }
    }

    // Sum of the earlier bar traces' values at the same x (stacked bars).
    private static double StackBase(Figure figure, BarTrace bar, int i)
    {
        double sum = 0;
        foreach (BarTrace other in figure.Traces.OfType<BarTrace>())
        {
            if (ReferenceEquals(other, bar)) break;
            for (int j = 0; j < other.X.Count; j++)
                if (other.X[j] == bar.X[i]) sum += other.Y[j];
        }
        return sum;
    }

    private static void DrawLine(SvgWriter svg, LineTrace line, PlotArea plot)
    {
        var segment = new List<(double, double)>();
        for (int i = 0; i <= line.X.Count; i++)
        {
            bool finite = i < line.X.Count && double.IsFinite(line.X[i]) && double.IsFinite(line.Y[i]);
            if (finite) segment.Add((plot.X(line.X[i]), plot.Y(line.Y[i])));
            if (finite || segment.Count == 0) continue;
            if (segment.Count == 1) svg.Circle(segment[0].Item1, segment[0].Item2, 2.5, line.Color);
            else svg.Polyline(segment, line.Color, 1.8, line.Dashed ? "6 3" : null);
            segment.Clear();
        }
        if (!line.Markers || line.X.Count > 60) return;
        for (int i = 0; i < line.X.Count; i++)
            if (double.IsFinite(line.X[i]) && double.IsFinite(line.Y[i]))
                svg.Circle(plot.X(line.X[i]), plot.Y(line.Y[i]), 2.5, line.Color);
    }

    // One rect per run of equal levels in a row: a 32 × 500 padding mask is a few rects per row, not 16,000. Cells with
    // their own text (an attention map's weights) are drawn one by one, so that each keeps its tooltip.
    private static void DrawHeatmap(SvgWriter svg, HeatmapTrace heatmap, PlotArea plot)
    {
        for (int row = 0; row < heatmap.Z.Count; row++)
        {
            IReadOnlyList<int> levels = heatmap.Z[row];
            for (int start = 0; start < levels.Count;)
            {
                int end = start;
                while (end < levels.Count && levels[end] == levels[start] && (heatmap.Text is null || end == start)) end++;
                double x0 = plot.X(start - 0.5), x1 = plot.X(end - 0.5), y0 = plot.Y(row - 0.5), y1 = plot.Y(row + 0.5);
                svg.Rect(x0, Math.Min(y0, y1), x1 - x0, Math.Abs(y1 - y0), heatmap.Colors[levels[start]], "#ffffff",
                    title: heatmap.Text?[row][start] ?? $"row {row}, steps {start}–{end - 1}: {heatmap.Levels[levels[start]]}");
                start = end;
            }
        }
    }

    private static void DrawLegend(SvgWriter svg, Figure figure, double y)
    {
        var entries = figure.Traces.SelectMany(t => t is HeatmapTrace h
            ? h.Levels.Select((level, k) => (Name: level, Color: h.Colors[k], Dashed: false))
            : [(t.Name, t.Color, t is LineTrace { Dashed: true })]).Where(e => e.Name.Length > 0).ToList();
        svg.BeginGroup("nbrnn-legend");
        double x = Left;
        foreach (var (name, color, dashed) in entries)
        {
            if (dashed) svg.Line(x, y - 4, x + 14, y - 4, color, 2, "4 2");
            else svg.Rect(x, y - 9, 14, 10, color, Palette.Ink);
            svg.Text(x + 18, y, name);
            x += 30 + 6.2 * name.Length;
        }
        svg.EndGroup();
    }

    /// <summary>The x extent of the data, bars' widths and marker lines included.</summary>
    internal static (double Min, double Max) XRange(Figure figure)
    {
        if (figure.X.Categories is { } categories) return (-0.5, categories.Count - 0.5);
        var values = new List<double>();
        foreach (Trace trace in figure.Traces)
            switch (trace)
            {
                case HeatmapTrace heatmap: values.AddRange([-0.5, heatmap.Columns - 0.5]); break;
                case BarTrace bar:
                    for (int i = 0; i < bar.X.Count; i++)
                    {
                        double half = (bar.Widths?[i] ?? 0.8) / 2;
                        values.AddRange([bar.X[i] - half, bar.X[i] + half]);
                    }
                    break;
                case LineTrace line: values.AddRange(line.X.Where(double.IsFinite)); break;
            }
        values.AddRange(figure.Lines.Select(l => l.X));
        return Widen(values);
    }

    /// <summary>The y extent: from 0 for bars (stacked when the figure stacks), the data ± 5 % for lines, the rows of a heatmap.</summary>
    internal static (double Min, double Max) YRange(Figure figure)
    {
        if (figure.Traces.OfType<HeatmapTrace>().FirstOrDefault() is { } heatmap) return (-0.5, heatmap.Z.Count - 0.5);
        var values = new List<double>();
        var bars = figure.Traces.OfType<BarTrace>().ToList();
        if (bars.Count > 0)
        {
            values.Add(0);
            if (figure.StackBars)
                values.AddRange(bars.SelectMany(b => b.X).Distinct().Select(x => bars.Sum(b => b.Y.Where((_, i) => b.X[i] == x).Sum())));
            else values.AddRange(bars.SelectMany(b => b.Y));
        }
        var lines = figure.Traces.OfType<LineTrace>().SelectMany(l => l.Y.Where(double.IsFinite)).ToList();
        values.AddRange(lines);
        (double min, double max) = Widen(values);
        double pad = (max - min) * 0.05;
        return (bars.Count > 0 && min >= 0 ? min : min - pad, max + pad);
    }

    private static (double Min, double Max) Widen(List<double> values)
    {
        if (values.Count == 0) return (0, 1);
        double min = values.Min(), max = values.Max();
        if (max > min) return (min, max);
        double half = min == 0 ? 0.5 : Math.Abs(min) * 0.1;
        return (min - half, max + half);
    }

    /// <summary>About five round ticks (1, 2 or 5 × 10^k apart) inside [min, max]; whole numbers only when asked.</summary>
    internal static IReadOnlyList<double> Ticks(double min, double max, bool integer = false)
    {
        double step = TickStep(min, max, integer);
        var ticks = new List<double>();
        for (double tick = Math.Ceiling(min / step) * step; tick <= max + step * 1e-9; tick += step)
            ticks.Add(Math.Round(tick, 10) + 0.0); // + 0.0 turns −0 into 0
        return ticks;
    }

    /// <summary>The distance between ticks: 1, 2 or 5 × 10^k, about a fifth of the range; at least 1 for whole-number axes.</summary>
    internal static double TickStep(double min, double max, bool integer)
    {
        double raw = (max - min) / 5, magnitude = Math.Pow(10, Math.Floor(Math.Log10(raw)));
        double step = new[] { 1.0, 2, 5, 10 }.Select(m => m * magnitude).First(s => s >= raw);
        return integer ? Math.Max(1, Math.Round(step)) : step;
    }

    private static string TickLabel(double tick, double range)
    {
        int decimals = range <= 0 ? 2 : Math.Clamp(2 - (int)Math.Floor(Math.Log10(range)), 0, 6);
        return Format.Number(tick, decimals);
    }

    /// <summary>Maps data coordinates to pixels inside the plot rectangle.</summary>
    private sealed record PlotArea(double Left, double Top, double Right, double Bottom, (double Min, double Max) XSpan,
        (double Min, double Max) YSpan, bool YDown)
    {
        public double XMin => XSpan.Min;
        public double XMax => XSpan.Max;
        public double YMin => YSpan.Min;
        public double YMax => YSpan.Max;

        public double X(double x) => Left + (x - XMin) / (XMax - XMin) * (Right - Left);

        public double Y(double y) => YDown
            ? Top + (y - YMin) / (YMax - YMin) * (Bottom - Top)
            : Bottom - (y - YMin) / (YMax - YMin) * (Bottom - Top);
    }
}
