using System.Runtime.CompilerServices;

namespace NotebookRnn.Kernels;

public static partial class ElementwiseKernels
{
    /// <summary>The largest of <paramref name="x"/>; NaN if any value is NaN, −∞ for an empty span.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static float Max(ReadOnlySpan<float> x)
    {
        float max = float.NegativeInfinity;
        foreach (float value in x)
        {
            if (float.IsNaN(value)) return value;
            if (value > max) max = value;
        }
        return max;
    }
}
