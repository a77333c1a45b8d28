namespace NotebookRnn.Notebook.Views;

/// <summary>
/// Where the boxes of a <see cref="ModelGraph"/> go: layered by longest path, so that a call sits one rank below the
/// lowest call it takes a tensor from and the inputs are on top. An edge that spans several ranks gets a narrow lane in
/// each rank it crosses, so that it runs beside the boxes there rather than through them (Sugiyama's dummy nodes).
/// Within a rank, boxes and lanes are ordered by the mean position of what they take from (ties by call order) and the
/// rank is centred. The same graph always gives the same layout.
/// </summary>
internal sealed class GraphLayout
{
    /// <summary>Height of a box, vertical space between ranks (where edges and their labels run), space between boxes of a rank.</summary>
    public const double BoxHeight = 58, RankGap = 54, ColumnGap = 28;

    /// <summary>Width of the lane a long edge takes in a rank it crosses.</summary>
    public const double LaneWidth = 12;

    /// <summary>Space at the left and right edges, and above the first rank (the title).</summary>
    public const double Margin = 12, Top = 52;

    // Nodes 0 … calls − 1 are the calls; the others are lanes of long edges. _from[n]: the nodes n takes from.
    private readonly List<double> _widths;
    private readonly List<int> _ranks;
    private readonly List<List<int>> _from;
    private readonly double[] _left;
    private readonly int[][] _lanes;
    private readonly int _calls;

    /// <summary>Lays out <paramref name="graph"/> with boxes of the given widths (one per call).</summary>
    public GraphLayout(ModelGraph graph, IReadOnlyList<double> widths)
    {
        _calls = graph.Calls.Count;
        _widths = [.. widths];
        _ranks = [.. Enumerable.Repeat(0, _calls)];
        // Calls come after the calls they take from, so one pass in call order gives the longest path.
        foreach (GraphEdge edge in graph.Edges) _ranks[edge.To] = Math.Max(_ranks[edge.To], _ranks[edge.From] + 1);
        _from = [.. Enumerable.Range(0, _calls).Select(_ => new List<int>())];
        _lanes = [.. graph.Edges.Select(AddLanes)];
        int rankCount = _calls == 0 ? 0 : _ranks.Max() + 1;
        var byRank = Enumerable.Range(0, rankCount).Select(r => Enumerable.Range(0, _ranks.Count).Where(n => _ranks[n] == r).ToList()).ToList();
        var centre = new double[_ranks.Count];
        _left = new double[_ranks.Count];
        for (int r = 0; r < rankCount; r++)
        {
            if (r > 0) byRank[r] = [.. byRank[r].OrderBy(n => _from[n].Count == 0 ? 0 : _from[n].Average(f => centre[f])).ThenBy(n => n)];
            double x = 0;
            foreach (int n in byRank[r])
            {
                _left[n] = x;
                centre[n] = x + _widths[n] / 2;
                x += _widths[n] + ColumnGap;
            }
            // Every rank is centred, so a box's centre is taken relative to its rank's middle.
            double middle = RowWidth(byRank[r]) / 2;
            foreach (int n in byRank[r]) centre[n] -= middle;
        }
        double widest = byRank.Select(RowWidth).DefaultIfEmpty(0).Max();
        foreach (List<int> rank in byRank)
        {
            double shift = Margin + (widest - RowWidth(rank)) / 2;
            foreach (int n in rank) _left[n] += shift;
        }
        Width = widest + 2 * Margin;
        Height = Top + rankCount * BoxHeight + Math.Max(0, rankCount - 1) * RankGap;
        RankOrder = [.. byRank.Select(rank => (IReadOnlyList<int>)[.. rank.Where(n => n < _calls)])];
    }

    /// <summary>Each call's rank: 0 for the inputs.</summary>
    public IReadOnlyList<int> Ranks => _ranks[.._calls];

    /// <summary>The calls of each rank, left to right.</summary>
    public IReadOnlyList<IReadOnlyList<int>> RankOrder { get; }

    /// <summary>The width of the drawing, and the height down to the last rank's bottom.</summary>
    public double Width { get; }

    /// <inheritdoc cref="Width"/>
    public double Height { get; }

    /// <summary>Left edge of call <paramref name="call"/>'s box.</summary>
    public double Left(int call) => _left[call];

    /// <summary>Top edge of call <paramref name="call"/>'s box.</summary>
    public double TopOf(int call) => Top + _ranks[call] * (BoxHeight + RankGap);

    /// <summary>Width of call <paramref name="call"/>'s box.</summary>
    public double WidthOf(int call) => _widths[call];

    /// <summary>
    /// The points edge <paramref name="index"/> of the graph runs through: out of the bottom of its source box (output
    /// k of n at (k + 1)/(n + 1) of the width), down the middle of each lane it crosses, into the top of its target box.
    /// </summary>
    public IReadOnlyList<(double X, double Y)> Route(int index, GraphEdge edge, int outputs, int inputs)
    {
        var points = new List<(double X, double Y)> { (_left[edge.From] + _widths[edge.From] * (edge.Output + 1) / (outputs + 1), TopOf(edge.From) + BoxHeight) };
        foreach (int lane in _lanes[index])
        {
            double x = _left[lane] + LaneWidth / 2;
            points.Add((x, TopOf(lane)));
            points.Add((x, TopOf(lane) + BoxHeight));
        }
        points.Add((_left[edge.To] + _widths[edge.To] * (edge.Input + 1) / (inputs + 1), TopOf(edge.To)));
        return points;
    }

    // A lane in every rank strictly between the edge's ends; the target then takes from the last lane.
    private int[] AddLanes(GraphEdge edge)
    {
        var lanes = new List<int>();
        int previous = edge.From;
        for (int rank = _ranks[edge.From] + 1; rank < _ranks[edge.To]; rank++)
        {
            _widths.Add(LaneWidth);
            _ranks.Add(rank);
            _from.Add([previous]);
            previous = _ranks.Count - 1;
            lanes.Add(previous);
        }
        _from[edge.To].Add(previous);
        return [.. lanes];
    }

    private double RowWidth(List<int> rank) => rank.Sum(n => _widths[n]) + ColumnGap * Math.Max(0, rank.Count - 1);
}
