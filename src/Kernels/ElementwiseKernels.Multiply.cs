using System.Runtime.CompilerServices;

namespace NotebookRnn.Kernels;

public static partial class ElementwiseKernels
{
    /// <summary><c>destination[i] = x[i] · y[i]</c>.</summary>
    /// <exception cref="ArgumentException">An input is shorter than <paramref name="destination"/>.</exception>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Multiply(ReadOnlySpan<float> x, ReadOnlySpan<float> y, Span<float> destination)
    {
        Lengths.AtLeast(x.Length, destination.Length, nameof(x), "as many as destination");
        Lengths.AtLeast(y.Length, destination.Length, nameof(y), "as many as destination");
        ElementwiseLoop.Apply(new MultiplyOperator(), x, y, y, destination);
    }

    /// <summary><c>destination[i] = x[i] · scale</c>.</summary>
    /// <exception cref="ArgumentException"><paramref name="x"/> is shorter than <paramref name="destination"/>.</exception>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Multiply(ReadOnlySpan<float> x, float scale, Span<float> destination)
    {
        Lengths.AtLeast(x.Length, destination.Length, nameof(x), "as many as destination");
        ElementwiseLoop.Apply(new ScaleOperator(scale), x, x, x, destination);
    }

    private readonly struct MultiplyOperator : IElementwiseOperator
    {
        public float Invoke(float x, float y, float z) => x * y;

        public TVector Invoke<TVector, TSimd>(TVector x, TVector y, TVector z) where TVector : struct where TSimd : ISimd<TVector> =>
            TSimd.Multiply(x, y);
    }

    private readonly struct ScaleOperator(float scale) : IElementwiseOperator
    {
        public float Invoke(float x, float y, float z) => x * scale;

        public TVector Invoke<TVector, TSimd>(TVector x, TVector y, TVector z) where TVector : struct where TSimd : ISimd<TVector> =>
            TSimd.Multiply(x, TSimd.Create(scale));
    }
}
