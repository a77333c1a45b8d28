using NotebookRnn.Layers;
using NotebookRnn.Layers.Functional;
using NotebookRnn.Tensors;
using TorchSharp;

namespace NotebookRnn.TorchSharp.Layers;

/// <summary>One call of a layer on libtorch, as the graph makes it.</summary>
/// <param name="Inputs">The layer's inputs (one, or a merge's or attention's several), on the device.</param>
/// <param name="Masks">Each input's mask, or null.</param>
/// <param name="States">A recurrent call's initial states (functional <c>initialState</c>), else empty.</param>
/// <param name="Node">The call in the graph (causal mask, attention scores asked for).</param>
/// <param name="Training">Whether this is a training pass (dropout on).</param>
/// <param name="HostInput">Input i's values in host memory (the model's own tensor for a model input, else a copy).</param>
internal sealed record TorchCall(IReadOnlyList<torch.Tensor> Inputs, IReadOnlyList<SequenceMask?> Masks, IReadOnlyList<torch.Tensor> States,
    LayerNode Node, bool Training, Func<int, Tensor> HostInput)
{
    /// <summary>The first input.</summary>
    public torch.Tensor X => Inputs[0];

    /// <summary>The first input's mask.</summary>
    public SequenceMask? Mask => Masks[0];
}

/// <summary>What a call gives: its outputs (the layer's output, then its states or attention scores) and the first output's mask.</summary>
internal readonly record struct TorchResult(IReadOnlyList<torch.Tensor> Outputs, SequenceMask? Mask)
{
    /// <summary>One output with its mask.</summary>
    public TorchResult(torch.Tensor output, SequenceMask? mask) : this([output], mask)
    {
    }
}
