using NotebookRnn.Tensors;

namespace NotebookRnn.Layers.Merging;

/// <summary>
/// Joins its inputs along one axis (Keras <c>Concatenate</c>): inputs of one rank whose sizes agree on every axis but
/// <see cref="Axis"/>, e.g. (batch, 4, 3) and (batch, 4, 5) → (batch, 4, 8) along −1, or (batch, 4, 2) and
/// (batch, 6, 2) → (batch, 10, 2) along 1.
/// </summary>
/// <remarks>
/// Masks as in Keras 3 (<c>Concatenate.compute_mask</c>), for inputs whose axis 1 is time; an input without a mask
/// counts as real at every step. Along the time axis the masks are joined like the values; along any other axis a step
/// is real when it is real in some input. No input with a mask: no output mask.
/// </remarks>
public sealed class Concatenate : MultiInputLayer
{
    private Tensor? _output;
    private Tensor?[] _gradients = [];
    private int[][] _inputShapes = [];

    /// <summary>Creates the layer.</summary>
    /// <param name="axis">The axis to join along, counting the batch axis as 0 (Keras); negative counts from the last. Default −1.</param>
    /// <param name="name">Layer name.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="axis"/> is 0, the batch axis.</exception>
    public Concatenate(int axis = -1, string? name = null) : base(name)
    {
        if (axis == 0) throw new ArgumentOutOfRangeException(nameof(axis), axis, "Expected an axis other than 0, the batch axis.");
        Axis = axis;
    }

    /// <summary>The axis joined along, counting the batch axis as 0; negative counts from the last.</summary>
    public int Axis { get; }

    /// <inheritdoc/>
    public override bool SupportsMasking => true;

    /// <summary>The inputs' shape with the sizes along <see cref="Axis"/> added (unknown if one is).</summary>
    /// <exception cref="ArgumentException">The inputs differ in rank or on an axis other than <see cref="Axis"/>, or the axis is out of range.</exception>
    public override int?[] ComputeOutputShape(IReadOnlyList<int?[]> inputShapes)
    {
        ArgumentNullException.ThrowIfNull(inputShapes);
        int rank = inputShapes[0].Length, axis = AxisFor(rank + 1) - 1;
        if (inputShapes.Any(s => s.Length != rank) || Enumerable.Range(0, rank).Any(d => d != axis && inputShapes.Select(s => s[d]).OfType<int>().Distinct().Count() > 1))
            throw new ArgumentException(
                $"Concatenate '{Name}' requires inputs with matching shapes except for the concatenation axis {Axis}, got " +
                $"[{string.Join(", ", inputShapes.Select(s => Tensor.ShapeText([null, .. s])))}].", nameof(inputShapes));
        int?[] output = [.. inputShapes[0]];
        output[axis] = inputShapes.Any(s => s[axis] is null) ? null : inputShapes.Sum(s => s[axis]!.Value);
        return output;
    }

    // x_k: (batch, …, n_k, …) → y: (batch, …, Σ n_k, …), the sizes along Axis added
    /// <inheritdoc/>
    public override Tensor Forward(IReadOnlyList<Tensor> inputs, IReadOnlyList<SequenceMask?> masks, bool training)
    {
        CheckInputs(inputs);
        int axis = AxisFor(inputs[0].Rank);
        CheckSameSizes(inputs, axis);
        _inputShapes = [.. inputs.Select(x => x.Shape.ToArray())];
        int[] shape = [.. _inputShapes[0]];
        shape[axis] = _inputShapes.Sum(s => s[axis]);
        Tensor output = Tensor.Reuse(ref _output, shape);
        int outer = Outer(shape, axis), width = output.Length / Math.Max(1, outer), offset = 0;
        foreach (Tensor input in inputs)
        {
            int chunk = input.Length / Math.Max(1, outer);
            for (int row = 0; row < outer; row++) input.Span.Slice(row * chunk, chunk).CopyTo(output.Span.Slice(row * width + offset, chunk));
            offset += chunk;
        }
        return output;
    }

    // dy: (batch, …, Σ n_k, …) → dx_k: the part of dy along Axis that x_k filled
    /// <inheritdoc/>
    /// <exception cref="ArgumentException"><paramref name="outputGradient"/> differs in shape from the last output.</exception>
    public override IReadOnlyList<Tensor?> BackwardAll(Tensor outputGradient, IReadOnlyList<bool> needInputGradients)
    {
        ArgumentNullException.ThrowIfNull(outputGradient);
        ArgumentNullException.ThrowIfNull(needInputGradients);
        if (_output is null) throw new InvalidOperationException($"Concatenate '{Name}': BackwardAll called before Forward.");
        if (!outputGradient.Shape.SequenceEqual(_output.Shape))
            throw new ArgumentException(
                $"Concatenate '{Name}' expects outputGradient of the output's shape {Tensor.ShapeText(_output.Shape)}, got {Tensor.ShapeText(outputGradient.Shape)}.",
                nameof(outputGradient));
        if (_gradients.Length != _inputShapes.Length) _gradients = new Tensor?[_inputShapes.Length];
        int axis = AxisFor(outputGradient.Rank), outer = Outer([.. outputGradient.Shape], axis);
        int width = outputGradient.Length / Math.Max(1, outer), offset = 0;
        var result = new Tensor?[_inputShapes.Length];
        for (int k = 0; k < result.Length; k++)
        {
            int chunk = _inputShapes[k].Aggregate(1, (a, b) => a * b) / Math.Max(1, outer);
            if (needInputGradients[k])
            {
                Tensor gradient = Tensor.Reuse(ref _gradients[k], _inputShapes[k]);
                for (int row = 0; row < outer; row++) outputGradient.Span.Slice(row * width + offset, chunk).CopyTo(gradient.Span.Slice(row * chunk, chunk));
                result[k] = gradient;
            }
            offset += chunk;
        }
        return result;
    }

