using System.Runtime.CompilerServices;

namespace NotebookRnn.Kernels;

/// <summary>
/// Row moves between row-major (rows, width) matrices by index lists: gather, scatter, indexed copy and add, row
/// scaling, and the per-row selects that keep some rows of a step and carry others. A negative index means "no row":
/// a gather writes zeros for it, a scatter skips it. Rows are moved with span copies and
/// <see cref="ElementwiseKernels"/>, compiled fully optimised from the first call.
/// </summary>
/// <remarks>
/// Index lists address rows, not floats: row <c>k</c> of a matrix is the floats <c>[k·width, (k + 1)·width)</c>.
/// Every index must address a row inside its matrix (spans check it); a destination may not overlap a source.
/// </remarks>
internal static class RowKernels
{
    /// <summary><c>destination[k] = source[sourceRows[k]]</c>, or zeros where <c>sourceRows[k] &lt; 0</c>, for every k.</summary>
    /// <exception cref="ArgumentException"><paramref name="destination"/> holds fewer than <c>sourceRows.Length</c> rows.</exception>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Gather(ReadOnlySpan<float> source, ReadOnlySpan<int> sourceRows, Span<float> destination, int width)
    {
        CheckRows(destination.Length, sourceRows.Length, width, nameof(destination));
        for (int k = 0; k < sourceRows.Length; k++)
        {
            Span<float> target = destination.Slice(k * width, width);
            int row = sourceRows[k];
            if (row >= 0) source.Slice(row * width, width).CopyTo(target);
            else target.Clear();
        }
    }

    /// <summary><c>destination[destinationRows[k]] = source[k]</c> for every k with <c>destinationRows[k] ≥ 0</c>.</summary>
    /// <exception cref="ArgumentException"><paramref name="source"/> holds fewer than <c>destinationRows.Length</c> rows.</exception>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Scatter(ReadOnlySpan<float> source, Span<float> destination, ReadOnlySpan<int> destinationRows, int width)
    {
        CheckRows(source.Length, destinationRows.Length, width, nameof(source));
        for (int k = 0; k < destinationRows.Length; k++)
        {
            int row = destinationRows[k];
            if (row >= 0) source.Slice(k * width, width).CopyTo(destination.Slice(row * width, width));
        }
    }

    /// <summary>
    /// <c>destination[destinationRows[k]] += source[k]</c> for every k with <c>destinationRows[k] ≥ 0</c>; a row
    /// listed twice receives both sums, in k order.
    /// </summary>
    /// <exception cref="ArgumentException"><paramref name="source"/> holds fewer than <c>destinationRows.Length</c> rows.</exception>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void ScatterAdd(ReadOnlySpan<float> source, Span<float> destination, ReadOnlySpan<int> destinationRows, int width)
    {
        CheckRows(source.Length, destinationRows.Length, width, nameof(source));
        for (int k = 0; k < destinationRows.Length; k++)
        {
            int row = destinationRows[k];
            if (row < 0) continue;
            Span<float> target = destination.Slice(row * width, width);
            ElementwiseKernels.Add(target, source.Slice(k * width, width), target);
        }
    }

