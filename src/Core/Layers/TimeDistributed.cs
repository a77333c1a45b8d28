using NotebookRnn.Tensors;

namespace NotebookRnn.Layers;

/// <summary>
/// Applies one layer to every step of a sequence (Keras <c>TimeDistributed</c>): x: (batch, steps, …) is seen as
/// (batch·steps, …), the wrapped layer maps it to (batch·steps, …out), and the result is (batch, steps, …out);
/// <c>y[b, t] = layer(x[b, t])</c> with the same weights at every step.
/// </summary>
/// <remarks>
/// The wrapped layer is built for the per-step shape and its weights are this layer's <see cref="Parameters"/>.
/// A mask (batch, steps) passes through to the output unchanged, and on to the wrapped layer as Keras passes
/// <c>mask[:, t]</c> to each step: when the wrapped layer supports masking and each step is itself a sequence
/// (x: (batch, steps, innerSteps, …)), row b·steps + t of the wrapped layer's input is all real or, for a masked step,
/// all padding (length 0), so a wrapped recurrent layer never computes a masked step.
/// </remarks>
public sealed class TimeDistributed : Layer
{
    private int[]? _inputShape;

    /// <summary>Creates the wrapper.</summary>
    /// <param name="layer">The layer applied to each step; it gets the default name of its type if it has none.</param>
    /// <param name="inputShape">Input shape without batch, (steps, …), for a model's first layer.</param>
    /// <param name="name">Layer name.</param>
    public TimeDistributed(Layer layer, int?[]? inputShape = null, string? name = null) : base(name, inputShape)
    {
        ArgumentNullException.ThrowIfNull(layer);
        if (layer.Name.Length == 0) layer.Name = layer.TypeName;
        Layer = layer;
    }

    /// <summary>The layer applied to each step.</summary>
    public Layer Layer { get; }

    private protected override IEnumerable<Layer> WrappedLayers => [Layer];

    /// <summary>The wrapped layer's weights.</summary>
    public override IReadOnlyList<Parameter> Parameters => Layer.Parameters;

    /// <inheritdoc/>
    public override bool SupportsMasking => true;

    /// <inheritdoc/>
    public override string TypeName => "time_distributed";

    /// <inheritdoc/>
    /// <exception cref="ArgumentException">The input has no step axis, or the wrapped layer cannot take one step.</exception>
    public override int?[] ComputeOutputShape(int?[] inputShape)
    {
        if (inputShape.Length < 2)
            throw new ArgumentException(
                $"TimeDistributed '{Name}' expects input of shape (batch, steps, …) with at least 3 axes, got {Tensor.ShapeText([null, .. inputShape])}.",
                nameof(inputShape));
        return [inputShape[0], .. Layer.ComputeOutputShape(inputShape[1..])];
    }

    /// <inheritdoc/>
    protected override void OnBuild(int?[] inputShape, RandomGenerator random) => BuildWrapped(Layer, inputShape[1..], random);

    // x: (batch, steps, …) → (batch·steps, …) → layer → (batch·steps, …out) → y: (batch, steps, …out)
    /// <inheritdoc/>
    /// <exception cref="ArgumentException">The input does not fit the built shape, or the mask is not (batch, steps) of the input (Keras's check).</exception>
    public override Tensor Forward(Tensor input, SequenceMask? mask, bool training)
    {
        CheckInput(input);
        int batch = input.Dim(0), steps = input.Dim(1);
        if (mask is not null && (mask.Batch != batch || mask.Steps != steps))
            throw new ArgumentException(
                $"The mask passed to TimeDistributed '{Name}' has shape ({mask.Batch}, {mask.Steps}), which is incompatible with the input " +
                $"shape {Tensor.ShapeText(input.Shape)}: the mask's batch size and steps must match the input's first two dimensions, " +
                $"expected ({batch}, {steps}).", nameof(mask));
        _inputShape = [.. input.Shape];
        Tensor output = Layer.Forward(input.Reshape([batch * steps, .. input.Shape.Skip(2)]), StepMask(input, mask), training);
        return output.Reshape([batch, steps, .. output.Shape.Skip(1)]);
    }

    private SequenceMask? StepMask(Tensor input, SequenceMask? mask) => StepMask(input.Shape, mask);

    /// <summary>
    /// The wrapped layer's mask for input of <paramref name="inputShape"/> (batch included) and the wrapper's
    /// <paramref name="mask"/>: mask (batch, steps) → (batch·steps, innerSteps), a real step's row all real and a masked
    /// step's row of length 0; <c>null</c> unless the wrapped layer takes masks and each step is a sequence.
    /// </summary>
    internal SequenceMask? StepMask(IReadOnlyList<int> inputShape, SequenceMask? mask)
    {
        if (mask is null || !mask.HasPadding || !Layer.SupportsMasking || inputShape.Count < 4) return null;
        int batch = inputShape[0], steps = inputShape[1], innerSteps = inputShape[2];
        var lengths = new int[batch * steps];
        for (int b = 0; b < batch; b++)
            for (int t = 0; t < steps; t++)
                lengths[b * steps + t] = mask.IsValid(b, t) ? innerSteps : 0;
        return SequenceMask.FromLengths(lengths, innerSteps, Padding.Post);
    }

    // dy: (batch, steps, …out) → (batch·steps, …out) → layer backward → dx: (batch, steps, …)
    /// <inheritdoc/>
    public override Tensor? Backward(Tensor outputGradient, bool needInputGradient)
    {
        int[] inputShape = _inputShape ?? throw new InvalidOperationException($"TimeDistributed '{Name}': Backward called before Forward.");
        Tensor flat = outputGradient.Reshape([inputShape[0] * inputShape[1], .. outputGradient.Shape.Skip(2)]);
        return Layer.Backward(flat, needInputGradient)?.Reshape(inputShape);
    }
}
