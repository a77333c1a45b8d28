namespace NotebookRnn.Notebook.Charts;

/// <summary>
/// A chart as data: traces on one pair of axes, vertical marker lines, a title. <see cref="PlotlyJson"/> turns it into a
/// plotly.js figure and <see cref="SvgChart"/> into a static SVG; both read only this object, so the two agree.
/// </summary>
internal sealed class Figure(string title)
{
    /// <summary>Title above the plot.</summary>
    public string Title { get; } = title;

    /// <summary>The horizontal axis.</summary>
    public Axis X { get; init; } = new("");

    /// <summary>The vertical axis.</summary>
    public Axis Y { get; init; } = new("");

    /// <summary>The traces, drawn in order (later on top; bars stack in this order).</summary>
    public List<Trace> Traces { get; } = [];

    /// <summary>Vertical lines across the plot, e.g. maxLen and p95 on a length histogram.</summary>
    public List<MarkerLine> Lines { get; } = [];

    /// <summary>Whether bar traces stack (default) or stand side by side.</summary>
    public bool StackBars { get; init; } = true;

    /// <summary>Width of the static rendering in pixels (the interactive one fills its cell).</summary>
    public int Width { get; init; } = 640;

    /// <summary>Height in pixels.</summary>
    public int Height { get; init; } = 320;

    /// <summary>Whether a legend is drawn: more than one named trace, or a heatmap's levels.</summary>
    public bool ShowLegend => Traces.Count(t => t.Name.Length > 0) > 1 || Traces.Any(t => t is HeatmapTrace);
}

/// <summary>An axis: title, and for bar charts the category labels placed at x = 0, 1, ….</summary>
/// <param name="Title">Axis title.</param>
/// <param name="Categories">Category labels; null for a numeric axis.</param>
/// <param name="Reversed">Whether the axis runs downwards (heatmap rows: first sample on top).</param>
/// <param name="Integer">Whether ticks fall on whole numbers only (epochs, batches, steps, counts).</param>
/// <param name="TickLabels">
/// Labels placed at 0, 1, … of a numeric axis instead of its numeric ticks (the characters along a heatmap's steps);
/// unlike categories they may repeat, as a character does in a word.
/// </param>
internal sealed record Axis(string Title, IReadOnlyList<string>? Categories = null, bool Reversed = false, bool Integer = false,
    IReadOnlyList<string>? TickLabels = null);

/// <summary>A vertical line at <paramref name="X"/> with a label at its top.</summary>
internal sealed record MarkerLine(double X, string Label, string Color);
