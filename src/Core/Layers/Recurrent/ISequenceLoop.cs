using NotebookRnn.Tensors;

namespace NotebookRnn.Layers.Recurrent;

/// <summary>
/// What a <see cref="RecurrentLayer"/> runs a batch with: the one <see cref="RecurrentLoop"/> of its cell, or, for an
/// <see cref="RNN"/> around <see cref="StackedRNNCells"/>, one loop per cell (<see cref="StackedLoop"/>).
/// </summary>
internal interface ISequenceLoop
{
    /// <summary>The plan of the last forward pass, or <c>null</c> before the first.</summary>
    RecurrentPlan? Plan { get; }

    /// <summary>Whether the last batch's inputs were mostly zeros, so they were projected over their nonzeros.</summary>
    bool InputsAreSparse { get; }

    /// <summary>dL/d(initial states) of the last backward pass, each (batch, state width), batch order.</summary>
    IReadOnlyList<Tensor> InitialStateGradients { get; }

    /// <summary>Runs <paramref name="plan"/> over <paramref name="input"/> (batch, timeSteps, features); the caller has checked the shapes.</summary>
    RecurrentOutput Forward(Tensor input, RecurrentPlan plan, IReadOnlyList<Tensor>? initialState, bool training);

    /// <summary>Back-propagates through the last forward pass; returns dL/dx when <paramref name="needInputGradient"/>.</summary>
    Tensor? Backward(Tensor outputGradient, IReadOnlyList<Tensor?>? stateGradients, bool needInputGradient);
}