    /// <summary><c>destination[destinationRows[k]] = source[sourceRows[k]]</c> for every k.</summary>
    /// <exception cref="ArgumentException">The two index lists differ in length.</exception>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Copy(ReadOnlySpan<float> source, ReadOnlySpan<int> sourceRows, Span<float> destination, ReadOnlySpan<int> destinationRows,
        int width)
    {
        CheckPairs(sourceRows.Length, destinationRows.Length);
        for (int k = 0; k < sourceRows.Length; k++)
            source.Slice(sourceRows[k] * width, width).CopyTo(destination.Slice(destinationRows[k] * width, width));
    }

    /// <summary><c>destination[destinationRows[k]] += source[sourceRows[k]]</c> for every k, in k order.</summary>
    /// <exception cref="ArgumentException">The two index lists differ in length.</exception>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Add(ReadOnlySpan<float> source, ReadOnlySpan<int> sourceRows, Span<float> destination, ReadOnlySpan<int> destinationRows,
        int width)
    {
        CheckPairs(sourceRows.Length, destinationRows.Length);
        for (int k = 0; k < sourceRows.Length; k++)
        {
            Span<float> target = destination.Slice(destinationRows[k] * width, width);
            ElementwiseKernels.Add(target, source.Slice(sourceRows[k] * width, width), target);
        }
    }

    /// <summary><c>rows[k] = rows[k] ⊙ factors[factorRows[k]]</c> for every k: one factor row per row, e.g. a dropout mask.</summary>
    /// <exception cref="ArgumentException"><paramref name="rows"/> holds fewer than <c>factorRows.Length</c> rows.</exception>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void MultiplyRows(Span<float> rows, ReadOnlySpan<float> factors, ReadOnlySpan<int> factorRows, int width)
    {
        CheckRows(rows.Length, factorRows.Length, width, nameof(rows));
        for (int k = 0; k < factorRows.Length; k++)
        {
            Span<float> row = rows.Slice(k * width, width);
            ElementwiseKernels.Multiply(row, factors.Slice(factorRows[k] * width, width), row);
        }
    }

    /// <summary><c>rows[k] = previous[k]</c> where <c>keep[k]</c> is false; rows that keep their value are untouched.</summary>
    /// <exception cref="ArgumentException"><paramref name="rows"/> holds fewer than <c>keep.Length</c> rows.</exception>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Carry(ReadOnlySpan<bool> keep, ReadOnlySpan<float> previous, Span<float> rows, int width)
    {
        CheckRows(rows.Length, keep.Length, width, nameof(rows));
        for (int k = 0; k < keep.Length; k++)
            if (!keep[k]) previous.Slice(k * width, width).CopyTo(rows.Slice(k * width, width));
    }

    /// <summary>Where <c>keep[k]</c> is false: <c>aside[k] = rows[k]</c>, then <c>rows[k] = 0</c>.</summary>
    /// <exception cref="ArgumentException"><paramref name="rows"/> holds fewer than <c>keep.Length</c> rows.</exception>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void SetAside(ReadOnlySpan<bool> keep, Span<float> rows, Span<float> aside, int width)
    {
        CheckRows(rows.Length, keep.Length, width, nameof(rows));
        for (int k = 0; k < keep.Length; k++)
        {
            if (keep[k]) continue;
            Span<float> row = rows.Slice(k * width, width);
            row.CopyTo(aside.Slice(k * width, width));
            row.Clear();
        }
    }

    /// <summary>Where <c>keep[k]</c> is false: <c>rows[k] += aside[k]</c> (the inverse of <see cref="SetAside"/> for a sum).</summary>
    /// <exception cref="ArgumentException"><paramref name="rows"/> holds fewer than <c>keep.Length</c> rows.</exception>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void AddBack(ReadOnlySpan<bool> keep, ReadOnlySpan<float> aside, Span<float> rows, int width)
    {
        CheckRows(rows.Length, keep.Length, width, nameof(rows));
        for (int k = 0; k < keep.Length; k++)
        {
            if (keep[k]) continue;
            Span<float> row = rows.Slice(k * width, width);
            ElementwiseKernels.Add(row, aside.Slice(k * width, width), row);
        }
    }

    /// <summary>
    /// <c>destination[k] = source[k]</c> where <c>weights[k] ≠ 0</c>, zeros where it is 0 (cleared, not multiplied, so
    /// a non-finite value in a dropped row does not leak through as NaN).
    /// </summary>
    /// <exception cref="ArgumentException"><paramref name="source"/> or <paramref name="destination"/> holds fewer than <c>weights.Length</c> rows.</exception>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void KeepRows(ReadOnlySpan<float> source, ReadOnlySpan<float> weights, Span<float> destination, int width)
    {
        CheckRows(source.Length, weights.Length, width, nameof(source));
        CheckRows(destination.Length, weights.Length, width, nameof(destination));
        for (int k = 0; k < weights.Length; k++)
        {
            Span<float> target = destination.Slice(k * width, width);
            if (weights[k] != 0) source.Slice(k * width, width).CopyTo(target);
            else target.Clear();
        }
    }

    private static void CheckRows(int length, int rows, int width, string argument)
    {
        if ((long)rows * width > length)
            throw new ArgumentException($"Expected at least {rows} rows of {width} floats ({(long)rows * width}), got {length} floats.", argument);
    }

    private static void CheckPairs(int sourceRows, int destinationRows)
    {
        if (sourceRows != destinationRows)
            throw new ArgumentException($"Expected as many destination rows as source rows ({sourceRows}), got {destinationRows}.", "destinationRows");
    }
}
