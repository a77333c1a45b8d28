using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;
using X86Fma = System.Runtime.Intrinsics.X86.Fma; // VectorMath.Fma is the 16-lane helper below

namespace NotebookRnn.Kernels;

/// <summary>
/// Sigmoid and tanh on 16 float lanes, inlinable into fused kernels. On the textgen LSTM's 5,120 row-steps per batch
/// the gate arithmetic took 1.8 ms through TensorPrimitives (half the recurrent GEMM's time) and takes about 0.8 ms
/// in the fused kernel built on these; their relative error stays below 2·10⁻⁷ (the tests measure it against double
/// precision). The same formulas on 8 lanes serve the span forms on AVX2 machines: TensorPrimitives' sigmoid and
/// tanh run there as tier-0 code until tiered compilation promotes them, which made the first epochs of a notebook
/// several times slower than the later ones.
/// </summary>
/// <remarks>
/// exp: x = n·ln 2 + r with |r| ≤ ln 2 / 2 (ln 2 split in two so that n·ln 2 is exact), e^r by a degree-6
/// polynomial (the classic Cephes expf coefficients), 2^n written into the exponent bits. x is clamped to
/// [-87, 88] so 2^n stays a normal float: enough for sigmoid and tanh, which saturate long before.
/// tanh x = (e^{2x} - 1) / (e^{2x} + 1), where e^{2x} - 1 is formed without cancellation near 0. NaN in gives NaN out.
/// </remarks>
public static class VectorMath
{
    /// <summary>Lanes per vector.</summary>
    public const int Lanes = 16;

    /// <summary>Whether the 16-lane forms run in hardware (AVX-512); callers fall back to TensorPrimitives otherwise.</summary>
    public static bool IsAccelerated => Vector512.IsHardwareAccelerated && Avx512F.IsSupported;

    /// <summary>Whether fused kernels over rows of <paramref name="width"/> floats can run: accelerated, and whole vectors.</summary>
    public static bool FitsLanes(int width) => IsAccelerated && width % Lanes == 0;

    /// <summary>
    /// Whether the span forms run in hardware: on 16 lanes with AVX-512, else on 8 with AVX2 and FMA; callers fall back
    /// to TensorPrimitives otherwise.
    /// </summary>
    public static bool SpansAccelerated => IsAccelerated || IsAccelerated256;

    /// <summary>Whether the 8-lane forms run in hardware (AVX2 and FMA).</summary>
    internal static bool IsAccelerated256 => Vector256.IsHardwareAccelerated && Avx2.IsSupported && X86Fma.IsSupported;

    /// <summary><c>y[i] = 1 / (1 + exp(-x[i]))</c>; x and y may be the same span.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Sigmoid(ReadOnlySpan<float> x, Span<float> y) => Sigmoid(x, y, IsAccelerated ? Lanes : 8);

    /// <summary>Same, on a chosen number of lanes, 16 or 8 (tests run both, emulated where the hardware lacks them).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static void Sigmoid(ReadOnlySpan<float> x, Span<float> y, int lanes)
    {
        if (lanes == Lanes) Apply<SigmoidFunction>(x, y);
        else Apply256<SigmoidFunction>(x, y);
    }

    /// <summary><c>y[i] = tanh(x[i])</c>; x and y may be the same span.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Tanh(ReadOnlySpan<float> x, Span<float> y) => Tanh(x, y, IsAccelerated ? Lanes : 8);

    /// <summary>Same, on a chosen number of lanes, 16 or 8 (tests run both, emulated where the hardware lacks them).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static void Tanh(ReadOnlySpan<float> x, Span<float> y, int lanes)
    {
        if (lanes == Lanes) Apply<TanhFunction>(x, y);
        else Apply256<TanhFunction>(x, y);
    }

    /// <summary>σ(x) = 1 / (1 + e^-x) on every lane.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<float> Sigmoid(Vector512<float> x)
    {
        Vector512<float> fraction = ExpParts(-x, out Vector512<float> scale);
        return Vector512<float>.One / (Vector512<float>.One + Fma(scale, fraction, scale));
    }

