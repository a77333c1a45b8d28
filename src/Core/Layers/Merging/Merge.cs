using NotebookRnn.Tensors;

namespace NotebookRnn.Layers.Merging;

/// <summary>
/// Base of the elementwise merge layers (<see cref="Add"/>, <see cref="Subtract"/>, <see cref="Multiply"/>,
/// <see cref="Average"/>, <see cref="Maximum"/>, <see cref="Minimum"/>; Keras <c>Merge</c>): the inputs have one shape,
/// or shapes that broadcast as in Keras (aligned on their last axes, a lower-rank input gaining size-1 axes right after
/// the batch axis, each size equal or 1), and the output has the broadcast shape.
/// </summary>
/// <remarks>
/// Masks as in Keras 3: the output's mask is the union (logical or) of the inputs' masks when every input has one, and
/// none otherwise. A mask covers (batch, steps), the first two axes of the output. <see cref="Multiply"/>,
/// <see cref="Maximum"/> and <see cref="Minimum"/> also leave an input's masked steps out of the values; <see cref="Add"/>,
/// <see cref="Subtract"/> and <see cref="Average"/> merge them as they are.
/// </remarks>
public abstract class Merge : MultiInputLayer
{
    // Per input: the last input, the operand (the input, or its broadcast copy of the output's shape), and the gradient
    // of the output's shape and, for an input that was broadcast, the gradient summed back to its own shape.
    private Tensor[] _inputs = [], _operands = [];
    private Tensor?[] _expanded = [], _gradients = [], _reduced = [];
    private SequenceMask?[] _masks = [];
    private Tensor? _output;
    private int[] _outputShape = [];

    /// <summary>Stores the configuration shared by all layers.</summary>
    /// <param name="name">Layer name; defaults to the snake-case type name made unique within its model.</param>
    protected Merge(string? name) : base(name)
    {
    }

    /// <inheritdoc/>
    public override bool SupportsMasking => true;

    /// <summary>The broadcast of the input shapes (Keras's rules; an unknown size stays unknown).</summary>
    /// <exception cref="ArgumentException">Two known sizes on one axis differ and neither is 1.</exception>
    public override int?[] ComputeOutputShape(IReadOnlyList<int?[]> inputShapes)
    {
        ArgumentNullException.ThrowIfNull(inputShapes);
        return Broadcasting.Shape(inputShapes, Describe);
    }

    // x_k: (batch, …) each, broadcasting to (batch, …) → y: (batch, …), the broadcast shape
    /// <inheritdoc/>
    /// <exception cref="ArgumentException">
    /// The inputs do not match the built shapes or do not broadcast, or a mask does not cover the output's (batch, steps).
    /// </exception>
    public override Tensor Forward(IReadOnlyList<Tensor> inputs, IReadOnlyList<SequenceMask?> masks, bool training)
    {
        CheckInputs(inputs);
        int count = inputs.Count;
        _outputShape = Broadcasting.Shape(inputs, Describe);
        _masks = CheckMasks(masks, count, _outputShape);
        if (_operands.Length != count)
            (_inputs, _operands, _expanded, _gradients, _reduced) = (new Tensor[count], new Tensor[count], new Tensor?[count], new Tensor?[count], new Tensor?[count]);
        for (int k = 0; k < count; k++)
        {
            _inputs[k] = inputs[k];
            if (inputs[k].Shape.SequenceEqual(_outputShape))
            {
                _operands[k] = inputs[k];
                continue;
            }
            Tensor expanded = Tensor.Reuse(ref _expanded[k], _outputShape);
            Broadcasting.Expand(inputs[k].Span, inputs[k].Shape, expanded.Span, _outputShape);
            _operands[k] = expanded;
        }
        Tensor output = Tensor.Reuse(ref _output, _outputShape);
        Combine(_operands, _masks, StepSize(output), output.Span);
        return output;
    }

    // dy: (batch, …) → dx_k: (batch, …) of input k, summed over the axes it was repeated along
    /// <inheritdoc/>
    /// <exception cref="ArgumentException"><paramref name="outputGradient"/> differs in shape from the last output.</exception>
    public override IReadOnlyList<Tensor?> BackwardAll(Tensor outputGradient, IReadOnlyList<bool> needInputGradients)
    {
        ArgumentNullException.ThrowIfNull(outputGradient);
        ArgumentNullException.ThrowIfNull(needInputGradients);
        if (_output is null) throw new InvalidOperationException($"{Describe}: BackwardAll called before Forward.");
        if (!outputGradient.Shape.SequenceEqual(_outputShape))
            throw new ArgumentException(
                $"{Describe} expects outputGradient of the output's shape {Tensor.ShapeText(_outputShape)}, got {Tensor.ShapeText(outputGradient.Shape)}.", nameof(outputGradient));
        var result = new Tensor?[_operands.Length];
        for (int k = 0; k < result.Length; k++)
        {
            if (!needInputGradients[k]) continue;
            Tensor gradient = Tensor.Reuse(ref _gradients[k], _outputShape);
            InputGradient(k, outputGradient.Span, StepSize(gradient), gradient.Span);
            Tensor input = _inputs[k];
            if (ReferenceEquals(_operands[k], input))
            {
                result[k] = gradient;
                continue;
            }
            Tensor reduced = Tensor.Reuse(ref _reduced[k], [.. input.Shape]);
            Broadcasting.Reduce(gradient.Span, input.Shape, reduced.Span, _outputShape);
            result[k] = reduced;
        }
        return result;
    }

