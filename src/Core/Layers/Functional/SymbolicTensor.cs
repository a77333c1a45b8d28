using NotebookRnn.Tensors;

namespace NotebookRnn.Layers.Functional;

/// <summary>
/// A tensor of the functional API (Keras's <c>KerasTensor</c>): it holds no values, only the shape of one sample and
/// the layer call that makes it. <see cref="Input"/> starts a graph; calling a layer on symbolic tensors
/// (<see cref="Layer.Call(SymbolicTensor)"/>) extends it; <c>new Model(inputs, outputs)</c> runs it. A call with several
/// outputs (a recurrent layer with <c>returnState</c>) returns its first output, which deconstructs into all of them:
/// <code>var (output, stateH, stateC) = new LSTM(64, returnState: true).Call(inputs);</code>
/// </summary>
public class SymbolicTensor
{
    private protected SymbolicTensor(int?[] shape) => Shape = (int?[])shape.Clone();

    internal SymbolicTensor(LayerNode node, int index, int?[] shape) : this(shape)
    {
        Node = node;
        Index = index;
    }

    /// <summary>The shape of one sample (without the batch dimension); <c>null</c> marks a dimension that may differ per batch.</summary>
    public int?[] Shape { get; }

    /// <summary>
    /// The tensor's name: its layer's name (an <see cref="Input"/>'s own), with <c>:k</c> for output k &gt; 0 of a call
    /// (<c>lstm:1</c> is an LSTM's first state). Unnamed layers are named when a model takes them in.
    /// </summary>
    public string Name => Layer.Name + (Index > 0 ? $":{Index}" : "");

    /// <summary>The layer whose call makes the tensor (an <see cref="InputLayer"/> for an <see cref="Input"/>).</summary>
    public Layer Layer => Node.Layer;

    /// <summary>The call that makes this tensor.</summary>
    internal LayerNode Node { get; private protected set; } = null!;

    /// <summary>Which of the call's outputs this is: 0 the layer's output, 1… its states.</summary>
    internal int Index { get; }

    /// <summary>Deconstructs a call's first output into its outputs (Keras unpacks <c>output, h = layer(x)</c>).</summary>
    /// <exception cref="InvalidOperationException">The call has another number of outputs.</exception>
    public void Deconstruct(out SymbolicTensor output, out SymbolicTensor second) =>
        (output, second) = (Part(2, 0), Part(2, 1));

    /// <inheritdoc cref="Deconstruct(out SymbolicTensor, out SymbolicTensor)"/>
    public void Deconstruct(out SymbolicTensor output, out SymbolicTensor second, out SymbolicTensor third) =>
        (output, second, third) = (Part(3, 0), Part(3, 1), Part(3, 2));

    /// <inheritdoc cref="Deconstruct(out SymbolicTensor, out SymbolicTensor)"/>
    public void Deconstruct(out SymbolicTensor output, out SymbolicTensor second, out SymbolicTensor third, out SymbolicTensor fourth) =>
        (output, second, third, fourth) = (Part(4, 0), Part(4, 1), Part(4, 2), Part(4, 3));

    /// <inheritdoc cref="Deconstruct(out SymbolicTensor, out SymbolicTensor)"/>
    public void Deconstruct(out SymbolicTensor output, out SymbolicTensor second, out SymbolicTensor third, out SymbolicTensor fourth,
        out SymbolicTensor fifth) =>
        (output, second, third, fourth, fifth) = (Part(5, 0), Part(5, 1), Part(5, 2), Part(5, 3), Part(5, 4));

    /// <inheritdoc/>
    public override string ToString() => $"<SymbolicTensor shape={Tensor.ShapeText([null, .. Shape])}, name={Name}>";

    private SymbolicTensor Part(int count, int index)
    {
        IReadOnlyList<SymbolicTensor> outputs = Node.Outputs;
        if (Index != 0 || outputs.Count != count)
            throw new InvalidOperationException(
                $"The call of {Layer.GetType().Name} '{Layer.Name}' has {outputs.Count} output{(outputs.Count == 1 ? "" : "s")}, deconstructed into {count}" +
                (Index != 0 ? $" (this is its output {Index}; deconstruct output 0)" : Layer is IRecurrentCall { ReturnState: false } ? " (give the layer returnState: true for its states)" : "") + ".");
        return outputs[index];
    }
}