    /// <summary>tanh x = (e^{2x} - 1) / (e^{2x} + 1) on every lane, from e^{2x} - 1 without cancellation near 0.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<float> Tanh(Vector512<float> x)
    {
        Vector512<float> fraction = ExpParts(x + x, out Vector512<float> scale);
        Vector512<float> expMinusOne = Fma(scale, fraction, scale - Vector512<float>.One);
        Vector512<float> y = expMinusOne / (expMinusOne + Vector512.Create(2f));
        return y | (x & Vector512.Create(-0f));
    }

    /// <summary>
    /// e^x = scale·(1 + fraction) for x clamped to [-87, 88], with scale = 2^n and fraction = e^r - 1 (|r| ≤ ln 2 / 2)
    /// kept apart so that e^x - 1 loses nothing when n = 0. NaN stays NaN.
    /// </summary>
    // n = round(x·log₂e) comes from adding 1.5·2²³, which leaves n in the low mantissa bits: they are shifted
    // straight into the exponent field, so neither a floor nor a float-to-int conversion is needed. vmaxps and
    // vminps return their second operand when one is NaN, so the clamp lets NaN through.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector512<float> ExpParts(Vector512<float> x, out Vector512<float> scale)
    {
        x = Min(Vector512.Create(88f), Max(Vector512.Create(-87f), x));
        Vector512<float> shifter = Vector512.Create(12582912f);
        Vector512<float> shifted = Fma(x, Vector512.Create(1.44269504088896341f), shifter);
        Vector512<float> n = shifted - shifter;
        Vector512<float> r = Fma(n, Vector512.Create(-0.693359375f), x);
        r = Fma(n, Vector512.Create(2.12194440e-4f), r);
        Vector512<float> p = Fma(r, Vector512.Create(1.9875691500e-4f), Vector512.Create(1.3981999507e-3f));
        p = Fma(p, r, Vector512.Create(8.3334519073e-3f));
        p = Fma(p, r, Vector512.Create(4.1665795894e-2f));
        p = Fma(p, r, Vector512.Create(1.6666665459e-1f));
        p = Fma(p, r, Vector512.Create(5.0000001201e-1f));
        scale = ((shifted.AsInt32() + Vector512.Create(127 - 0x4B400000)) << 23).AsSingle();
        return Fma(p, r * r, r);
    }

    // Without AVX-512 (only tests call these there) Vector512 is emulated: slow, but the same values.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector512<float> Fma(Vector512<float> a, Vector512<float> b, Vector512<float> c) =>
        Avx512F.IsSupported ? Avx512F.FusedMultiplyAdd(a, b, c) : a * b + c;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector512<float> Max(Vector512<float> a, Vector512<float> b) =>
        Avx512F.IsSupported ? Avx512F.Max(a, b) : Vector512.ConditionalSelect(Vector512.GreaterThan(a, b), a, b);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector512<float> Min(Vector512<float> a, Vector512<float> b) =>
        Avx512F.IsSupported ? Avx512F.Min(a, b) : Vector512.ConditionalSelect(Vector512.LessThan(a, b), a, b);

    /// <summary>σ(x) on 8 lanes: <see cref="Sigmoid(Vector512{float})"/>'s formula.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static Vector256<float> Sigmoid(Vector256<float> x)
    {
        Vector256<float> fraction = ExpParts(-x, out Vector256<float> scale);
        return Vector256<float>.One / (Vector256<float>.One + Fma256(scale, fraction, scale));
    }

    /// <summary>tanh x on 8 lanes: <see cref="Tanh(Vector512{float})"/>'s formula.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static Vector256<float> Tanh(Vector256<float> x)
    {
        Vector256<float> fraction = ExpParts(x + x, out Vector256<float> scale);
        Vector256<float> expMinusOne = Fma256(scale, fraction, scale - Vector256<float>.One);
        Vector256<float> y = expMinusOne / (expMinusOne + Vector256.Create(2f));
        return y | (x & Vector256.Create(-0f));
    }

