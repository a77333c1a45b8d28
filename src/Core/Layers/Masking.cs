using System.Runtime.CompilerServices;

namespace NotebookRnn;

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

    // The per-batch loops here are AggressiveOptimization: fully optimised from their first call, not tier-0 code that a
    // busy notebook kernel would keep running for epochs (issue 13).
    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public override SequenceMask? ComputeOutputMask(Tensor input, SequenceMask? mask)
    {
        CheckInput(input);
        CheckMask(input, mask);
        var valid = new bool[input.Dim(0) * input.Dim(1)];
        for (int step = 0; step < valid.Length; step++) valid[step] = IsRealStep(input, mask, step);
        return new SequenceMask(valid, input.Dim(0), input.Dim(1));
    }

    // x: (batch, steps, features) → y = m ⊙ x, m: (batch, steps) broadcast over features
    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public override Tensor Forward(Tensor input, SequenceMask? mask, bool training)
    {
        CheckInput(input);
        CheckMask(input, mask);
        int features = input.Dim(2);
        Tensor stepMask = Tensor.Reuse(ref _stepMask, input.Dim(0), input.Dim(1));
        Tensor output = Tensor.Reuse(ref _output, [.. input.Shape]);
        Span<float> m = stepMask.Span;
        for (int step = 0; step < m.Length; step++)
        {
            m[step] = IsRealStep(input, mask, step) ? 1 : 0;
            Span<float> y = output.Span.Slice(step * features, features);
            if (m[step] == 1) input.Span.Slice(step * features, features).CopyTo(y);
            else y.Clear();
        }
        return output;
    }

    // dy: (batch, steps, features) → dx = m ⊙ dy
    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public override Tensor? Backward(Tensor outputGradient, bool needInputGradient)
    {
        Tensor stepMask = _stepMask ?? throw new InvalidOperationException($"Masking '{Name}': Backward called before Forward.");
        if (!needInputGradient) return null;
        int features = outputGradient.Dim(2);
        Tensor dx = Tensor.Reuse(ref _inputGradient, [.. outputGradient.Shape]);
        ReadOnlySpan<float> m = stepMask.Span;
        for (int step = 0; step < m.Length; step++)
        {
            Span<float> gradient = dx.Span.Slice(step * features, features);
            if (m[step] == 1) outputGradient.Span.Slice(step * features, features).CopyTo(gradient);
            else gradient.Clear();
        }
        return dx;
    }

    // A step is real when some feature differs from MaskValue and no earlier layer masked it.
    private bool IsRealStep(Tensor input, SequenceMask? mask, int step)
    {
        int features = input.Dim(2);
        return (mask is null || mask.Flags[step]) && input.Span.Slice(step * features, features).ContainsAnyExcept(MaskValue);
    }

    private void CheckMask(Tensor input, SequenceMask? mask)
    {
        if (mask is not null && (mask.Batch != input.Dim(0) || mask.Steps != input.Dim(1)))
            throw new ArgumentException(
                $"Masking '{Name}' got a mask of {mask.Batch} × {mask.Steps} steps for input of shape {Tensor.ShapeText(input.Shape)}.",
                nameof(mask));
    }
}
