using System.Runtime.CompilerServices;

namespace NotebookRnn.Kernels;

/// <summary>
/// Rows written to places picked by index in a row-major matrix: <c>destination row rows[i·rowsStride] (op)= source
/// row i</c>, skipping negative indices. The recurrent loop scatters output gradients into its packed step order and
/// input gradients back out of it this way.
/// </summary>
public static class RowScatter
{
    /// <summary>
    /// <c>destination row rows[i] = source row i</c> for every row of <paramref name="source"/> whose index is not
    /// negative. Rows are <paramref name="rowLength"/> floats.
    /// </summary>
    /// <exception cref="ArgumentException">The source is not whole rows, or <paramref name="rows"/> is too short.</exception>
    /// <exception cref="ArgumentOutOfRangeException">An index is past the rows of <paramref name="destination"/>.</exception>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Copy(ReadOnlySpan<float> source, ReadOnlySpan<int> rows, Span<float> destination, int rowLength)
    {
        int count = Rows.Count(source.Length, rowLength, nameof(source));
        Rows.CheckIndices(rows, count, 1);
        int destinationRows = Rows.Available(destination.Length, rowLength);
        for (int i = 0; i < count; i++)
        {
            if (rows[i] < 0) continue;
            source.Slice(i * rowLength, rowLength)
                .CopyTo(destination.Slice(Rows.Checked(rows[i], destinationRows, nameof(rows)) * rowLength, rowLength));
        }
    }

    /// <summary>
    /// <c>destination row rows[i·rowsStride] += source row i</c> for every row of <paramref name="source"/> whose index
    /// is not negative; <paramref name="rowsStride"/> picks every so-many index (a column of a (rows, steps) index table).
    /// </summary>
    /// <exception cref="ArgumentException">
    /// The source is not whole rows, <paramref name="rows"/> is too short, or a stride is below 1.
    /// </exception>
    /// <exception cref="ArgumentOutOfRangeException">An index is past the rows of <paramref name="destination"/>.</exception>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Add(ReadOnlySpan<float> source, ReadOnlySpan<int> rows, Span<float> destination, int rowLength, int rowsStride = 1)
    {
        int count = Rows.Count(source.Length, rowLength, nameof(source));
        Rows.CheckIndices(rows, count, rowsStride);
        int destinationRows = Rows.Available(destination.Length, rowLength);
        for (int i = 0; i < count; i++)
        {
            int to = rows[i * rowsStride];
            if (to < 0) continue;
            Span<float> target = destination.Slice(Rows.Checked(to, destinationRows, nameof(rows)) * rowLength, rowLength);
            ElementwiseKernels.Add(target, source.Slice(i * rowLength, rowLength), target);
        }
    }

    /// <summary>
    /// <c>destination row rows[i] = source row i ⊙ factors row factorRows[i]</c> for every row of
    /// <paramref name="source"/> whose index is not negative: a scatter with a per-sample dropout mask.
    /// </summary>
    /// <exception cref="ArgumentException">The source is not whole rows, or an index span is too short.</exception>
    /// <exception cref="ArgumentOutOfRangeException">An index is past the rows of its matrix.</exception>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Multiply(ReadOnlySpan<float> source, ReadOnlySpan<int> rows, ReadOnlySpan<float> factors,
        ReadOnlySpan<int> factorRows, Span<float> destination, int rowLength)
    {
        int count = Rows.Count(source.Length, rowLength, nameof(source));
        Rows.CheckIndices(rows, count, 1);
        Lengths.AtLeast(factorRows.Length, count, nameof(factorRows), "one index per source row");
        int destinationRows = Rows.Available(destination.Length, rowLength), factorCount = Rows.Available(factors.Length, rowLength);
        for (int i = 0; i < count; i++)
        {
            if (rows[i] < 0) continue;
            Span<float> target = destination.Slice(Rows.Checked(rows[i], destinationRows, nameof(rows)) * rowLength, rowLength);
            ReadOnlySpan<float> factor = factors.Slice(Rows.Checked(factorRows[i], factorCount, nameof(factorRows)) * rowLength, rowLength);
            ElementwiseKernels.Multiply(source.Slice(i * rowLength, rowLength), factor, target);
        }
    }
}
