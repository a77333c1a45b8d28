using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace NotebookRnn.Kernels;

public static partial class ElementwiseKernels
{
    /// <summary>Whether every value of <paramref name="x"/> is finite (neither NaN nor ±∞).</summary>
    /// <remarks>v·0 is ±0 exactly when v is finite and NaN otherwise, so the vector loop sums those products and tests once.</remarks>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static bool AllFinite(ReadOnlySpan<float> x)
    {
        ref float source = ref MemoryMarshal.GetReference(x);
        nuint length = (nuint)x.Length, i = 0;
        if (Vector256.IsHardwareAccelerated && length >= 8)
        {
            Vector256<float> products = Vector256<float>.Zero;
            for (; i + 8 <= length; i += 8) products += Vector256.LoadUnsafe(ref source, i) * Vector256<float>.Zero;
            if (!Vector256.EqualsAll(products, Vector256<float>.Zero)) return false;
        }
        for (; i < length; i++)
            if (!float.IsFinite(Unsafe.Add(ref source, i))) return false;
        return true;
    }
}
