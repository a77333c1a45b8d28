using NotebookRnn.Tensors;

namespace NotebookRnn.Layers.Functional;

/// <summary>
/// The start of a functional model (Keras's <c>keras.Input</c>): a symbolic tensor of the given sample shape, made by an
/// <see cref="InputLayer"/>. <c>shape: [null, 16]</c> is a sequence of any length of 16 features; token ids before an
/// <c>Embedding</c> are <c>shape: [null]</c> (dtype <c>int32</c> in a summary).
/// </summary>
public sealed class Input : SymbolicTensor
{
    /// <summary>Creates a model input.</summary>
    /// <param name="shape">The shape of one sample, without the batch dimension; <c>null</c> for a dimension that may differ per batch.</param>
    /// <param name="name">The input's name, unique within its model (Keras <c>name</c>); default <c>input_layer</c>, made unique.</param>
    /// <param name="dtype">The type of the values a caller feeds (Keras <c>dtype</c>): <c>float32</c> (default) or <c>int32</c> (ids).</param>
    /// <exception cref="ArgumentException">A known dimension is not positive, or the dtype is neither.</exception>
    public Input(int?[] shape, string? name = null, string dtype = "float32") : base(Checked(shape))
    {
        Node = new LayerNode(new InputLayer(Shape, name, dtype), [], [this]);
    }

    /// <summary>The type of the values a caller feeds: <c>float32</c> or <c>int32</c>.</summary>
    public string DType => ((InputLayer)Layer).DType;

    private static int?[] Checked(int?[] shape)
    {
        ArgumentNullException.ThrowIfNull(shape);
        if (shape.Any(d => d is <= 0))
            throw new ArgumentException($"Every known dimension of shape must be > 0, got {Tensor.ShapeText(shape)}.", nameof(shape));
        return shape;
    }
}
