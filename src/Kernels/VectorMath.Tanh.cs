using System.Runtime.CompilerServices;

namespace NotebookRnn.Kernels;

public static partial class VectorMath
{
    /// <summary><c>y[i] = tanh(x[i])</c>; x and y may be the same span.</summary>
    /// <exception cref="ArgumentException"><paramref name="y"/> is shorter than <paramref name="x"/>.</exception>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static void Tanh(ReadOnlySpan<float> x, Span<float> y) => Tanh(x, y, IsAccelerated ? Lanes : 8);

    /// <summary>Same, on a chosen number of lanes, 16 or 8 (tests run each this machine can).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static void Tanh(ReadOnlySpan<float> x, Span<float> y, int lanes) => Apply<TanhFunction>(x, y, lanes);

    /// <summary>tanh x = (e^{2x} - 1) / (e^{2x} + 1) on every lane, from e^{2x} - 1 without cancellation near 0.</summary>
    /// <remarks>The sign is copied from x, so tanh(-0) = -0; NaN in gives NaN out.</remarks>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static TVector Tanh<TVector, TSimd>(TVector x) where TVector : struct where TSimd : ISimd<TVector>
    {
        TVector fraction = ExpParts<TVector, TSimd>(TSimd.Add(x, x), out TVector scale);
        TVector expMinusOne = TSimd.MultiplyAdd(scale, fraction, TSimd.Subtract(scale, TSimd.One));
        TVector y = TSimd.Divide(expMinusOne, TSimd.Add(expMinusOne, TSimd.Create(2f)));
        return TSimd.Or(y, TSimd.And(x, TSimd.Create(-0f)));
    }

    private readonly struct TanhFunction : IVectorFunction
    {
        public static TVector Invoke<TVector, TSimd>(TVector x) where TVector : struct where TSimd : ISimd<TVector> =>
            Tanh<TVector, TSimd>(x);
    }
}
