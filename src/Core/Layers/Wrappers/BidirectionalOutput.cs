using NotebookRnn.Tensors;

namespace NotebookRnn.Layers.Wrappers;

/// <summary>
/// What <see cref="Bidirectional.CallBoth"/> returns (Keras's <c>merge_mode=None</c> with <c>return_state</c>): the two
/// outputs, unmerged, and the final states, the forward layer's then the backward layer's, each (batch, units).
/// Tensors belong to the layers and stay valid until their next call.
/// </summary>
/// <param name="Forward">The forward layer's output, (batch, units) or (batch, timesteps, units).</param>
/// <param name="Backward">The backward layer's output, already back in input time order with <c>returnSequences</c>.</param>
/// <param name="States">Final states: the forward layer's (h, and c for LSTM), then the backward layer's.</param>
public sealed record BidirectionalOutput(Tensor Forward, Tensor Backward, IReadOnlyList<Tensor> States)
{
    /// <summary>The two outputs, as <c>var (forward, backward) = layer.CallBoth(x)</c> reads them.</summary>
    /// <param name="forward">The forward layer's output.</param>
    /// <param name="backward">The backward layer's output, in input time order.</param>
    public void Deconstruct(out Tensor forward, out Tensor backward) => (forward, backward) = (Forward, Backward);
}
