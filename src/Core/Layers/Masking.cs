using NotebookRnn.Kernels;
using NotebookRnn.Data;
using NotebookRnn.Tensors;

namespace NotebookRnn.Layers;

/// <summary>
/// Marks padding steps of feature sequences (Keras <c>Masking</c>): x: (batch, steps, features) → y of the same shape,
/// <c>m[b, t] = (∃ f: x[b, t, f] ≠ maskValue) ∧ mask[b, t]</c> and <c>y[b, t, :] = m[b, t] · x[b, t, :]</c>.
/// The layer produces the mask m, so later layers that support masking skip the padded steps.
/// </summary>
/// <remarks>
/// Keras ignores a mask arriving from an earlier layer; here it is combined with the layer's own by AND, so a step
/// masked upstream stays masked and is zeroed too.
/// </remarks>
public sealed class Masking : Layer
{
    private Tensor? _stepMask, _output, _inputGradient;

    /// <summary>Creates the layer.</summary>
    /// <param name="maskValue">A step whose features all equal this value is padding; default 0.</param>
    /// <param name="inputShape">Input shape without batch, (steps, features), for a model's first layer.</param>
    /// <param name="name">Layer name.</param>
    public Masking(float maskValue = 0, int?[]? inputShape = null, string? name = null) : base(name, inputShape)
    {
        MaskValue = maskValue;
    }

    /// <summary>The value that marks a padding step when every feature of the step equals it.</summary>
    public float MaskValue { get; }

    /// <inheritdoc/>
    public override bool SupportsMasking => true;

    /// <inheritdoc/>
    /// <exception cref="ArgumentException">The input is not (steps, features).</exception>
    public override int?[] ComputeOutputShape(int?[] inputShape)
    {
        if (inputShape.Length != 2)
            throw new ArgumentException(
                $"Masking '{Name}' expects input of shape (batch, steps, features), got {Tensor.ShapeText([null, .. inputShape])}.",
                nameof(inputShape));
        return (int?[])inputShape.Clone();
    }

    /// <inheritdoc/>
    public override SequenceMask? ComputeOutputMask(Tensor input, SequenceMask? mask)
    {
        CheckInput(input);
        CheckMask(input, mask);
        return StepMask(input, mask);
    }

    // x: (batch, steps, features) → y = m ⊙ x, m: (batch, steps) broadcast over features
    /// <inheritdoc/>
    public override Tensor Forward(Tensor input, SequenceMask? mask, bool training)
    {
        CheckInput(input);
        CheckMask(input, mask);
        Tensor stepMask = Tensor.Reuse(ref _stepMask, input.Dim(0), input.Dim(1));
        StepMask(input, mask).WriteStepWeights(stepMask.Span);
        Tensor output = Tensor.Reuse(ref _output, [.. input.Shape]);
        RowKernels.KeepRows(input.Span, stepMask.Span, output.Span, input.Dim(2));
        return output;
    }

    // dy: (batch, steps, features) → dx = m ⊙ dy
    /// <inheritdoc/>
    public override Tensor? Backward(Tensor outputGradient, bool needInputGradient)
    {
        Tensor stepMask = _stepMask ?? throw new InvalidOperationException($"Masking '{Name}': Backward called before Forward.");
        if (!needInputGradient) return null;
        Tensor dx = Tensor.Reuse(ref _inputGradient, [.. outputGradient.Shape]);
        RowKernels.KeepRows(outputGradient.Span, stepMask.Span, dx.Span, outputGradient.Dim(2));
        return dx;
    }

    // A step is real when some feature differs from MaskValue and no earlier layer masked it: lengths and layout from one
    // scan of the values, flags only when a row has a hole.
    private SequenceMask StepMask(Tensor input, SequenceMask? mask) =>
        SequenceMask.OfSteps(input.Span, input.Dim(0), input.Dim(1), input.Dim(2), MaskValue).Intersect(mask);

    private void CheckMask(Tensor input, SequenceMask? mask)
    {
        if (mask is not null && (mask.Batch != input.Dim(0) || mask.Steps != input.Dim(1)))
            throw new ArgumentException(
                $"Masking '{Name}' got a mask of {mask.Batch} × {mask.Steps} steps for input of shape {Tensor.ShapeText(input.Shape)}.",
                nameof(mask));
    }
}
