using System.Runtime.CompilerServices;

namespace NotebookRnn.Kernels;

public static partial class ActivationKernels
{
    /// <summary><c>y[i] = max(x[i], 0)</c>; NaN stays NaN, -0 becomes 0.</summary>
    /// <exception cref="ArgumentException"><paramref name="y"/> is shorter than <paramref name="x"/>.</exception>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Relu(ReadOnlySpan<float> x, Span<float> y)
    {
        Lengths.AtLeast(y.Length, x.Length, nameof(y), "as many as x");
        ElementwiseLoop.Apply(new ReluOperator(), x, x, x, y[..x.Length]);
    }

    /// <summary><c>dx[i] = y[i] &gt; 0 ? dy[i] : 0</c> for every i of <paramref name="y"/>.</summary>
    /// <exception cref="ArgumentException"><paramref name="dy"/> or <paramref name="dx"/> is shorter than <paramref name="y"/>.</exception>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void ReluBackward(ReadOnlySpan<float> y, ReadOnlySpan<float> dy, Span<float> dx)
    {
        Lengths.AtLeast(dy.Length, y.Length, nameof(dy), "as many as y");
        Lengths.AtLeast(dx.Length, y.Length, nameof(dx), "as many as y");
        ElementwiseLoop.Apply(new ReluDerivative(), y, dy, dy, dx[..y.Length]);
    }

    // "Not ≤ 0" rather than "> 0", so that NaN is kept.
    private readonly struct ReluOperator : IElementwiseOperator
    {
        public float Invoke(float x, float y, float z) => x > 0 || float.IsNaN(x) ? x : 0;

        public TVector Invoke<TVector, TSimd>(TVector x, TVector y, TVector z) where TVector : struct where TSimd : ISimd<TVector> =>
            TSimd.ConditionalSelect(TSimd.LessThanOrEqual(x, TSimd.Zero), TSimd.Zero, x);
    }

    // x is y, y is dy.
    private readonly struct ReluDerivative : IElementwiseOperator
    {
        public float Invoke(float x, float y, float z) => x > 0 ? y : 0;

        public TVector Invoke<TVector, TSimd>(TVector x, TVector y, TVector z) where TVector : struct where TSimd : ISimd<TVector> =>
            TSimd.ConditionalSelect(TSimd.GreaterThan(x, TSimd.Zero), y, TSimd.Zero);
    }
}
