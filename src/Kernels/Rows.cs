namespace NotebookRnn.Kernels;

/// <summary>The argument checks of the indexed row kernels (<see cref="RowGather"/>, <see cref="RowScatter"/>).</summary>
internal static class Rows
{
    /// <summary>The rows of <paramref name="length"/> floats, which must be whole rows of <paramref name="rowLength"/>.</summary>
    /// <exception cref="ArgumentException">The floats end inside a row.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="rowLength"/> is negative.</exception>
    public static int Count(int length, int rowLength, string name)
    {
        Lengths.NotNegative(rowLength, nameof(rowLength));
        Lengths.WholeRows(length, rowLength, name, nameof(rowLength));
        return length == 0 ? 0 : length / rowLength;
    }

    /// <summary>The whole rows of <paramref name="rowLength"/> in <paramref name="length"/> floats.</summary>
    public static int Available(int length, int rowLength) => rowLength == 0 ? 0 : length / rowLength;

    /// <summary>Throws unless <paramref name="rows"/> holds an index for each of <paramref name="count"/> rows, <paramref name="stride"/> apart.</summary>
    /// <exception cref="ArgumentException">The stride is below 1 or <paramref name="rows"/> too short.</exception>
    public static void CheckIndices(ReadOnlySpan<int> rows, int count, int stride)
    {
        if (stride < 1) throw new ArgumentException($"rowsStride must be ≥ 1, got {stride}.", "rowsStride");
        long needed = count == 0 ? 0 : (long)(count - 1) * stride + 1;
        // The reason is formatted only on failure: these checks run once per row block of every recurrent step.
        if (rows.Length < needed) Lengths.AtLeast(rows.Length, needed, nameof(rows), $"{count} rows, {stride} apart");
    }

    /// <summary><paramref name="index"/>, once checked to be a row of a matrix of <paramref name="rowCount"/> rows.</summary>
    /// <exception cref="ArgumentOutOfRangeException">It is not.</exception>
    public static int Checked(int index, int rowCount, string name) =>
        (uint)index < (uint)rowCount ? index
            : throw new ArgumentOutOfRangeException(name, index, $"{name} holds the index {index}, past the {rowCount} rows of its matrix.");
}
