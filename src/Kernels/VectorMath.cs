using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace NotebookRnn.Kernels;

/// <summary>
/// Sigmoid and tanh on vectors, inlinable into fused kernels, and their span forms. On the textgen LSTM's 5,120
/// row-steps per batch the gate arithmetic took 1.8 ms through TensorPrimitives (half the recurrent GEMM's time) and
/// takes about 0.8 ms in the fused kernel built on these; their relative error stays below 2·10⁻⁷ (the tests measure
/// it against double precision). The same formulas on 8 lanes serve the span forms on AVX2 machines:
/// TensorPrimitives' sigmoid and tanh run there as tier-0 code until tiered compilation promotes them, which made the
/// first epochs of a notebook several times slower than the later ones.
/// </summary>
/// <remarks>
/// Each function is written once, generic over the vector width (<see cref="ISimd{TVector}"/>), and runs on 16 lanes
/// (AVX-512) or 8 (AVX2 and FMA).
/// </remarks>
public static partial class VectorMath
{
    /// <summary>Lanes per vector of the fused kernels on AVX-512.</summary>
    public const int Lanes = 16;

    /// <summary>Lanes per vector of the fused kernels on AVX2 with FMA, and on AVX-512 for rows that are not whole 16-lane vectors.</summary>
    public const int Lanes256 = 8;

    /// <summary>Whether the 16-lane forms run in hardware (AVX-512); callers fall back to TensorPrimitives otherwise.</summary>
    public static bool IsAccelerated => Vector512.IsHardwareAccelerated && Avx512F.IsSupported;

    /// <summary>
    /// Whether fused kernels over rows of <paramref name="width"/> floats can run: on 16 lanes with AVX-512 and whole
    /// 16-lane vectors, else on 8 with AVX2, FMA and whole 8-lane vectors.
    /// </summary>
    public static bool FitsLanes(int width) => FusedLanes(width) != 0;

    /// <summary>The lanes the fused kernels run on for rows of <paramref name="width"/> floats: 16, 8, or 0 when neither fits.</summary>
    // Both widths compute every lane with the same instructions (FMA, IEEE division, min and max), so a row gives the
    // same bits on either: the choice changes the speed, never the numbers.
    internal static int FusedLanes(int width) =>
        IsAccelerated && width % Lanes == 0 ? Lanes : IsAccelerated256 && width % Lanes256 == 0 ? Lanes256 : 0;

    /// <summary>
    /// Whether the span forms run in hardware: on 16 lanes with AVX-512, else on 8 with AVX2 and FMA; callers fall back
    /// to TensorPrimitives otherwise.
    /// </summary>
    internal static bool SpansAccelerated => IsAccelerated || IsAccelerated256;

    /// <summary>Whether the 8-lane forms run in hardware (AVX2 and FMA).</summary>
    internal static bool IsAccelerated256 => Vector256.IsHardwareAccelerated && Avx2.IsSupported && Fma.IsSupported;

    /// <summary>A function of one vector, written once for every width.</summary>
    private interface IVectorFunction
    {
        static abstract TVector Invoke<TVector, TSimd>(TVector x) where TVector : struct where TSimd : ISimd<TVector>;
    }

    /// <summary><c>y[i] = f(x[i])</c> on 16 or 8 lanes (tests run each this machine can); x and y may be the same span.</summary>
    /// <exception cref="ArgumentException"><paramref name="y"/> is shorter than <paramref name="x"/>.</exception>
    /// <exception cref="PlatformNotSupportedException">16 lanes without AVX-512F.</exception>
    // Inlined into the AggressiveOptimization callers, so that even the first calls dispatch as optimised code.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Apply<TFunction>(ReadOnlySpan<float> x, Span<float> y, int lanes) where TFunction : IVectorFunction
    {
        Lengths.AtLeast(y.Length, x.Length, nameof(y), "as many as x");
        if (lanes == Lanes && !Avx512F.IsSupported) throw new PlatformNotSupportedException("16-lane vector math needs AVX-512F.");
        if (lanes == Lanes) Apply<TFunction, Vector512<float>, Simd512>(x, y);
        else Apply<TFunction, Vector256<float>, Simd256>(x, y);
    }

    // The last partial vector goes through a padded copy, so that in-place calls never transform a value twice.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Apply<TFunction, TVector, TSimd>(ReadOnlySpan<float> x, Span<float> y)
        where TFunction : IVectorFunction where TVector : struct where TSimd : ISimd<TVector>
    {
        ref float source = ref MemoryMarshal.GetReference(x);
        ref float target = ref MemoryMarshal.GetReference(y);
        int i = 0;
        for (; i <= x.Length - TSimd.Count; i += TSimd.Count)
            TSimd.Store(TFunction.Invoke<TVector, TSimd>(TSimd.Load(ref source, (nuint)i)), ref target, (nuint)i);
        if (i == x.Length) return;
        Span<float> padded = stackalloc float[TSimd.Count];
        x[i..].CopyTo(padded);
        ref float lanes = ref MemoryMarshal.GetReference(padded);
        TSimd.Store(TFunction.Invoke<TVector, TSimd>(TSimd.Load(ref lanes, 0)), ref lanes, 0);
        padded[..(x.Length - i)].CopyTo(y[i..]);
    }
}
