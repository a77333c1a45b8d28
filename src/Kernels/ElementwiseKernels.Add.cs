using System.Runtime.CompilerServices;

namespace NotebookRnn.Kernels;

public static partial class ElementwiseKernels
{
    /// <summary><c>destination[i] = x[i] + y[i]</c>.</summary>
    /// <exception cref="ArgumentException">An input is shorter than <paramref name="destination"/>.</exception>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Add(ReadOnlySpan<float> x, ReadOnlySpan<float> y, Span<float> destination)
    {
        Lengths.AtLeast(x.Length, destination.Length, nameof(x), "as many as destination");
        Lengths.AtLeast(y.Length, destination.Length, nameof(y), "as many as destination");
        ElementwiseLoop.Apply(new AddOperator(), x, y, y, destination);
    }

    private readonly struct AddOperator : IElementwiseOperator
    {
        public float Invoke(float x, float y, float z) => x + y;

        public TVector Invoke<TVector, TSimd>(TVector x, TVector y, TVector z) where TVector : struct where TSimd : ISimd<TVector> =>
            TSimd.Add(x, y);
    }
}
