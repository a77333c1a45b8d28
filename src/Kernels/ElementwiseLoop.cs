using System.Diagnostics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace NotebookRnn.Kernels;

/// <summary>
/// The one vector loop of the elementwise and activation kernels: <c>destination[i] = op(x[i], y[i], z[i])</c> on 16,
/// 8 and 4 lanes as far as the hardware accelerates them, then on single floats. <c>destination</c> may be one of the
/// inputs (in-place updates); any other overlap is not allowed.
/// </summary>
internal static class ElementwiseLoop
{
    /// <summary>Runs <paramref name="op"/> over <c>destination.Length</c> values.</summary>
    /// <remarks>
    /// Callers have checked that every input holds at least <c>destination.Length</c> values; an operator of fewer
    /// inputs gets a used input in place of the others, so nothing reads past a real span.
    /// </remarks>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Apply<TOperator>(TOperator op, ReadOnlySpan<float> x, ReadOnlySpan<float> y, ReadOnlySpan<float> z,
        Span<float> destination) where TOperator : struct, IElementwiseOperator
    {
        Debug.Assert(x.Length >= destination.Length && y.Length >= destination.Length && z.Length >= destination.Length);
        ref float xs = ref MemoryMarshal.GetReference(x), ys = ref MemoryMarshal.GetReference(y), zs = ref MemoryMarshal.GetReference(z);
        ref float d = ref MemoryMarshal.GetReference(destination);
        nuint length = (nuint)destination.Length, i = 0;
        if (Simd512.IsHardwareAccelerated) i = Vectors<TOperator, Vector512<float>, Simd512>(op, ref xs, ref ys, ref zs, ref d, i, length);
        if (Simd256.IsHardwareAccelerated) i = Vectors<TOperator, Vector256<float>, Simd256>(op, ref xs, ref ys, ref zs, ref d, i, length);
        if (Simd128.IsHardwareAccelerated) i = Vectors<TOperator, Vector128<float>, Simd128>(op, ref xs, ref ys, ref zs, ref d, i, length);
        for (; i < length; i++)
            Unsafe.Add(ref d, i) = op.Invoke(Unsafe.Add(ref xs, i), Unsafe.Add(ref ys, i), Unsafe.Add(ref zs, i));
    }

    /// <summary>Whole vectors of one width from <paramref name="i"/> on; returns where they end.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static nuint Vectors<TOperator, TVector, TSimd>(TOperator op, ref float x, ref float y, ref float z, ref float destination,
        nuint i, nuint length) where TOperator : struct, IElementwiseOperator where TVector : struct where TSimd : ISimd<TVector>
    {
        for (; i + (nuint)TSimd.Count <= length; i += (nuint)TSimd.Count)
            TSimd.Store(op.Invoke<TVector, TSimd>(TSimd.Load(ref x, i), TSimd.Load(ref y, i), TSimd.Load(ref z, i)), ref destination, i);
        return i;
    }
}