    /// <summary>
    /// Along the time axis (1) the inputs' masks joined in order, an input without one real at all its steps; along any
    /// other axis the steps real in some input (every step when an input has no mask); <c>null</c> when no input has a mask.
    /// </summary>
    /// <exception cref="ArgumentException">A mask does not cover its input's (batch, steps).</exception>
    public override SequenceMask? ComputeOutputMask(IReadOnlyList<Tensor> inputs, IReadOnlyList<SequenceMask?> masks)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        return OutputMask([.. inputs.Select(x => x.Shape)], masks);
    }

    /// <summary>The output's mask for inputs of <paramref name="shapes"/> (batch included) with these masks, as <see cref="ComputeOutputMask"/> (the values are not needed).</summary>
    /// <exception cref="ArgumentException">A mask does not cover its input's (batch, steps).</exception>
    internal SequenceMask? OutputMask(IReadOnlyList<IReadOnlyList<int>> shapes, IReadOnlyList<SequenceMask?> masks)
    {
        ArgumentNullException.ThrowIfNull(masks);
        if (masks.All(m => m is null)) return null;
        if (masks.Count != shapes.Count)
            throw new ArgumentException($"Concatenate '{Name}' takes one mask per input ({shapes.Count}) or none, got {masks.Count}.", nameof(masks));
        for (int k = 0; k < shapes.Count; k++)
            if (masks[k] is { } mask && (shapes[k].Count < 2 || mask.Batch != shapes[k][0] || mask.Steps != shapes[k][1]))
                throw new ArgumentException(
                    $"The mask of input {k} of Concatenate '{Name}' must cover its (batch, steps), got {mask.Batch} × {mask.Steps} " +
                    $"for an input of shape {Tensor.ShapeText(shapes[k])}.", nameof(masks));
        int batch = shapes[0][0];
        if (AxisFor(shapes[0].Count) == 1) return JoinedInTime(shapes, masks, batch);
        if (masks.Any(m => m is null)) return SequenceMask.FromLengths(Enumerable.Repeat(shapes[0][1], batch).ToArray(), shapes[0][1], Padding.Post);
        SequenceMask union = masks[0]!;
        for (int k = 1; k < masks.Count; k++) union = union.Union(masks[k]!);
        return union;
    }

    private static SequenceMask JoinedInTime(IReadOnlyList<IReadOnlyList<int>> shapes, IReadOnlyList<SequenceMask?> masks, int batch)
    {
        int steps = shapes.Sum(s => s[1]), offset = 0;
        var real = new bool[batch * steps];
        for (int k = 0; k < shapes.Count; k++)
        {
            int own = shapes[k][1];
            for (int row = 0; row < batch; row++)
            {
                Span<bool> target = real.AsSpan(row * steps + offset, own);
                if (masks[k] is { } mask) mask.Flags.Slice(row * own, own).CopyTo(target);
                else target.Fill(true);
            }
            offset += own;
        }
        return new SequenceMask(real, batch, steps);
    }

    // The axis for tensors of this rank (batch included), in [1, rank).
    private int AxisFor(int rank)
    {
        int axis = Axis < 0 ? Axis + rank : Axis;
        if (axis < 1 || axis >= rank)
            throw new ArgumentException($"Concatenate '{Name}' axis {Axis} is out of range for inputs of rank {rank} (batch included): expected 1 to {rank - 1} or −{rank - 1} to −1.", "axis");
        return axis;
    }

    private void CheckSameSizes(IReadOnlyList<Tensor> inputs, int axis)
    {
        for (int k = 1; k < inputs.Count; k++)
            for (int d = 0; d < inputs[0].Rank; d++)
                if (d != axis && inputs[k].Dim(d) != inputs[0].Dim(d))
                    throw new ArgumentException(
                        $"Concatenate '{Name}' requires inputs with matching shapes except for the concatenation axis {Axis}, got " +
                        $"{Tensor.ShapeText(inputs[0].Shape)} and {Tensor.ShapeText(inputs[k].Shape)}.", nameof(inputs));
    }

    private static int Outer(IReadOnlyList<int> shape, int axis) => shape.Take(axis).Aggregate(1, (a, b) => a * b);
}