    // ExpParts on 8 lanes, step for step; vmaxps and vminps let NaN through here too.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<float> ExpParts(Vector256<float> x, out Vector256<float> scale)
    {
        x = Min256(Vector256.Create(88f), Max256(Vector256.Create(-87f), x));
        Vector256<float> shifter = Vector256.Create(12582912f);
        Vector256<float> shifted = Fma256(x, Vector256.Create(1.44269504088896341f), shifter);
        Vector256<float> n = shifted - shifter;
        Vector256<float> r = Fma256(n, Vector256.Create(-0.693359375f), x);
        r = Fma256(n, Vector256.Create(2.12194440e-4f), r);
        Vector256<float> p = Fma256(r, Vector256.Create(1.9875691500e-4f), Vector256.Create(1.3981999507e-3f));
        p = Fma256(p, r, Vector256.Create(8.3334519073e-3f));
        p = Fma256(p, r, Vector256.Create(4.1665795894e-2f));
        p = Fma256(p, r, Vector256.Create(1.6666665459e-1f));
        p = Fma256(p, r, Vector256.Create(5.0000001201e-1f));
        scale = ((shifted.AsInt32() + Vector256.Create(127 - 0x4B400000)) << 23).AsSingle();
        return Fma256(p, r * r, r);
    }

    // Callers check IsAccelerated256; the fallbacks only keep the methods valid everywhere.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<float> Fma256(Vector256<float> a, Vector256<float> b, Vector256<float> c) =>
        X86Fma.IsSupported ? X86Fma.MultiplyAdd(a, b, c) : a * b + c;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<float> Max256(Vector256<float> a, Vector256<float> b) =>
        Avx.IsSupported ? Avx.Max(a, b) : Vector256.ConditionalSelect(Vector256.GreaterThan(a, b), a, b);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<float> Min256(Vector256<float> a, Vector256<float> b) =>
        Avx.IsSupported ? Avx.Min(a, b) : Vector256.ConditionalSelect(Vector256.LessThan(a, b), a, b);

    private interface IVectorFunction
    {
        static abstract Vector512<float> Invoke(Vector512<float> x);
        static abstract Vector256<float> Invoke(Vector256<float> x);
    }

    private readonly struct SigmoidFunction : IVectorFunction
    {
        public static Vector512<float> Invoke(Vector512<float> x) => Sigmoid(x);
        public static Vector256<float> Invoke(Vector256<float> x) => Sigmoid(x);
    }

    private readonly struct TanhFunction : IVectorFunction
    {
        public static Vector512<float> Invoke(Vector512<float> x) => Tanh(x);
        public static Vector256<float> Invoke(Vector256<float> x) => Tanh(x);
    }

    // The last partial vector goes through a padded copy, so that in-place calls never transform a value twice.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Apply<TFunction>(ReadOnlySpan<float> x, Span<float> y) where TFunction : struct, IVectorFunction
    {
        ref float source = ref MemoryMarshal.GetReference(x);
        ref float target = ref MemoryMarshal.GetReference(y);
        int i = 0;
        for (; i <= x.Length - Lanes; i += Lanes)
            TFunction.Invoke(Vector512.LoadUnsafe(ref source, (nuint)i)).StoreUnsafe(ref target, (nuint)i);
        if (i == x.Length) return;
        Span<float> padded = stackalloc float[Lanes];
        x[i..].CopyTo(padded);
        TFunction.Invoke(Vector512.Create((ReadOnlySpan<float>)padded)).CopyTo(padded);
        padded[..(x.Length - i)].CopyTo(y[i..]);
    }

    /// <summary>The span loop of <see cref="Apply{TFunction}"/> on 8 lanes (AVX2 machines).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Apply256<TFunction>(ReadOnlySpan<float> x, Span<float> y) where TFunction : struct, IVectorFunction
    {
        const int lanes = 8;
        ref float source = ref MemoryMarshal.GetReference(x);
        ref float target = ref MemoryMarshal.GetReference(y);
        int i = 0;
        for (; i <= x.Length - lanes; i += lanes)
            TFunction.Invoke(Vector256.LoadUnsafe(ref source, (nuint)i)).StoreUnsafe(ref target, (nuint)i);
        if (i == x.Length) return;
        Span<float> padded = stackalloc float[lanes];
        x[i..].CopyTo(padded);
        TFunction.Invoke(Vector256.Create((ReadOnlySpan<float>)padded)).CopyTo(padded);
        padded[..(x.Length - i)].CopyTo(y[i..]);
    }
}
