using System.Numerics;
using System.Numerics.Tensors;
using System.Runtime.CompilerServices;

namespace NotebookRnn.Kernels;

/// <summary>
/// Activation functions and their derivatives on spans. Derivatives are written in terms of the activation's
/// output y (what layers keep from the forward pass); <c>dx = dy · f'(x)</c>.
/// </summary>
/// <remarks>
/// The loops are compiled fully optimised from their first call (AggressiveOptimization): under the default tiered
/// JIT a notebook's first epochs would otherwise run them as tier-0 code, several times slower, for as long as
/// call counting is held off.
/// </remarks>
public static class ActivationKernels
{
    /// <summary><c>y[i] = 1 / (1 + exp(-x[i]))</c>.</summary>
    /// <remarks>Single precision on 16 lanes with AVX-512, on 8 with AVX2 and FMA (<see cref="VectorMath"/>), TensorPrimitives elsewhere.</remarks>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Sigmoid(ReadOnlySpan<float> x, Span<float> y)
    {
        Lengths.AtLeast(y.Length, x.Length, nameof(y), "as many as x");
        if (x.IsEmpty) return;
        if (VectorMath.SpansAccelerated) VectorMath.Sigmoid(x, y);
        else TensorPrimitives.Sigmoid(x, y);
    }

    /// <summary><c>dx[i] = dy[i] · y[i] · (1 - y[i])</c>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void SigmoidBackward(ReadOnlySpan<float> y, ReadOnlySpan<float> dy, Span<float> dx)
    {
        int i = 0;
        if (Vector.IsHardwareAccelerated)
            for (; i <= y.Length - Vector<float>.Count; i += Vector<float>.Count)
            {
                var yv = new Vector<float>(y[i..]);
                (new Vector<float>(dy[i..]) * yv * (Vector<float>.One - yv)).CopyTo(dx[i..]);
            }
        for (; i < y.Length; i++) dx[i] = dy[i] * y[i] * (1 - y[i]);
    }

    /// <summary><c>y[i] = tanh(x[i])</c>.</summary>
    /// <remarks>Single precision on 16 lanes with AVX-512, on 8 with AVX2 and FMA (<see cref="VectorMath"/>), TensorPrimitives elsewhere.</remarks>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Tanh(ReadOnlySpan<float> x, Span<float> y)
    {
        Lengths.AtLeast(y.Length, x.Length, nameof(y), "as many as x");
        if (VectorMath.SpansAccelerated) VectorMath.Tanh(x, y);
        else TensorPrimitives.Tanh(x, y);
    }

    /// <summary><c>dx[i] = dy[i] · (1 - y[i]²)</c>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void TanhBackward(ReadOnlySpan<float> y, ReadOnlySpan<float> dy, Span<float> dx)
    {
        int i = 0;
        if (Vector.IsHardwareAccelerated)
            for (; i <= y.Length - Vector<float>.Count; i += Vector<float>.Count)
            {
                var yv = new Vector<float>(y[i..]);
                (new Vector<float>(dy[i..]) * (Vector<float>.One - yv * yv)).CopyTo(dx[i..]);
            }
        for (; i < y.Length; i++) dx[i] = dy[i] * (1 - y[i] * y[i]);
    }

    /// <summary><c>y[i] = max(x[i], 0)</c>; NaN stays NaN.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Relu(ReadOnlySpan<float> x, Span<float> y)
    {
        for (int i = 0; i < x.Length; i++) y[i] = x[i] > 0 || float.IsNaN(x[i]) ? x[i] : 0;
    }

    /// <summary><c>dx[i] = y[i] &gt; 0 ? dy[i] : 0</c>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void ReluBackward(ReadOnlySpan<float> y, ReadOnlySpan<float> dy, Span<float> dx)
    {
        for (int i = 0; i < y.Length; i++) dx[i] = y[i] > 0 ? dy[i] : 0;
    }

    /// <summary>Keras 2's hard sigmoid: <c>y[i] = clip(0.2·x[i] + 0.5, 0, 1)</c>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void HardSigmoid(ReadOnlySpan<float> x, Span<float> y)
    {
        for (int i = 0; i < x.Length; i++) y[i] = Math.Clamp(0.2f * x[i] + 0.5f, 0f, 1f);
    }

    /// <summary><c>dx[i] = 0 &lt; y[i] &lt; 1 ? 0.2·dy[i] : 0</c>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void HardSigmoidBackward(ReadOnlySpan<float> y, ReadOnlySpan<float> dy, Span<float> dx)
    {
        for (int i = 0; i < y.Length; i++) dx[i] = y[i] > 0 && y[i] < 1 ? 0.2f * dy[i] : 0;
    }

    /// <summary>Row-wise softmax over rows of <paramref name="rowLength"/>: <c>y = exp(x - max x) / Σ exp(x - max x)</c>.</summary>
    /// <remarks>
    /// The max is subtracted explicitly: TensorPrimitives.SoftMax does not, and overflows for logits ≳ 89. The
    /// exponentials stay with TensorPrimitives (vectorised, one call per row); the passes around them are ours.
    /// </remarks>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Softmax(ReadOnlySpan<float> x, Span<float> y, int rowLength)
    {
        for (int start = 0; start + rowLength <= x.Length && rowLength > 0; start += rowLength)
        {
            ReadOnlySpan<float> source = x.Slice(start, rowLength);
            Span<float> row = y.Slice(start, rowLength);
            float max = ElementwiseKernels.Max(source);
            for (int i = 0; i < row.Length; i++) row[i] = source[i] - max;
            TensorPrimitives.Exp(row, row);
            float sum = 0;
            foreach (float value in row) sum += value;
            for (int i = 0; i < row.Length; i++) row[i] /= sum;
        }
    }

    /// <summary>Row-wise softmax derivative: <c>dx = y ⊙ (dy - Σ dy ⊙ y)</c>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void SoftmaxBackward(ReadOnlySpan<float> y, ReadOnlySpan<float> dy, Span<float> dx, int rowLength)
    {
        for (int start = 0; start < y.Length; start += rowLength)
        {
            ReadOnlySpan<float> yRow = y.Slice(start, rowLength), dyRow = dy.Slice(start, rowLength);
            float dot = 0;
            for (int i = 0; i < rowLength; i++) dot += yRow[i] * dyRow[i];
            for (int i = 0; i < rowLength; i++) dx[start + i] = yRow[i] * (dyRow[i] - dot);
        }
    }

    /// <summary>Adds <paramref name="bias"/> to every row of <paramref name="values"/> (rows of bias.Length).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void AddBias(Span<float> values, ReadOnlySpan<float> bias)
    {
        for (int start = 0; start < values.Length; start += bias.Length)
            ElementwiseKernels.Add(values.Slice(start, bias.Length), bias, values.Slice(start, bias.Length));
    }

    /// <summary>Adds the column sums of <paramref name="values"/> (rows of sums.Length) into <paramref name="sums"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void AccumulateColumnSums(ReadOnlySpan<float> values, Span<float> sums)
    {
        for (int start = 0; start < values.Length; start += sums.Length)
            ElementwiseKernels.Add(sums, values.Slice(start, sums.Length), sums);
    }
}
