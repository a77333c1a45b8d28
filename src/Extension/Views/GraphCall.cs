using NotebookRnn.Layers;

namespace NotebookRnn.Notebook.Views;

/// <summary>One box of a model graph: a call of a layer (a layer shared by several calls has a box per call).</summary>
/// <param name="Layer">The layer called (an InputLayer for a model input).</param>
/// <param name="CallNumber">Which call of the layer this is, from 0.</param>
/// <param name="CallCount">How many calls of the layer the model makes.</param>
/// <param name="InputShapes">The shapes the call takes, without batch (an input's own shape for a model input).</param>
/// <param name="OutputShapes">The shapes it makes: the output, then a recurrent call's final states.</param>
/// <param name="MaskIn">Whether a mask reaches the call.</param>
/// <param name="MaskOut">Whether its output carries a mask.</param>
internal sealed record GraphCall(Layer Layer, int CallNumber, int CallCount, IReadOnlyList<int?[]> InputShapes,
    IReadOnlyList<int?[]> OutputShapes, bool MaskIn, bool MaskOut)
{
    /// <summary>The layer's name; Keras's <c>input_layer</c> for the input a Sequential model makes itself, which has none.</summary>
    public string Name => Layer.Name.Length > 0 ? Layer.Name : "input_layer";

    /// <summary><c>name (Type)</c>, with the call's number for a shared layer: <c>dense (Dense), call 2 of 2</c>.</summary>
    public string Title => $"{Name} ({Layer.GetType().Name})" + (CallCount > 1 ? $", call {CallNumber + 1} of {CallCount}" : "");

    /// <summary>Whether the call fails at run time: a mask reaches a layer that cannot use it.</summary>
    public bool RejectsMask => MaskFlow.Rejects(Layer, MaskIn ? MaskPresence.Always : MaskPresence.None) && Layer is not MultiInputLayer;
}
