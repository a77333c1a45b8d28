namespace NotebookRnn.Notebook.Charts;

/// <summary>One series of a <see cref="Figure"/>.</summary>
/// <param name="Name">Legend name.</param>
/// <param name="Color">CSS colour.</param>
internal abstract record Trace(string Name, string Color);

/// <summary>A line through (X[i], Y[i]); NaN values leave a gap.</summary>
internal sealed record LineTrace(string Name, string Color, IReadOnlyList<double> X, IReadOnlyList<double> Y,
    bool Dashed = false, bool Markers = false) : Trace(Name, Color);

/// <summary>
/// Bars of height Y[i]: at category i when the figure's x axis has categories, else centred on X[i] with width
/// Widths[i] (a histogram).
/// </summary>
internal sealed record BarTrace(string Name, string Color, IReadOnlyList<double> X, IReadOnlyList<double> Y,
    IReadOnlyList<double>? Widths = null) : Trace(Name, Color);

/// <summary>
/// A grid of discrete levels: Z[row][column] is an index into <paramref name="Levels"/> and <paramref name="Colors"/>.
/// Rows run down the y axis, columns along x. <paramref name="Text"/>, when given, is each cell's own hover text
/// (Text[row][column], e.g. its exact weight); the static form then draws every cell on its own.
/// </summary>
internal sealed record HeatmapTrace(string Name, IReadOnlyList<IReadOnlyList<int>> Z, IReadOnlyList<string> Levels,
    IReadOnlyList<string> Colors, IReadOnlyList<IReadOnlyList<string>>? Text = null) : Trace(Name, Colors[^1])
{
    /// <summary>Number of columns (the widest row).</summary>
    public int Columns => Z.Count == 0 ? 0 : Z.Max(r => r.Count);
}
