using System.Runtime.CompilerServices;

namespace NotebookRnn.Kernels;

/// <summary>
/// The nonzeros of a row-major (rows, columns) matrix, row by row (CSR), kept when the matrix is sparse enough that
/// products over its nonzeros beat a dense GEMM: one-hot inputs such as the character model's, where a 57-wide
/// row has a single 1. The buffers grow to the largest matrix seen and are reused.
/// </summary>
public sealed class SparseRows
{
    /// <summary>
    /// Densest matrix kept sparse: 1/16 nonzero, so one-hot input of 16 or more categories. Measured on the textgen
    /// shapes (a 5,120 × 57 input times a 57 × 512 kernel), capture and product over one-hot rows take 0.6 ms against
    /// the GEMM's 1.8 ms, and the two break even near a tenth nonzero, where each nonzero's row update (a pass over
    /// an output row) costs as much as the GEMM's share of that row.
    /// </summary>
    public const double MaxDensity = 1.0 / 16;

    private int[] _rowStart = [0];
    private int[] _columns = [];
    private float[] _values = [];

    /// <summary>Rows of the matrix last captured.</summary>
    public int Rows { get; private set; }

    /// <summary>Columns of the matrix last captured.</summary>
    public int Columns { get; private set; }

    /// <summary>Nonzeros of the matrix last captured.</summary>
    public int NonZeros => _rowStart[Rows];

    /// <summary>
    /// Captures the nonzeros of <paramref name="dense"/> (rows × columns, row-major) when at most
    /// <see cref="MaxDensity"/> of it is nonzero; returns false, as soon as the running count shows the matrix is
    /// denser, otherwise. NaN counts as nonzero, so it reaches the products as it would through a dense GEMM.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="rows"/> or <paramref name="columns"/> is negative.</exception>
    /// <exception cref="ArgumentException"><paramref name="dense"/> is shorter than rows·columns.</exception>
    public bool TryCapture(ReadOnlySpan<float> dense, int rows, int columns)
    {
        Lengths.NotNegative(rows, nameof(rows));
        Lengths.NotNegative(columns, nameof(columns));
        Lengths.AtLeast(dense.Length, (long)rows * columns, nameof(dense), "rows·columns");
        return Capture(dense, default, rows, columns);
    }

    /// <summary>
    /// The same for the matrix whose row k is row <c>sourceRows[k]</c> of <paramref name="source"/> (a row of zeros where
    /// <c>sourceRows[k] &lt; 0</c>), as <see cref="RowKernels.Gather"/> would assemble it, without assembling it.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="columns"/> is negative.</exception>
    /// <exception cref="ArgumentException">A source row lies past the end of <paramref name="source"/>.</exception>
    public bool TryCapture(ReadOnlySpan<float> source, ReadOnlySpan<int> sourceRows, int columns)
    {
        Lengths.NotNegative(columns, nameof(columns));
        long sourceRowCount = columns == 0 ? long.MaxValue : source.Length / columns;
        foreach (int row in sourceRows)
            if (row >= sourceRowCount)
                throw new ArgumentException($"Source row {row} lies past the {sourceRowCount} rows of {columns} columns in source.", nameof(sourceRows));
        return Capture(source, sourceRows, sourceRows.Length, columns);
    }

    // Row r of the matrix is source row rowMap[r] (empty map: row r).
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private bool Capture(ReadOnlySpan<float> source, ReadOnlySpan<int> rowMap, int rows, int columns)
    {
        long budget = (long)(MaxDensity * rows * columns);
        if (_rowStart.Length < rows + 1) _rowStart = new int[rows + 1];
        if (_columns.Length < budget) (_columns, _values) = (new int[budget], new float[budget]);
        Rows = Columns = 0;
        int count = 0;
        for (int r = 0; r < rows; r++)
        {
            _rowStart[r] = count;
            int sourceRow = rowMap.IsEmpty ? r : rowMap[r];
            if (sourceRow < 0) continue;
            ReadOnlySpan<float> row = source.Slice(sourceRow * columns, columns);
            // The vectorised search skips the zeros (−0 equals 0; NaN is not 0), which are nearly all of a one-hot row.
            for (int j = row.IndexOfAnyExcept(0f); j >= 0; j = NextNonZero(row, j))
            {
                if (count >= budget || count > MaxDensity * (r + 1) * columns + columns) return false;
                _columns[count] = j;
                _values[count++] = row[j];
            }
        }
        _rowStart[rows] = count;
        (Rows, Columns) = (rows, columns);
        return true;
    }

