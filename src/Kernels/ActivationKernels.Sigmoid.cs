using System.Numerics.Tensors;
using System.Runtime.CompilerServices;

namespace NotebookRnn.Kernels;

public static partial class ActivationKernels
{
    /// <summary><c>y[i] = 1 / (1 + exp(-x[i]))</c>; x and y may be the same span.</summary>
    /// <remarks>Single precision on 16 lanes with AVX-512, on 8 with AVX2 and FMA (<see cref="VectorMath"/>), TensorPrimitives elsewhere.</remarks>
    /// <exception cref="ArgumentException"><paramref name="y"/> is shorter than <paramref name="x"/>.</exception>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Sigmoid(ReadOnlySpan<float> x, Span<float> y)
    {
        Lengths.AtLeast(y.Length, x.Length, nameof(y), "as many as x");
        if (x.IsEmpty) return;
        if (VectorMath.SpansAccelerated) VectorMath.Sigmoid(x, y);
        else TensorPrimitives.Sigmoid(x, y);
    }

    /// <summary><c>dx[i] = dy[i] · y[i] · (1 - y[i])</c> for every i of <paramref name="y"/>.</summary>
    /// <exception cref="ArgumentException"><paramref name="dy"/> or <paramref name="dx"/> is shorter than <paramref name="y"/>.</exception>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void SigmoidBackward(ReadOnlySpan<float> y, ReadOnlySpan<float> dy, Span<float> dx)
    {
        Lengths.AtLeast(dy.Length, y.Length, nameof(dy), "as many as y");
        Lengths.AtLeast(dx.Length, y.Length, nameof(dx), "as many as y");
        ElementwiseLoop.Apply(new SigmoidDerivative(), y, dy, dy, dx[..y.Length]);
    }

    // x is y, y is dy.
    private readonly struct SigmoidDerivative : IElementwiseOperator
    {
        public float Invoke(float x, float y, float z) => y * x * (1 - x);

        public TVector Invoke<TVector, TSimd>(TVector x, TVector y, TVector z) where TVector : struct where TSimd : ISimd<TVector> =>
            TSimd.Multiply(TSimd.Multiply(y, x), TSimd.Subtract(TSimd.One, x));
    }
}
