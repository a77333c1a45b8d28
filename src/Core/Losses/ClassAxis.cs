using NotebookRnn.Tensors;

namespace NotebookRnn.Losses;

/// <summary>
/// A loss's class axis (Keras <c>axis</c>): losses compute along the last axis, so another class axis is moved last
/// first — (A, K, B) → (A, B, K), A the product of the axes before it, B of those after — and the gradient moved back.
/// </summary>
internal static class ClassAxis
{
    /// <summary>The axis as an index in [0, rank); a rank-0 tensor has axis 0.</summary>
    /// <exception cref="ArgumentException">The axis is outside [−rank, rank).</exception>
    public static int Resolve(int axis, int rank)
    {
        int resolved = axis < 0 ? axis + Math.Max(1, rank) : axis;
        if (resolved < 0 || resolved >= Math.Max(1, rank))
            throw new ArgumentException($"axis must be in [{-Math.Max(1, rank)}, {Math.Max(1, rank)}) for predictions of rank {rank}; got {axis}.", "axis");
        return resolved;
    }

    /// <summary>The shape with <paramref name="axis"/> moved last.</summary>
    public static IEnumerable<int> MovedShape(IReadOnlyList<int> shape, int axis) => shape.Where((_, i) => i != axis).Append(shape[axis]);

    /// <summary>A copy of <paramref name="x"/> with <paramref name="axis"/> moved last.</summary>
    public static Tensor MoveLast(Tensor x, int axis)
    {
        var (before, classes, after) = Split(x.Shape, axis);
        var moved = new Tensor([.. MovedShape(x.Shape, axis)]);
        ReadOnlySpan<float> source = x.Span;
        Span<float> destination = moved.Span;
        for (int a = 0; a < before; a++)
            for (int k = 0; k < classes; k++)
                for (int b = 0; b < after; b++)
                    destination[(a * after + b) * classes + k] = source[(a * classes + k) * after + b];
        return moved;
    }

    /// <summary>Writes <paramref name="moved"/> (axis last) into <paramref name="destination"/>, whose class axis is <paramref name="axis"/>.</summary>
    public static void MoveBack(Tensor moved, int axis, Tensor destination)
    {
        var (before, classes, after) = Split(destination.Shape, axis);
        ReadOnlySpan<float> source = moved.Span;
        Span<float> target = destination.Span;
        for (int a = 0; a < before; a++)
            for (int k = 0; k < classes; k++)
                for (int b = 0; b < after; b++)
                    target[(a * classes + k) * after + b] = source[(a * after + b) * classes + k];
    }

    private static (int Before, int Classes, int After) Split(IReadOnlyList<int> shape, int axis)
    {
        int before = 1, after = 1;
        for (int i = 0; i < axis; i++) before *= shape[i];
        for (int i = axis + 1; i < shape.Count; i++) after *= shape[i];
        return (before, shape[axis], after);
    }
}