    /// <summary>The union of the inputs' masks when every input has one (Keras 3's <c>Merge.compute_mask</c>), else <c>null</c>.</summary>
    /// <exception cref="ArgumentException">There are masks, but not one per input.</exception>
    public override SequenceMask? ComputeOutputMask(IReadOnlyList<Tensor> inputs, IReadOnlyList<SequenceMask?> masks)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        return OutputMask(inputs.Count, masks);
    }

    /// <summary>The output's mask for <paramref name="inputs"/> inputs with these masks, as <see cref="ComputeOutputMask"/> (the values are not needed).</summary>
    /// <exception cref="ArgumentException">There are masks, but not one per input.</exception>
    internal SequenceMask? OutputMask(int inputs, IReadOnlyList<SequenceMask?> masks)
    {
        ArgumentNullException.ThrowIfNull(masks);
        if (masks.Count != 0 && masks.Count != inputs)
            throw new ArgumentException($"The lists of inputs and masks of {Describe} should have the same length, got {inputs} inputs and {masks.Count} masks.", nameof(masks));
        if (masks.Count == 0 || masks.Any(m => m is null)) return null;
        SequenceMask union = masks[0]!;
        for (int k = 1; k < masks.Count; k++) union = union.Union(masks[k]!);
        return union;
    }

    /// <summary>Computes the merged values from the inputs, each broadcast to the output's shape.</summary>
    /// <param name="operands">The inputs, each of the output's shape (batch, …).</param>
    /// <param name="masks">Each input's mask over the output's (batch, steps), or <c>null</c>; as many as inputs.</param>
    /// <param name="stepSize">Values per (batch, step) row of the output.</param>
    /// <param name="output">The merged values, (batch, …).</param>
    private protected abstract void Combine(IReadOnlyList<Tensor> operands, IReadOnlyList<SequenceMask?> masks, int stepSize, Span<float> output);

    /// <summary>Writes the gradient with respect to operand <paramref name="input"/> (of the output's shape) given the output's.</summary>
    private protected abstract void InputGradient(int input, ReadOnlySpan<float> outputGradient, int stepSize, Span<float> inputGradient);

    /// <summary>The operands of the last <see cref="Forward"/>, each of the output's shape.</summary>
    private protected IReadOnlyList<Tensor> Operands => _operands;

    /// <summary>The inputs' masks of the last <see cref="Forward"/> (<c>null</c> entries where none).</summary>
    private protected IReadOnlyList<SequenceMask?> Masks => _masks;

    /// <summary>Sets every value of the (batch, step) rows <paramref name="mask"/> marks as padding to <paramref name="value"/>.</summary>
    private protected static void FillPaddedSteps(SequenceMask mask, int stepSize, Span<float> values, float value)
    {
        ReadOnlySpan<bool> valid = mask.Flags;
        for (int row = 0; row < valid.Length; row++)
            if (!valid[row]) values.Slice(row * stepSize, stepSize).Fill(value);
    }

    /// <summary>The layer's type and name, for messages.</summary>
    private protected string Describe => $"{GetType().Name} '{Name}'";

    private static int StepSize(Tensor output) => output.Rank < 2 || output.Length == 0 ? 1 : output.Length / (output.Dim(0) * output.Dim(1));

    private SequenceMask?[] CheckMasks(IReadOnlyList<SequenceMask?> masks, int count, int[] outputShape)
    {
        ArgumentNullException.ThrowIfNull(masks);
        if (masks.Count == 0) return new SequenceMask?[count];
        if (masks.Count != count)
            throw new ArgumentException($"{Describe} takes one mask per input ({count}) or none, got {masks.Count}.", nameof(masks));
        for (int k = 0; k < count; k++)
            if (masks[k] is { } mask && (outputShape.Length < 2 || mask.Batch != outputShape[0] || mask.Steps != outputShape[1]))
                throw new ArgumentException(
                    $"The mask of input {k} of {Describe} must cover the output's (batch, steps) = {Tensor.ShapeText(outputShape.Take(2).ToArray())}, " +
                    $"got {mask.Batch} × {mask.Steps}.", nameof(masks));
        return [.. masks];
    }
}
