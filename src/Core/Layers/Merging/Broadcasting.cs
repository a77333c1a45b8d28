using NotebookRnn.Tensors;

namespace NotebookRnn.Layers.Merging;

/// <summary>
/// Keras's broadcasting of merged inputs (<c>Merge._compute_elemwise_op_output_shape</c>): shapes are aligned on
/// their last axes (an input of lower rank gains axes of size 1 right after the batch axis), and on each axis the sizes
/// must be equal or one of them 1, which repeats.
/// </summary>
internal static class Broadcasting
{
    /// <summary>The broadcast of shapes without batch; <c>null</c> (unknown) wherever an input's size is unknown.</summary>
    /// <exception cref="ArgumentException">Two known sizes on one axis differ and neither is 1.</exception>
    public static int?[] Shape(IReadOnlyList<int?[]> shapes, string layer)
    {
        int rank = shapes.Max(s => s.Length);
        var result = new int?[rank];
        for (int axis = 0; axis < rank; axis++)
        {
            int? size = 1;
            foreach (int?[] shape in shapes)
            {
                int? other = SizeAt(shape, axis, rank);
                if (size is null || other is null) size = null;
                else if (size == 1) size = other;
                else if (other != 1 && other != size)
                    throw new ArgumentException(
                        $"{layer} needs inputs of equal shapes or shapes that broadcast (each size equal or 1 on every axis), got {Text(shapes)}.",
                        "inputs");
            }
            result[axis] = size;
        }
        return result;
    }

    /// <summary>The broadcast of tensors' actual shapes, batch axis included.</summary>
    /// <exception cref="ArgumentException">The tensors do not broadcast.</exception>
    public static int[] Shape(IReadOnlyList<Tensor> inputs, string layer)
    {
        int?[] shape = Shape([.. inputs.Select(x => x.Shape.Skip(1).Select(d => (int?)d).ToArray())], layer);
        return [inputs[0].Dim(0), .. shape.Select(d => d!.Value)];
    }

    /// <summary>
    /// <c>destination[i] = source[j(i)]</c>: <paramref name="source"/> of <paramref name="sourceShape"/> repeated along
    /// its size-1 (and missing) axes to fill <paramref name="destinationShape"/>.
    /// </summary>
    public static void Expand(ReadOnlySpan<float> source, IReadOnlyList<int> sourceShape, Span<float> destination, IReadOnlyList<int> destinationShape)
    {
        Span<int> strides = stackalloc int[destinationShape.Count], index = stackalloc int[destinationShape.Count];
        SourceStrides(sourceShape, destinationShape, strides);
        int offset = 0;
        for (int i = 0; i < destination.Length; i++)
        {
            destination[i] = source[offset];
            offset = Next(index, destinationShape, strides, offset);
        }
    }

    /// <summary>
    /// The adjoint of <see cref="Expand"/>: <c>destination[j] = Σ source[i]</c> over every i that <see cref="Expand"/>
    /// fills from j, so the gradient of a repeated value is the sum of the gradients of its copies.
    /// </summary>
    public static void Reduce(ReadOnlySpan<float> source, IReadOnlyList<int> destinationShape, Span<float> destination, IReadOnlyList<int> sourceShape)
    {
        Span<int> strides = stackalloc int[sourceShape.Count], index = stackalloc int[sourceShape.Count];
        SourceStrides(destinationShape, sourceShape, strides);
        destination.Clear();
        int offset = 0;
        for (int i = 0; i < source.Length; i++)
        {
            destination[offset] += source[i];
            offset = Next(index, sourceShape, strides, offset);
        }
    }

    // Size of a shape (without batch) on an axis of the aligned rank: its own axes are the last ones.
    private static int? SizeAt(int?[] shape, int axis, int rank) => axis < rank - shape.Length ? 1 : shape[axis - (rank - shape.Length)];

    // The step in the smaller tensor for a step along each axis of the larger one (0 where it repeats); batch first.
    private static void SourceStrides(IReadOnlyList<int> small, IReadOnlyList<int> large, Span<int> strides)
    {
        int stride = 1, missing = large.Count - small.Count;
        for (int axis = large.Count - 1; axis >= 0; axis--)
        {
            int own = axis == 0 ? 0 : axis - missing;
            int size = axis == 0 ? small[0] : own >= 1 ? small[own] : 1;
            strides[axis] = size == 1 && large[axis] != 1 ? 0 : stride;
            if (axis == 0 || own >= 1) stride *= size;
        }
    }

    // Advances the odometer over the larger shape and returns the matching offset in the smaller tensor.
    private static int Next(Span<int> index, IReadOnlyList<int> shape, ReadOnlySpan<int> strides, int offset)
    {
        for (int axis = shape.Count - 1; axis >= 0; axis--)
        {
            offset += strides[axis];
            if (++index[axis] < shape[axis]) return offset;
            offset -= strides[axis] * index[axis];
            index[axis] = 0;
        }
        return offset;
    }

    private static string Text(IReadOnlyList<int?[]> shapes) => "[" + string.Join(", ", shapes.Select(s => Tensor.ShapeText([null, .. s]))) + "]";
}
