using System.Runtime.CompilerServices;

namespace NotebookRnn.Kernels;

/// <summary>
/// Scans of a row-major (rows, steps, width) block for its "marked" steps: a step is marked when some of its
/// <c>width</c> values differs from a given value, as
/// <see cref="MemoryExtensions.ContainsAnyExcept{T}(ReadOnlySpan{T}, T)"/> tells (<see cref="float.Equals(float)"/>: −0 equals 0). Compiled fully optimised from the first call.
/// </summary>
public static class StepKernels
{
    /// <summary>
    /// For each row r: <c>count[r]</c> marked steps, the first at <c>first[r]</c> (<c>steps</c> when none) and the last
    /// at <c>last[r]</c> (−1 when none). The marked steps of row r are contiguous exactly when
    /// <c>count[r] = 0</c> or <c>last[r] − first[r] + 1 = count[r]</c>.
    /// </summary>
    /// <exception cref="ArgumentException">
    /// <paramref name="block"/> is not <c>rows · steps · width</c> floats for rows = <c>count.Length</c>, or an output is shorter.
    /// </exception>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Extents(ReadOnlySpan<float> block, int steps, int width, float value, Span<int> count, Span<int> first, Span<int> last)
    {
        int rows = count.Length;
        if ((long)rows * steps * width != block.Length)
            throw new ArgumentException($"Expected {rows} × {steps} × {width} = {(long)rows * steps * width} floats, got {block.Length}.", nameof(block));
        if (first.Length < rows || last.Length < rows)
            throw new ArgumentException($"Expected first and last to hold {rows} rows, got {first.Length} and {last.Length}.", nameof(first));
        for (int r = 0; r < rows; r++)
        {
            int n = 0, firstStep = steps, lastStep = -1;
            for (int t = 0; t < steps; t++)
            {
                if (!IsMarked(block, (r * steps + t) * width, width, value)) continue;
                n++;
                if (firstStep == steps) firstStep = t;
                lastStep = t;
            }
            (count[r], first[r], last[r]) = (n, firstStep, lastStep);
        }
    }

    /// <summary><c>flags[i]</c> = whether step i (the floats <c>[i·width, (i + 1)·width)</c>) is marked.</summary>
    /// <exception cref="ArgumentException"><paramref name="block"/> is not <c>flags.Length · width</c> floats.</exception>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Flags(ReadOnlySpan<float> block, int width, float value, Span<bool> flags)
    {
        if ((long)flags.Length * width != block.Length)
            throw new ArgumentException($"Expected {flags.Length} steps of {width} floats, got {block.Length} floats.", nameof(block));
        for (int i = 0; i < flags.Length; i++) flags[i] = IsMarked(block, i * width, width, value);
    }

    /// <summary><c>values[i] = flags[i] ? 1 : 0</c>.</summary>
    /// <exception cref="ArgumentException"><paramref name="values"/> is shorter than <paramref name="flags"/>.</exception>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Indicator(ReadOnlySpan<bool> flags, Span<float> values)
    {
        if (values.Length < flags.Length)
            throw new ArgumentException($"Expected at least {flags.Length} values, got {values.Length}.", nameof(values));
        for (int i = 0; i < flags.Length; i++) values[i] = flags[i] ? 1 : 0;
    }

    /// <summary><c>destination[i] = x[i] ∧ y[i]</c>.</summary>
    /// <exception cref="ArgumentException">An input is shorter than <paramref name="destination"/>.</exception>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void And(ReadOnlySpan<bool> x, ReadOnlySpan<bool> y, Span<bool> destination)
    {
        if (x.Length < destination.Length || y.Length < destination.Length)
            throw new ArgumentException($"Expected inputs of at least {destination.Length} flags, got {x.Length} and {y.Length}.", nameof(x));
        for (int i = 0; i < destination.Length; i++) destination[i] = x[i] && y[i];
    }

    /// <summary><c>destination[i] = x[i] ∨ y[i]</c>.</summary>
    /// <exception cref="ArgumentException">An input is shorter than <paramref name="destination"/>.</exception>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Or(ReadOnlySpan<bool> x, ReadOnlySpan<bool> y, Span<bool> destination)
    {
        if (x.Length < destination.Length || y.Length < destination.Length)
            throw new ArgumentException($"Expected inputs of at least {destination.Length} flags, got {x.Length} and {y.Length}.", nameof(x));
        for (int i = 0; i < destination.Length; i++) destination[i] = x[i] || y[i];
    }

    private static bool IsMarked(ReadOnlySpan<float> block, int start, int width, float value) =>
        width == 1 ? !block[start].Equals(value) : block.Slice(start, width).ContainsAnyExcept(value);
}
