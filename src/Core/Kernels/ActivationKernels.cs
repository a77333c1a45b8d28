using System.Numerics;
using System.Numerics.Tensors;

namespace NotebookRnn.Kernels;

/// <summary>
/// Activation functions and their derivatives on spans. Derivatives are written in terms of the activation's
/// output y (what layers keep from the forward pass); <c>dx = dy · f'(x)</c>.
/// </summary>
public static class ActivationKernels
{
    /// <summary><c>y[i] = 1 / (1 + exp(-x[i]))</c>.</summary>
    /// <remarks>Single precision on 16 lanes where AVX-512 runs (<see cref="VectorMath"/>), TensorPrimitives elsewhere.</remarks>
    public static void Sigmoid(ReadOnlySpan<float> x, Span<float> y)
    {
        if (x.IsEmpty) return;
        if (VectorMath.IsAccelerated) VectorMath.Sigmoid(x, y);
        else TensorPrimitives.Sigmoid(x, y);
    }

    /// <summary><c>dx[i] = dy[i] · y[i] · (1 - y[i])</c>.</summary>
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
    /// <remarks>Single precision on 16 lanes where AVX-512 runs (<see cref="VectorMath"/>), TensorPrimitives elsewhere.</remarks>
    public static void Tanh(ReadOnlySpan<float> x, Span<float> y)
    {
        if (VectorMath.IsAccelerated) VectorMath.Tanh(x, y);
        else TensorPrimitives.Tanh(x, y);
    }

    /// <summary><c>dx[i] = dy[i] · (1 - y[i]²)</c>.</summary>
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

    /// <summary><c>y[i] = max(x[i], 0)</c>.</summary>
    public static void Relu(ReadOnlySpan<float> x, Span<float> y) => TensorPrimitives.Max(x, 0f, y);

    /// <summary><c>dx[i] = y[i] &gt; 0 ? dy[i] : 0</c>.</summary>
    public static void ReluBackward(ReadOnlySpan<float> y, ReadOnlySpan<float> dy, Span<float> dx)
    {
        for (int i = 0; i < y.Length; i++) dx[i] = y[i] > 0 ? dy[i] : 0;
    }

    /// <summary>Keras 2's hard sigmoid: <c>y[i] = clip(0.2·x[i] + 0.5, 0, 1)</c>.</summary>
    public static void HardSigmoid(ReadOnlySpan<float> x, Span<float> y)
    {
        for (int i = 0; i < x.Length; i++) y[i] = Math.Clamp(0.2f * x[i] + 0.5f, 0f, 1f);
    }

    /// <summary><c>dx[i] = 0 &lt; y[i] &lt; 1 ? 0.2·dy[i] : 0</c>.</summary>
    public static void HardSigmoidBackward(ReadOnlySpan<float> y, ReadOnlySpan<float> dy, Span<float> dx)
    {
        for (int i = 0; i < y.Length; i++) dx[i] = y[i] > 0 && y[i] < 1 ? 0.2f * dy[i] : 0;
    }

    /// <summary>Row-wise softmax over rows of <paramref name="rowLength"/>: <c>y = exp(x - max x) / Σ exp(x - max x)</c>.</summary>
    /// <remarks>The max is subtracted explicitly: TensorPrimitives.SoftMax does not, and overflows for logits ≳ 89.</remarks>
    public static void Softmax(ReadOnlySpan<float> x, Span<float> y, int rowLength)
    {
        for (int start = 0; start + rowLength <= x.Length && rowLength > 0; start += rowLength)
        {
            Span<float> row = y.Slice(start, rowLength);
            TensorPrimitives.Subtract(x.Slice(start, rowLength), TensorPrimitives.Max(x.Slice(start, rowLength)), row);
            TensorPrimitives.Exp(row, row);
            TensorPrimitives.Divide(row, TensorPrimitives.Sum(row), row);
        }
    }

    /// <summary>Row-wise softmax derivative: <c>dx = y ⊙ (dy - Σ dy ⊙ y)</c>.</summary>
    public static void SoftmaxBackward(ReadOnlySpan<float> y, ReadOnlySpan<float> dy, Span<float> dx, int rowLength)
    {
        for (int start = 0; start < y.Length; start += rowLength)
        {
            ReadOnlySpan<float> yRow = y.Slice(start, rowLength), dyRow = dy.Slice(start, rowLength);
            float dot = TensorPrimitives.Dot(yRow, dyRow);
            for (int i = 0; i < rowLength; i++) dx[start + i] = yRow[i] * (dyRow[i] - dot);
        }
    }

    /// <summary>Adds <paramref name="bias"/> to every row of <paramref name="values"/> (rows of bias.Length).</summary>
    public static void AddBias(Span<float> values, ReadOnlySpan<float> bias)
    {
        for (int start = 0; start < values.Length; start += bias.Length)
            TensorPrimitives.Add(values.Slice(start, bias.Length), bias, values.Slice(start, bias.Length));
    }

    /// <summary>Adds the column sums of <paramref name="values"/> (rows of sums.Length) into <paramref name="sums"/>.</summary>
    public static void AccumulateColumnSums(ReadOnlySpan<float> values, Span<float> sums)
    {
        for (int start = 0; start < values.Length; start += sums.Length)
            TensorPrimitives.Add(sums, values.Slice(start, sums.Length), sums);
    }
}
