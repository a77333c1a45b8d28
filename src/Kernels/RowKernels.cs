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
public static class RowKernels
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

    /// <summary>
    /// <c>destination[k] = [left[k], right[k]]</c>: the rows of a (rows, leftWidth) and a (rows, rightWidth) matrix side
    /// by side in a (rows, leftWidth + rightWidth) matrix.
    /// </summary>
    /// <exception cref="ArgumentException">The matrices do not hold the same number of rows.</exception>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Concatenate(ReadOnlySpan<float> left, int leftWidth, ReadOnlySpan<float> right, int rightWidth, Span<float> destination)
    {
        int rows = CheckSplit(left.Length, leftWidth, right.Length, rightWidth, destination.Length), width = leftWidth + rightWidth;
        for (int k = 0; k < rows; k++)
        {
            Span<float> target = destination.Slice(k * width, width);
            left.Slice(k * leftWidth, leftWidth).CopyTo(target);
            right.Slice(k * rightWidth, rightWidth).CopyTo(target[leftWidth..]);
        }
    }

    /// <summary>The inverse of <see cref="Concatenate"/>: <c>left[k]</c> and <c>right[k]</c> get the two parts of <c>source[k]</c>.</summary>
    /// <exception cref="ArgumentException">The matrices do not hold the same number of rows.</exception>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Split(ReadOnlySpan<float> source, Span<float> left, int leftWidth, Span<float> right, int rightWidth)
    {
        int rows = CheckSplit(left.Length, leftWidth, right.Length, rightWidth, source.Length), width = leftWidth + rightWidth;
        for (int k = 0; k < rows; k++)
        {
            ReadOnlySpan<float> row = source.Slice(k * width, width);
            row[..leftWidth].CopyTo(left.Slice(k * leftWidth, leftWidth));
            row[leftWidth..].CopyTo(right.Slice(k * rightWidth, rightWidth));
        }
    }

    /// <summary>
    /// Reverses the order of the rows inside each block: for a (blocks, blockRows, width) array,
    /// <c>destination[b, t] = source[b, blockRows − 1 − t]</c> (a sequence batch's time axis).
    /// </summary>
    /// <exception cref="ArgumentException">The arrays are not blocks · blockRows · width floats each.</exception>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void ReverseWithinBlocks(ReadOnlySpan<float> source, Span<float> destination, int blocks, int blockRows, int width)
    {
        long length = (long)blocks * blockRows * width;
        if (source.Length != length || destination.Length != length)
            throw new ArgumentException(
                $"Expected {blocks} × {blockRows} × {width} = {length} floats in and out, got {source.Length} and {destination.Length}.", nameof(source));
        for (int b = 0; b < blocks; b++)
            for (int t = 0; t < blockRows; t++)
                source.Slice((b * blockRows + t) * width, width).CopyTo(destination.Slice((b * blockRows + blockRows - 1 - t) * width, width));
    }

    private static int CheckSplit(int left, int leftWidth, int right, int rightWidth, int whole)
    {
        long rows = leftWidth + rightWidth == 0 ? 0 : whole / (leftWidth + rightWidth);
        if ((long)rows * (leftWidth + rightWidth) != whole || rows * leftWidth != left || rows * rightWidth != right)
            throw new ArgumentException(
                $"Expected the same rows in a matrix of width {leftWidth} ({left} floats), one of width {rightWidth} ({right} floats) " +
                $"and one of width {leftWidth + rightWidth} ({whole} floats).", "destination");
        return (int)rows;
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