    private static int NextNonZero(ReadOnlySpan<float> row, int j)
    {
        int next = row[(j + 1)..].IndexOfAnyExcept(0f);
        return next < 0 ? -1 : j + 1 + next;
    }

    /// <summary>
    /// <c>C = S·B (+ bias on every row)</c>: S is the captured (rows × k) matrix, B is (k × n) row-major, C is
    /// (rows × n) and is overwritten. An empty <paramref name="bias"/> means none.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="n"/> is negative.</exception>
    /// <exception cref="ArgumentException">A span is shorter than its matrix, or a bias is not n long.</exception>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void Multiply(ReadOnlySpan<float> b, int n, ReadOnlySpan<float> bias, Span<float> c) => Multiply(b, n, bias, c, 0, Rows);

    /// <summary>
    /// The same for the captured rows [<paramref name="firstRow"/>, firstRow + <paramref name="rows"/>) only: C is
    /// (rows × n), its row i the product's row firstRow + i. A recurrent step projects its own rows this way, right
    /// before it uses them.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">The rows lie outside the captured ones, or <paramref name="n"/> is negative.</exception>
    /// <exception cref="ArgumentException">A span is shorter than its matrix, or a bias is not n long.</exception>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void Multiply(ReadOnlySpan<float> b, int n, ReadOnlySpan<float> bias, Span<float> c, int firstRow, int rows)
    {
        Lengths.NotNegative(n, nameof(n));
        if (firstRow < 0 || rows < 0 || firstRow + rows > Rows)
            throw new ArgumentOutOfRangeException(nameof(rows), $"Rows [{firstRow}, {firstRow + rows}) lie outside the {Rows} captured rows.");
        Lengths.AtLeast(b.Length, (long)Columns * n, nameof(b), "the captured columns·n");
        Lengths.AtLeast(c.Length, (long)rows * n, nameof(c), "rows·n");
        if (!bias.IsEmpty && bias.Length != n)
            throw new ArgumentException($"bias must be empty or hold n = {n} values, got {bias.Length}.", nameof(bias));
        for (int i = 0; i < rows; i++)
        {
            int r = firstRow + i;
            Span<float> target = c.Slice(i * n, n);
            int first = _rowStart[r], end = _rowStart[r + 1];
            // The first nonzero writes the row (a one-hot row is then done in one pass over it).
            if (first == end && bias.IsEmpty) target.Clear();
            else if (first == end) bias.CopyTo(target);
            else if (bias.IsEmpty) ElementwiseKernels.Multiply(b.Slice(_columns[first] * n, n), _values[first], target);
            else ElementwiseKernels.MultiplyAdd(b.Slice(_columns[first] * n, n), _values[first], bias, target);
            for (int e = first + 1; e < end; e++)
                ElementwiseKernels.MultiplyAdd(b.Slice(_columns[e] * n, n), _values[e], target, target);
        }
    }

    /// <summary><c>T += Sᵀ·D</c>: D is (rows × n) row-major, T is (k × n), k the captured matrix's columns.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="n"/> is negative.</exception>
    /// <exception cref="ArgumentException">A span is shorter than its matrix.</exception>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void AddTransposedProduct(ReadOnlySpan<float> d, int n, Span<float> target)
    {
        Lengths.NotNegative(n, nameof(n));
        Lengths.AtLeast(d.Length, (long)Rows * n, nameof(d), "the captured rows·n");
        Lengths.AtLeast(target.Length, (long)Columns * n, nameof(target), "the captured columns·n");
        for (int r = 0; r < Rows; r++)
        {
            ReadOnlySpan<float> row = d.Slice(r * n, n);
            for (int e = _rowStart[r]; e < _rowStart[r + 1]; e++)
            {
                Span<float> to = target.Slice(_columns[e] * n, n);
                ElementwiseKernels.MultiplyAdd(row, _values[e], to, to);
            }
        }
    }
}
