using NotebookRnn.Tensors;

namespace NotebookRnn.Sequences;

/// <summary>One-hot encoding of class labels (Keras <c>keras.utils.to_categorical</c>).</summary>
public static class Categorical
{
    /// <summary>
    /// One-hot encodes class ids: <c>result[i, c] = 1</c> when <c>labels[i] == c</c>, else 0.
    /// </summary>
    /// <param name="labels">Class ids, each in <c>[0, numClasses)</c>.</param>
    /// <param name="numClasses">Number of classes; <c>null</c> (default) = largest label + 1 (0 for no labels).</param>
    /// <returns>A float32 tensor of shape (labels, numClasses).</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="numClasses"/> is negative, or a label is outside <c>[0, numClasses)</c>.</exception>
    public static Tensor ToCategorical(int[] labels, int? numClasses = null)
    {
        ArgumentNullException.ThrowIfNull(labels);
        int classes = ResolveClassCount(numClasses, labels.Length == 0 ? -1 : labels.Max());
        var result = new Tensor(labels.Length, classes);
        Span<float> data = result.Span;
        for (int i = 0; i < labels.Length; i++)
            data[i * classes + CheckedLabel(labels[i], i, classes)] = 1f;
        return result;
    }

    /// <summary>
    /// One-hot encodes a tensor of integer class ids of any shape, like Keras: the result has the labels' shape
    /// plus a trailing <paramref name="numClasses"/> axis, except that a trailing axis of size 1 (rank ≥ 2) is
    /// replaced rather than kept, so (3, 1) gives (3, numClasses).
    /// </summary>
    /// <param name="labels">Integer-valued class ids, each in <c>[0, numClasses)</c>.</param>
    /// <param name="numClasses">Number of classes; <c>null</c> (default) = largest label + 1.</param>
    /// <exception cref="ArgumentException">A label is not an integer.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="numClasses"/> is negative, or a label is outside <c>[0, numClasses)</c>.</exception>
    public static Tensor ToCategorical(Tensor labels, int? numClasses = null)
    {
        ArgumentNullException.ThrowIfNull(labels);
        ReadOnlySpan<float> values = labels.Span;
        var ids = new int[values.Length];
        for (int i = 0; i < values.Length; i++)
        {
            if (values[i] != MathF.Round(values[i]) || !float.IsFinite(values[i]))
                throw new ArgumentException($"Labels must be integers, but label {i} is {values[i]}.", nameof(labels));
            ids[i] = (int)values[i];
        }
        List<int> shape = labels.Shape.ToList();
        if (shape.Count > 1 && shape[^1] == 1) shape.RemoveAt(shape.Count - 1);
        Tensor flat = ToCategorical(ids, numClasses);
        shape.Add(flat.Dim(1));
        return flat.Reshape(shape.ToArray());
    }

    private static int ResolveClassCount(int? numClasses, int largestLabel)
    {
        if (numClasses is int given)
        {
            if (given < 0)
                throw new ArgumentOutOfRangeException(nameof(numClasses), given, "Expected numClasses ≥ 0.");
            return given;
        }
        return largestLabel + 1;
    }

    private static int CheckedLabel(int label, int index, int classes)
    {
        if (label < 0 || label >= classes)
            throw new ArgumentOutOfRangeException("labels", label,
                $"Label {index} is {label}, outside [0, {classes}) for {classes} classes.");
        return label;
    }
}
