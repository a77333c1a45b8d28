using System.Numerics.Tensors;
using System.Runtime.CompilerServices;

namespace NotebookRnn.Kernels;

public static partial class ActivationKernels
{
    /// <summary>Row-wise softmax over rows of <paramref name="rowLength"/>: <c>y = exp(x - max x) / Σ exp(x - max x)</c>.</summary>
    /// <remarks>
    /// The max is subtracted explicitly: TensorPrimitives.SoftMax does not, and overflows for logits ≳ 89. The
    /// exponentials stay with TensorPrimitives (vectorised, one call per row); the passes around them are ours.
    /// </remarks>
    /// <exception cref="ArgumentException">
    /// <paramref name="y"/> is shorter than <paramref name="x"/>, or x is not a whole number of rows.
    /// </exception>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Softmax(ReadOnlySpan<float> x, Span<float> y, int rowLength)
    {
        Lengths.AtLeast(y.Length, x.Length, nameof(y), "as many as x");
        Lengths.WholeRows(x.Length, rowLength, nameof(x), nameof(rowLength));
        for (int start = 0; start < x.Length; start += rowLength)
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
    /// <exception cref="ArgumentException">
    /// <paramref name="dy"/> or <paramref name="dx"/> is shorter than <paramref name="y"/>, or y is not a whole number of rows.
    /// </exception>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void SoftmaxBackward(ReadOnlySpan<float> y, ReadOnlySpan<float> dy, Span<float> dx, int rowLength)
    {
        Lengths.AtLeast(dy.Length, y.Length, nameof(dy), "as many as y");
        Lengths.AtLeast(dx.Length, y.Length, nameof(dx), "as many as y");
        Lengths.WholeRows(y.Length, rowLength, nameof(y), nameof(rowLength));
        for (int start = 0; start < y.Length; start += rowLength)
        {
            ReadOnlySpan<float> yRow = y.Slice(start, rowLength), dyRow = dy.Slice(start, rowLength);
            float dot = 0;
            for (int i = 0; i < rowLength; i++) dot += yRow[i] * dyRow[i];
            for (int i = 0; i < rowLength; i++) dx[start + i] = yRow[i] * (dyRow[i] - dot);
        }
    }
}
