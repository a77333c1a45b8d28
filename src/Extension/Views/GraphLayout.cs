namespace NotebookRnn.Notebook.Views;

/// <summary>
/// Where the boxes of a <see cref="ModelGraph"/> go: layered by longest path, so that a call sits one rank below the
/// lowest call it takes a tensor from and the inputs are on top; within a rank, boxes are ordered by the mean position
/// of the calls they take from (ties by call order) and the rank is centred. The same graph always gives the same layout.
/// </summary>
internal sealed class GraphLayout
{
    /// <summary>Height of a box, vertical space between ranks (where edges and their labels run), space between boxes of a rank.</summary>
    public const double BoxHeight = 58, RankGap = 54, ColumnGap = 28;

    /// <summary>Space at the left and right edges, and above the first rank (the title).</summary>
    public const double Margin = 12, Top = 52;

    private readonly double[] _left, _widths;

    /// <summary>Lays out <paramref name="graph"/> with boxes of the given widths (one per call).</summary>
    public GraphLayout(ModelGraph graph, IReadOnlyList<double> widths)
    {
        int count = graph.Calls.Count;
        _widths = [.. widths];
        Ranks = new int[count];
        // Calls come after the calls they take from, so one pass in call order gives the longest path.
        foreach (GraphEdge edge in graph.Edges) Ranks[edge.To] = Math.Max(Ranks[edge.To], Ranks[edge.From] + 1);
        int rankCount = count == 0 ? 0 : Ranks.Max() + 1;
        var byRank = Enumerable.Range(0, rankCount).Select(r => Enumerable.Range(0, count).Where(c => Ranks[c] == r).ToList()).ToList();
        var centre = new double[count];
        _left = new double[count];
        for (int r = 0; r < rankCount; r++)
        {
            if (r > 0) byRank[r] = [.. byRank[r].OrderBy(c => Barycentre(graph, c, centre)).ThenBy(c => c)];
            double x = 0;
            foreach (int c in byRank[r])
            {
                _left[c] = x;
                centre[c] = x + _widths[c] / 2;
                x += _widths[c] + ColumnGap;
            }
            // Every rank is centred, so a box's centre is taken relative to its rank's middle.
            double middle = RowWidth(byRank[r]) / 2;
            foreach (int c in byRank[r]) centre[c] -= middle;
        }
        double widest = byRank.Select(RowWidth).DefaultIfEmpty(0).Max();
        foreach (List<int> rank in byRank)
        {
            double shift = Margin + (widest - RowWidth(rank)) / 2;
            foreach (int c in rank) _left[c] += shift;
        }
        Width = widest + 2 * Margin;
        Height = Top + rankCount * BoxHeight + Math.Max(0, rankCount - 1) * RankGap;
        RankOrder = byRank;
    }

    /// <summary>Each call's rank: 0 for the inputs.</summary>
    public int[] Ranks { get; }

    /// <summary>The calls of each rank, left to right.</summary>
    public IReadOnlyList<IReadOnlyList<int>> RankOrder { get; }

    /// <summary>The width of the drawing, and the height down to the last rank's bottom.</summary>
    public double Width { get; }

    /// <inheritdoc cref="Width"/>
    public double Height { get; }

    /// <summary>Left edge of call <paramref name="call"/>'s box.</summary>
    public double Left(int call) => _left[call];

    /// <summary>Top edge of call <paramref name="call"/>'s box.</summary>
    public double TopOf(int call) => Top + Ranks[call] * (BoxHeight + RankGap);

    /// <summary>Width of call <paramref name="call"/>'s box.</summary>
    public double WidthOf(int call) => _widths[call];

    /// <summary>Where on the bottom edge of <paramref name="call"/>'s box output <paramref name="output"/> of <paramref name="outputs"/> leaves.</summary>
    public (double X, double Y) OutputPort(int call, int output, int outputs) =>
        (_left[call] + _widths[call] * (output + 1) / (outputs + 1), TopOf(call) + BoxHeight);

    /// <summary>Where on the top edge of <paramref name="call"/>'s box input <paramref name="input"/> of <paramref name="inputs"/> enters.</summary>
    public (double X, double Y) InputPort(int call, int input, int inputs) =>
        (_left[call] + _widths[call] * (input + 1) / (inputs + 1), TopOf(call));

    private double RowWidth(List<int> rank) => rank.Sum(c => _widths[c]) + ColumnGap * Math.Max(0, rank.Count - 1);

    private static double Barycentre(ModelGraph graph, int call, double[] centre)
    {
        var from = graph.Edges.Where(e => e.To == call).Select(e => centre[e.From]).ToList();
        return from.Count == 0 ? 0 : from.Average();
    }
}
