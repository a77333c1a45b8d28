using System.Runtime.CompilerServices;

namespace NotebookRnn.Kernels;

public static partial class ActivationKernels
{
    /// <summary>
    /// Keras 3's hard sigmoid, <c>relu6(x + 3) / 6</c>, computed as Keras's TensorFlow and NumPy backends do:
    /// <c>y[i] = clip(x[i] / 6 + 0.5, 0, 1)</c>; NaN stays NaN.
    /// </summary>
    /// <exception cref="ArgumentException"><paramref name="y"/> is shorter than <paramref name="x"/>.</exception>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void HardSigmoid(ReadOnlySpan<float> x, Span<float> y)
    {
        Lengths.AtLeast(y.Length, x.Length, nameof(y), "as many as x");
        ElementwiseLoop.Apply(new HardSigmoidOperator(), x, x, x, y[..x.Length]);
    }

    /// <summary><c>dx[i] = 0 &lt; y[i] &lt; 1 ? dy[i] / 6 : 0</c> for every i of <paramref name="y"/>.</summary>
    /// <exception cref="ArgumentException"><paramref name="dy"/> or <paramref name="dx"/> is shorter than <paramref name="y"/>.</exception>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void HardSigmoidBackward(ReadOnlySpan<float> y, ReadOnlySpan<float> dy, Span<float> dx)
    {
        Lengths.AtLeast(dy.Length, y.Length, nameof(dy), "as many as y");
        Lengths.AtLeast(dx.Length, y.Length, nameof(dx), "as many as y");
        ElementwiseLoop.Apply(new HardSigmoidDerivative(), y, dy, dy, dx[..y.Length]);
    }

    // Max and Min return their second operand for NaN, so the clamp lets NaN through as Math.Clamp does.
    private readonly struct HardSigmoidOperator : IElementwiseOperator
    {
        public float Invoke(float x, float y, float z) => Math.Clamp(x / 6f + 0.5f, 0f, 1f);

        public TVector Invoke<TVector, TSimd>(TVector x, TVector y, TVector z) where TVector : struct where TSimd : ISimd<TVector> =>
            TSimd.Min(TSimd.One, TSimd.Max(TSimd.Zero, TSimd.Add(TSimd.Divide(x, TSimd.Create(6f)), TSimd.Create(0.5f))));
    }

    // x is y, y is dy.
    private readonly struct HardSigmoidDerivative : IElementwiseOperator
    {
        public float Invoke(float x, float y, float z) => x > 0 && x < 1 ? y / 6f : 0;

        public TVector Invoke<TVector, TSimd>(TVector x, TVector y, TVector z) where TVector : struct where TSimd : ISimd<TVector> =>
            TSimd.ConditionalSelect(TSimd.And(TSimd.GreaterThan(x, TSimd.Zero), TSimd.LessThan(x, TSimd.One)),
                TSimd.Divide(y, TSimd.Create(6f)), TSimd.Zero);
    }
}
