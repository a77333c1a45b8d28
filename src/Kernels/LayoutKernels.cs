using System.Runtime.CompilerServices;

namespace NotebookRnn.Kernels;

/// <summary>
/// Moves the values of a row-major block into another layout: <see cref="Permute"/> reorders its axes (a transpose of
/// any rank). Values are copied, never combined.
/// </summary>
public static class LayoutKernels
{
    /// <summary>
    /// Writes the row-major block <paramref name="source"/> of shape <paramref name="shape"/> with its axes reordered:
    /// <c>destination[i₀, …, iᵣ₋₁] = source[j]</c> where <c>j[axes[k]] = iₖ</c>, so destination has shape
    /// <c>(shape[axes[0]], …, shape[axes[r − 1]])</c>. The inverse permutation undoes it.
    /// </summary>
    /// <param name="source">The values, row-major in <paramref name="shape"/>.</param>
    /// <param name="shape">The source's dimensions, each ≥ 0.</param>
    /// <param name="axes">A permutation of <c>0 … shape.Length − 1</c>: destination axis k is source axis <c>axes[k]</c>.</param>
    /// <param name="destination">Receives the permuted values; may not overlap <paramref name="source"/>.</param>
    /// <exception cref="ArgumentException">
    /// <paramref name="axes"/> is not a permutation of the axes of <paramref name="shape"/>, or a span holds fewer values than the shape.
    /// </exception>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Permute(ReadOnlySpan<float> source, ReadOnlySpan<int> shape, ReadOnlySpan<int> axes, Span<float> destination)
    {
        int rank = shape.Length;
        CheckPermutation(axes, rank);
        long count = 1;
        foreach (int d in shape)
        {
            Lengths.NotNegative(d, nameof(shape));
            count *= d;
        }
        Lengths.AtLeast(source.Length, count, nameof(source), "the product of shape");
        Lengths.AtLeast(destination.Length, count, nameof(destination), "the product of shape");
        if (count == 0) return;
        if (rank == 0)
        {
            destination[0] = source[0];
            return;
        }
        // The source stride of each destination axis; the innermost destination axis is walked in one run.
        Span<int> sourceStrides = stackalloc int[rank], strides = stackalloc int[rank], sizes = stackalloc int[rank], index = stackalloc int[rank];
        for (int k = rank - 1, stride = 1; k >= 0; stride *= shape[k], k--) sourceStrides[k] = stride;
        for (int k = 0; k < rank; k++)
        {
            strides[k] = sourceStrides[axes[k]];
            sizes[k] = shape[axes[k]];
        }
        int run = sizes[rank - 1], runStride = strides[rank - 1];
        for (int written = 0, offset = 0; written < count; written += run)
        {
            Span<float> target = destination.Slice(written, run);
            if (runStride == 1) source.Slice(offset, run).CopyTo(target);
            else
                for (int i = 0, at = offset; i < run; i++, at += runStride) target[i] = source[at];
            offset = NextRun(index, sizes, strides, offset);
        }
    }

    // Advances the odometer over every destination axis but the innermost; returns the source offset of the next run.
    private static int NextRun(Span<int> index, ReadOnlySpan<int> sizes, ReadOnlySpan<int> strides, int offset)
    {
        for (int k = sizes.Length - 2; k >= 0; k--)
        {
            if (++index[k] < sizes[k]) return offset + strides[k];
            offset -= (sizes[k] - 1) * strides[k];
            index[k] = 0;
        }
        return offset;
    }

    private static void CheckPermutation(ReadOnlySpan<int> axes, int rank)
    {
        bool valid = axes.Length == rank;
        Span<bool> seen = stackalloc bool[rank];
        for (int k = 0; valid && k < rank; k++)
        {
            valid = (uint)axes[k] < (uint)rank && !seen[axes[k]];
            if (valid) seen[axes[k]] = true;
        }
        if (!valid)
            throw new ArgumentException(
                $"axes must be a permutation of 0 … {rank - 1} (the source has {rank} axes), got [{string.Join(", ", axes.ToArray())}].", nameof(axes));
    }
}
