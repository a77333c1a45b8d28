using System.Runtime.CompilerServices;

namespace NotebookRnn.Kernels;

public static partial class ElementwiseKernels
{
    /// <summary>The index of the first largest value of <paramref name="x"/> (a NaN counts as largest), −1 for an empty span.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static int IndexOfMax(ReadOnlySpan<float> x)
    {
        int best = x.IsEmpty ? -1 : 0;
        for (int i = 1; i < x.Length && !float.IsNaN(x[best]); i++)
            if (x[i] > x[best] || float.IsNaN(x[i])) best = i;
        return best;
    }
}
