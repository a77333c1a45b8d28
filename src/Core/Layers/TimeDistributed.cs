using NotebookRnn.Tensors;

namespace NotebookRnn.Layers;

/// <summary>
/// Applies one layer to every step of a sequence (Keras <c>TimeDistributed</c>): x: (batch, steps, …) is seen as
/// (batch·steps, …), the wrapped layer maps it to (batch·steps, …out), and the result is (batch, steps, …out);
/// <c>y[b, t] = layer(x[b, t])</c> with the same weights at every step.
/// </summary>
/// <remarks>
/// The wrapped layer is built for the per-step shape and its weights are this layer's <see cref="Parameters"/>.
/// A mask is per step, so it stays outside: it passes through unchanged and the wrapped layer never sees it.
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
    public override Tensor Forward(Tensor input, SequenceMask? mask, bool training)
    {
        CheckInput(input);
        _inputShape = [.. input.Shape];
        int batch = input.Dim(0), steps = input.Dim(1);
        Tensor output = Layer.Forward(input.Reshape([batch * steps, .. input.Shape.Skip(2)]), null, training);
        return output.Reshape([batch, steps, .. output.Shape.Skip(1)]);
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
