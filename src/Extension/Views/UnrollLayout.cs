using NotebookRnn.Notebook.Charts;

namespace NotebookRnn.Notebook.Views;

/// <summary>
/// Where an unroll graph's columns go across the page, and which steps get one. Every step gets a cell when all of them
/// fit within <see cref="Legibility.MaxWidth"/> and the user's cap; otherwise the first and the last steps do, with one
/// gap column between them that counts the steps hidden. Hiding steps, rather than drawing them smaller, keeps the
/// graph no wider than <see cref="Legibility.MaxWidth"/>, so its text stays legible where a notebook shrinks it.
/// </summary>
internal sealed class UnrollLayout
{
    /// <summary>Width of a step cell, and the space between two cells where the state arrow runs.</summary>
    public const double CellWidth = 46, Gap = 22;

    /// <summary>Where the first cell starts: the loop node, h₀ and the "rows:" label sit left of it.</summary>
    public const double CellsLeft = 170;

    /// <summary>Width of the gap column: room for "… 99,999 steps …" at 11 px.</summary>
    public const double GapCellWidth = 104;

    /// <summary>Width of the box of steps no row needs, drawn right of the cells after <see cref="Gap"/>.</summary>
    public const double NotRunWidth = 130;

    /// <summary>Room right of a backward row's cells for its initial state h₀ (centred 32 px out, radius 10) and its arrow.</summary>
    public const double InitialStateRoom = 50;

    /// <summary>Space kept clear at the left and right edges.</summary>
    public const double Margin = 12;

    private const double Pitch = CellWidth + Gap, GapPitch = GapCellWidth + Gap;

    private readonly IReadOnlyList<UnrollRow> _rows;
    private readonly IReadOnlyList<int?>[] _columns;

    /// <summary>Lays out <paramref name="rows"/> with at most <paramref name="maxSteps"/> step cells a row (the user's cap).</summary>
    /// <remarks>
    /// Every row gets the room of the one with the most to its right (h₀ of a backward row, the steps not run), so the
    /// two rows of a Bidirectional layer keep their columns one above the other.
    /// </remarks>
    public UnrollLayout(IReadOnlyList<UnrollRow> rows, int maxSteps)
    {
        _rows = rows;
        double room = Legibility.MaxWidth - Margin - rows.Max(RightOfCells) - CellsLeft;
        _columns = [.. rows.Select(row => Columns(row.Plan.Steps, Shown(row.Plan.Steps, maxSteps, room)))];
    }

    /// <summary>The width the cells and everything right of them need, never more than <see cref="Legibility.MaxWidth"/>.</summary>
    public double Width => _rows.Select((row, r) => CellsRight(r) + RightOfCells(row)).Max() + Margin;

    /// <summary>The steps of row <paramref name="row"/> that get a cell, in processing order; null is the gap column.</summary>
    public IReadOnlyList<int?> ColumnsOf(int row) => _columns[row];

    /// <summary>The steps the gap column of row <paramref name="row"/> hides (0 when it has none).</summary>
    public int HiddenSteps(int row) => _rows[row].Plan.Steps - _columns[row].Count(c => c is not null);

    /// <summary>
    /// The left edge of each column of row <paramref name="row"/>, in column order: left to right, or right to left for
    /// a backward row.
    /// </summary>
    public double[] Lefts(int row)
    {
        IReadOnlyList<int?> columns = _columns[row];
        var lefts = new double[columns.Count];
        double x = CellsLeft;
        for (int position = 0; position < columns.Count; position++)
        {
            int c = _rows[row].Backward ? columns.Count - 1 - position : position;
            lefts[c] = x;
            x += WidthOf(columns[c]) + Gap;
        }
        return lefts;
    }

    /// <summary>The right edge of the rightmost column of row <paramref name="row"/>.</summary>
    public double CellsRight(int row) => CellsLeft + _columns[row].Sum(WidthOf) + Gap * Math.Max(0, _columns[row].Count - 1);

    /// <summary>The width of a column: a cell, or the gap column (null).</summary>
    public static double WidthOf(int? step) => step is null ? GapCellWidth : CellWidth;

    /// <summary>Where the box of steps not run starts, right of the cells (and of h₀ for a backward unrolled row).</summary>
    public double NotRunLeft(int row) => CellsRight(row) + (HasStateOnTheRight(_rows[row]) ? InitialStateRoom : 0) + Gap;

    /// <summary>
    /// The steps drawn: all of them when <paramref name="shown"/> ≥ <paramref name="steps"/>, else the first
    /// ⌈shown/2⌉ and the last ⌊shown/2⌋ with one gap (null) between; always the first and the last step.
    /// </summary>
    internal static IReadOnlyList<int?> Columns(int steps, int shown)
    {
        if (steps <= shown) return [.. Enumerable.Range(0, steps).Select(s => (int?)s)];
        shown = Math.Max(2, shown);
        int head = (shown + 1) / 2, tail = shown / 2;
        return [.. Enumerable.Range(0, head).Select(s => (int?)s), null, .. Enumerable.Range(steps - tail, tail).Select(s => (int?)s)];
    }

    /// <summary>
    /// How many of <paramref name="steps"/> get a cell when the cells may take <paramref name="room"/> px: all, if
    /// they fit and the cap allows; else as many as fit beside the gap column, up to the cap.
    /// </summary>
    private static int Shown(int steps, int maxSteps, double room)
    {
        int fitWithoutGap = (int)Math.Floor((room + Gap) / Pitch);
        int fitBesideGap = (int)Math.Floor((room + Gap - GapPitch) / Pitch);
        return steps <= Math.Min(maxSteps, fitWithoutGap) ? steps : Math.Min(maxSteps, fitBesideGap);
    }

    private static bool HasStateOnTheRight(UnrollRow row) => row.Backward && row.Plan.Unrolled;

    private static double RightOfCells(UnrollRow row)
    {
        double state = HasStateOnTheRight(row) ? InitialStateRoom : 0;
        return row.Plan.TimeSteps > row.Plan.Steps ? state + Gap + NotRunWidth : state;
    }
}
