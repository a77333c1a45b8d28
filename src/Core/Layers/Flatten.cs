using NotebookRnn.Tensors;

namespace NotebookRnn.Layers;

/// <summary>Flattens everything but the batch axis: (batch, d1, d2, …) → (batch, d1·d2·…) (Keras <c>Flatten</c>).</summary>
public sealed class Flatten : Layer
{
    private int[]? _inputShape;

    /// <summary>Creates the layer.</summary>
    /// <param name="inputShape">Input shape without batch, for a model's first layer.</param>
    /// <param name="name">Layer name.</param>
    public Flatten(int?[]? inputShape = null, string? name = null) : base(name, inputShape)
    {
    }

    /// <inheritdoc/>
    public override int?[] ComputeOutputShape(int?[] inputShape)
    {
        if (inputShape.Any(d => d is null))
            throw new ArgumentException(
                $"Flatten '{Name}' needs every dimension known, got input shape {Tensor.ShapeText(inputShape)}.", nameof(inputShape));
        return [inputShape.Aggregate(1, (product, d) => product * d!.Value)];
    }

    /// <inheritdoc/>
    public override Tensor Forward(Tensor input, SequenceMask? mask, bool training)
    {
        CheckInput(input);
        _inputShape = [.. input.Shape];
        return input.Reshape(input.Dim(0), input.Length / Math.Max(1, input.Dim(0)));
    }

    /// <inheritdoc/>
    public override Tensor? Backward(Tensor outputGradient, bool needInputGradient) =>
        needInputGradient ? outputGradient.Reshape(_inputShape!) : null;
}
