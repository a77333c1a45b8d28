using System.Runtime.CompilerServices;

namespace NotebookRnn.Kernels;

public static partial class VectorMath
{
    /// <summary><c>y[i] = 1 / (1 + exp(-x[i]))</c>; x and y may be the same span.</summary>
    /// <exception cref="ArgumentException"><paramref name="y"/> is shorter than <paramref name="x"/>.</exception>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static void Sigmoid(ReadOnlySpan<float> x, Span<float> y) => Sigmoid(x, y, IsAccelerated ? Lanes : 8);

    /// <summary>Same, on a chosen number of lanes, 16 or 8 (tests run each this machine can).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static void Sigmoid(ReadOnlySpan<float> x, Span<float> y, int lanes) => Apply<SigmoidFunction>(x, y, lanes);

    /// <summary>σ(x) = 1 / (1 + e^-x) on every lane.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static TVector Sigmoid<TVector, TSimd>(TVector x) where TVector : struct where TSimd : ISimd<TVector>
    {
        TVector fraction = ExpParts<TVector, TSimd>(TSimd.Negate(x), out TVector scale);
        return TSimd.Divide(TSimd.One, TSimd.Add(TSimd.One, TSimd.MultiplyAdd(scale, fraction, scale)));
    }

    private readonly struct SigmoidFunction : IVectorFunction
    {
        public static TVector Invoke<TVector, TSimd>(TVector x) where TVector : struct where TSimd : ISimd<TVector> =>
            Sigmoid<TVector, TSimd>(x);
    }
}
