using NotebookRnn.Tensors;

namespace NotebookRnn.Layers.Recurrent;

/// <summary>
/// What a recurrent layer's <see cref="RecurrentLayer.Call(Tensor, SequenceMask?, IReadOnlyList{Tensor}?, bool)"/> (or a cell's one step, <see cref="RecurrentCell.Call"/>)
/// returns: the output and the final states (h for SimpleRNN and GRU; h and c for LSTM), each (batch, units), in
/// batch order. Tensors belong to the layer (or cell) and stay valid until its next call.
/// </summary>
/// <param name="Output">(batch, units), or (batch, timesteps, units) with <c>returnSequences</c>.</param>
/// <param name="States">Final states, each (batch, units).</param>
public sealed record RecurrentOutput(Tensor Output, IReadOnlyList<Tensor> States);
