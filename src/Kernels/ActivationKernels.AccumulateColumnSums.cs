using System.Runtime.CompilerServices;

namespace NotebookRnn.Kernels;

public static partial class ActivationKernels
{
    /// <summary>Adds the column sums of <paramref name="values"/> (rows of sums.Length) into <paramref name="sums"/>.</summary>
    /// <exception cref="ArgumentException"><paramref name="values"/> is not a whole number of rows.</exception>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void AccumulateColumnSums(ReadOnlySpan<float> values, Span<float> sums)
    {
        Lengths.WholeRows(values.Length, sums.Length, nameof(values), "sums.Length");
        for (int start = 0; start < values.Length; start += sums.Length)
            ElementwiseKernels.Add(sums, values.Slice(start, sums.Length), sums);
    }
}
