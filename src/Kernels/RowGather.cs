using System.Runtime.CompilerServices;

namespace NotebookRnn.Kernels;

/// <summary>
/// Rows picked by index out of a row-major matrix: <c>destination row i = source row rows[i·rowsStride]</c>. The
/// recurrent loop gathers each computed row-step's input from (batch·time) rows into its packed step order this way,
/// and its output rows back out of that order.
/// </summary>
public static class RowGather
{
    /// <summary>
    /// <c>destination row i = source row rows[i·rowsStride]</c> for every row of <paramref name="destination"/>, or zeros
    /// where that index is negative. Rows are <paramref name="rowLength"/> floats; <paramref name="rowsStride"/> picks
    /// every so-many index (a column of a (rows, steps) index table).
    /// </summary>
    /// <exception cref="ArgumentException">
    /// The destination is not whole rows, <paramref name="rows"/> is too short, or a stride is below 1.
    /// </exception>
    /// <exception cref="ArgumentOutOfRangeException">An index is past the rows of <paramref name="source"/>.</exception>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Copy(ReadOnlySpan<float> source, ReadOnlySpan<int> rows, Span<float> destination, int rowLength, int rowsStride = 1)
    {
        int count = Rows.Count(destination.Length, rowLength, nameof(destination));
        Rows.CheckIndices(rows, count, rowsStride);
        int sourceRows = Rows.Available(source.Length, rowLength);
        for (int i = 0; i < count; i++)
        {
            int from = rows[i * rowsStride];
            Span<float> target = destination.Slice(i * rowLength, rowLength);
            if (from < 0) target.Clear();
            else source.Slice(Rows.Checked(from, sourceRows, nameof(rows)) * rowLength, rowLength).CopyTo(target);
        }
    }

    /// <summary>
    /// <c>destination row i = source row rows[i] ⊙ factors row factorRows[i]</c> for every row of
    /// <paramref name="destination"/>, or zeros where rows[i] is negative: a gather with a per-sample dropout mask.
    /// </summary>
    /// <exception cref="ArgumentException">The destination is not whole rows, or an index span is too short.</exception>
    /// <exception cref="ArgumentOutOfRangeException">An index is past the rows of its matrix.</exception>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Multiply(ReadOnlySpan<float> source, ReadOnlySpan<int> rows, ReadOnlySpan<float> factors,
        ReadOnlySpan<int> factorRows, Span<float> destination, int rowLength)
    {
        int count = Rows.Count(destination.Length, rowLength, nameof(destination));
        Rows.CheckIndices(rows, count, 1);
        Lengths.AtLeast(factorRows.Length, count, nameof(factorRows), "one index per destination row");
        int sourceRows = Rows.Available(source.Length, rowLength), factorCount = Rows.Available(factors.Length, rowLength);
        for (int i = 0; i < count; i++)
        {
            Span<float> target = destination.Slice(i * rowLength, rowLength);
            if (rows[i] < 0)
            {
                target.Clear();
                continue;
            }
            ReadOnlySpan<float> from = source.Slice(Rows.Checked(rows[i], sourceRows, nameof(rows)) * rowLength, rowLength);
            ReadOnlySpan<float> factor = factors.Slice(Rows.Checked(factorRows[i], factorCount, nameof(factorRows)) * rowLength, rowLength);
            ElementwiseKernels.Multiply(from, factor, target);
        }
    }
}
