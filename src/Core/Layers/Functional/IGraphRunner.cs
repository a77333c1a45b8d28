using NotebookRnn.Tensors;

namespace NotebookRnn.Layers.Functional;

/// <summary>
/// Runs a <see cref="GraphProgram"/> forward and backward on one device for a backend: the managed
/// <see cref="GraphRunner"/>, or another backend's (libtorch). Weights are the layers' <see cref="Parameter"/>s: a runner
/// reads their values on every forward pass and adds into their gradients on every backward pass, so the trainer, the
/// gradient reduction and the optimizer are the same for every backend.
/// </summary>
internal interface IGraphRunner
{
    /// <summary>The graph this runner runs.</summary>
    GraphProgram Program { get; }

    /// <summary>The layer run for each call, in the program's order.</summary>
    IReadOnlyList<Layer> CallLayers { get; }

    /// <summary>The weights of this runner's layers, each once, in the program's layer order.</summary>
    IReadOnlyList<Parameter> Parameters { get; }

    /// <summary>
    /// Whether an output's loss may start the backward pass from the pre-activation of the layer that makes it
    /// (<see cref="FuseOutput"/>); a backend that differentiates the activation itself says no.
    /// </summary>
    bool FusesOutputActivations { get; }

    /// <summary>The first mask the last forward pass met: an input's, or the first call's that made one.</summary>
    SequenceMask? FirstMask { get; }

    /// <summary>Output <paramref name="k"/> of the last forward pass.</summary>
    Tensor Output(int k);

    /// <summary>The mask of output <paramref name="k"/> in the last forward pass, or null.</summary>
    SequenceMask? OutputMask(int k);

    /// <summary>The first output of call <paramref name="node"/> in the last forward pass (the layer's output, not its states).</summary>
    Tensor CallOutput(int node);

    /// <summary>The mask of <see cref="CallOutput"/>, or null.</summary>
    SequenceMask? CallOutputMask(int node);

    /// <summary>The layer of the first call that takes model input <paramref name="input"/>, or null when none does.</summary>
    Layer? ReaderOf(int input)
    {
        int slot = Program.InputSlots[input];
        for (int n = 0; n < CallLayers.Count; n++) if (Program.NodeInputSlots[n][0] == slot) return CallLayers[n];
        return null;
    }

    /// <summary>Makes the backward pass of the call that makes output <paramref name="k"/> start from its pre-activation, or stops that with null.</summary>
    void FuseOutput(int k, IOutputActivation? layer);

    /// <summary>Zeroes the gradients of every weight.</summary>
    void ZeroGradients();

    /// <summary>Runs every call on <paramref name="inputs"/> (with their masks, or null).</summary>
    void Forward(IReadOnlyList<Tensor> inputs, IReadOnlyList<SequenceMask?>? masks, bool training);

    /// <summary>
    /// Back-propagates the outputs' gradients (null: the output adds nothing) through the last training forward pass,
    /// adding the weight gradients. <paramref name="beforeCall"/> may add to a call's output gradient first (an activity
    /// penalty's gradient); it gets the call's index and that gradient.
    /// </summary>
    void Backward(IReadOnlyList<Tensor?> outputGradients, Action<int, Tensor>? beforeCall = null);
}
