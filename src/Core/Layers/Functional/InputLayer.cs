using NotebookRnn.Tensors;

namespace NotebookRnn.Layers.Functional;

/// <summary>
/// The layer behind an <see cref="Input"/> (Keras's <c>InputLayer</c>): it has no weights and passes the fed values on;
/// a functional model's summary lists it first.
/// </summary>
public sealed class InputLayer : Layer
{
    private static readonly string[] DTypes = ["float32", "int32"];

    /// <summary>Creates the input layer of an <see cref="Input"/> of sample shape <paramref name="shape"/>.</summary>
    /// <exception cref="ArgumentException">The dtype is neither <c>float32</c> nor <c>int32</c>.</exception>
    public InputLayer(int?[] shape, string? name = null, string dtype = "float32") : base(name, shape)
    {
        if (!DTypes.Contains(dtype))
            throw new ArgumentException($"dtype must be \"float32\" or \"int32\", got \"{dtype}\".", nameof(dtype));
        DType = dtype;
    }

    /// <summary>The shape of one sample fed, without the batch dimension.</summary>
    public int?[] Shape => (int?[])InputShape!.Clone();

    /// <summary>The type of the values fed: <c>float32</c> or <c>int32</c>.</summary>
    public string DType { get; }

    /// <inheritdoc/>
    public override string TypeName => "input_layer";

    /// <inheritdoc/>
    public override bool SupportsMasking => true;

    /// <inheritdoc/>
    public override int?[] ComputeOutputShape(int?[] inputShape) => inputShape;

    /// <summary>Keras's InputLayer configuration: <c>{ "name", "batch_shape": [null, …shape], "dtype" }</c>.</summary>
    public override IReadOnlyDictionary<string, object?> GetConfig() =>
        new Dictionary<string, object?> { ["name"] = Name, ["batch_shape"] = (int?[])[null, .. Shape], ["dtype"] = DType };

    /// <inheritdoc/>
    public override Tensor Forward(Tensor input, SequenceMask? mask, bool training) => input;

    /// <inheritdoc/>
    public override Tensor? Backward(Tensor outputGradient, bool needInputGradient) => needInputGradient ? outputGradient : null;
}
