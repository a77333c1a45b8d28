using NotebookRnn.Layers.Recurrent;
using NotebookRnn.Tensors;

namespace NotebookRnn.Layers;

/// <summary>
/// A layer that runs a sequence from initial states and can hand back its final states: the recurrent layers and
/// <c>Bidirectional</c>. The functional graph wires Keras's <c>initial_state</c> and <c>return_state</c> through it.
/// </summary>
internal interface IRecurrentCall
{
    /// <summary>Whether the layer's final states are outputs of its calls (Keras <c>return_state</c>).</summary>
    bool ReturnState { get; }

    /// <summary>The width of each state, in the order of <see cref="Call"/>'s states.</summary>
    IReadOnlyList<int> StateSizes { get; }

    /// <summary>Runs the layer from <paramref name="initialState"/> (default zeros) and returns the output and the final states.</summary>
    RecurrentOutput Call(Tensor input, SequenceMask? mask, IReadOnlyList<Tensor>? initialState, bool training);

    /// <summary>Back-propagates the output's and the final states' gradients (entries may be null) through the last call.</summary>
    Tensor? BackwardWithStates(Tensor outputGradient, IReadOnlyList<Tensor?>? stateGradients, bool needInputGradient);

    /// <summary>The initial states' gradients of the last backward pass, in state order.</summary>
    IReadOnlyList<Tensor> InitialStateGradients { get; }
}
