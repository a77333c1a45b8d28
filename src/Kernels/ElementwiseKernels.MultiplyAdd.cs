using System.Runtime.CompilerServices;

namespace NotebookRnn.Kernels;

public static partial class ElementwiseKernels
{
    /// <summary><c>destination[i] = x[i] · y[i] + addend[i]</c> (rounded twice, not fused).</summary>
    /// <exception cref="ArgumentException">An input is shorter than <paramref name="destination"/>.</exception>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void MultiplyAdd(ReadOnlySpan<float> x, ReadOnlySpan<float> y, ReadOnlySpan<float> addend, Span<float> destination)
    {
        Lengths.AtLeast(x.Length, destination.Length, nameof(x), "as many as destination");
        Lengths.AtLeast(y.Length, destination.Length, nameof(y), "as many as destination");
        Lengths.AtLeast(addend.Length, destination.Length, nameof(addend), "as many as destination");
        ElementwiseLoop.Apply(new MultiplyAddOperator(), x, y, addend, destination);
    }

    /// <summary><c>destination[i] = x[i] · scale + addend[i]</c> (rounded twice, not fused): a scaled row update.</summary>
    /// <exception cref="ArgumentException">An input is shorter than <paramref name="destination"/>.</exception>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void MultiplyAdd(ReadOnlySpan<float> x, float scale, ReadOnlySpan<float> addend, Span<float> destination)
    {
        Lengths.AtLeast(x.Length, destination.Length, nameof(x), "as many as destination");
        Lengths.AtLeast(addend.Length, destination.Length, nameof(addend), "as many as destination");
        ElementwiseLoop.Apply(new ScaleAddOperator(scale), x, addend, addend, destination);
    }

    private readonly struct MultiplyAddOperator : IElementwiseOperator
    {
        public float Invoke(float x, float y, float z) => x * y + z;

        public TVector Invoke<TVector, TSimd>(TVector x, TVector y, TVector z) where TVector : struct where TSimd : ISimd<TVector> =>
            TSimd.Add(TSimd.Multiply(x, y), z);
    }

    // y is the addend.
    private readonly struct ScaleAddOperator(float scale) : IElementwiseOperator
    {
        public float Invoke(float x, float y, float z) => x * scale + y;

        public TVector Invoke<TVector, TSimd>(TVector x, TVector y, TVector z) where TVector : struct where TSimd : ISimd<TVector> =>
            TSimd.Add(TSimd.Multiply(x, TSimd.Create(scale)), y);
    }
}
