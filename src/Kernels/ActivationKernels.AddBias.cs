using System.Runtime.CompilerServices;

namespace NotebookRnn.Kernels;

public static partial class ActivationKernels
{
    /// <summary>Adds <paramref name="bias"/> to every row of <paramref name="values"/> (rows of bias.Length).</summary>
    /// <exception cref="ArgumentException"><paramref name="values"/> is not a whole number of rows.</exception>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void AddBias(Span<float> values, ReadOnlySpan<float> bias)
    {
        Lengths.WholeRows(values.Length, bias.Length, nameof(values), "bias.Length");
        for (int start = 0; start < values.Length; start += bias.Length)
            ElementwiseKernels.Add(values.Slice(start, bias.Length), bias, values.Slice(start, bias.Length));
    }
}
