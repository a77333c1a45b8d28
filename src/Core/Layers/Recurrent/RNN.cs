namespace NotebookRnn.Layers.Recurrent;

/// <summary>
/// A recurrent layer around a given cell (Keras <c>RNN(cell)</c>): x: (batch, timesteps, features) → (batch, units), or
/// (batch, timesteps, units) with <c>returnSequences</c>, running its cell at every step in the one
/// recurrent loop (masking, <c>goBackwards</c>, <c>stateful</c>, packing) exactly as <see cref="SimpleRNN"/>,
/// <see cref="LSTM"/> and <see cref="GRU"/> run theirs. <c>new RNN(new LSTMCell(8))</c> computes what <c>new LSTM(8)</c>
/// computes.
/// </summary>
/// <remarks>
/// The cell's weights are created when the layer is built, with the cell's own <see cref="RecurrentCell.UseBias"/> and
/// initializers (Keras's defaults: kernel glorot_uniform, recurrent kernel orthogonal, bias zeros, an <see cref="LSTMCell"/>'s
/// forget-gate bias ones with <see cref="LSTMCell.UnitForgetBias"/>); a <see cref="StackedRNNCells"/>'s weights are each cell's,
/// with that cell's arguments, named <c>cell_k/kernel</c> and so on. Dropout, penalties and constraints are the named
/// layers' arguments: use <see cref="LSTM"/> and its kin for them.
/// </remarks>
public sealed class RNN : RecurrentLayer
{
    private readonly RecurrentCell _givenCell;

    /// <summary>Creates the layer (Keras 3 arguments and defaults).</summary>
    /// <param name="cell">An unbuilt <see cref="SimpleRNNCell"/>, <see cref="LSTMCell"/>, <see cref="GRUCell"/> or <see cref="StackedRNNCells"/>; the layer builds it.</param>
    /// <param name="returnSequences">Return every step's output; default false.</param>
    /// <param name="returnState">Final states are wanted (see <see cref="RecurrentLayer.Call(NotebookRnn.Tensors.Tensor, SequenceMask?, IReadOnlyList{NotebookRnn.Tensors.Tensor}?, bool)"/>); default false.</param>
    /// <param name="goBackwards">Process the sequence backwards; default false.</param>
    /// <param name="stateful">Carry states across batches; default false.</param>
    /// <param name="unroll">Fixed time dimension with a static plan; default false.</param>
    /// <param name="zeroOutputForMask">Masked positions of the returned sequence are zeros instead of the last real output; default false.</param>
    /// <param name="inputShape">(timesteps, features) without batch; timesteps may be null unless unrolled.</param>
    /// <param name="name">Layer name.</param>
    /// <exception cref="ArgumentException">The cell is built already (it belongs to another layer).</exception>
    public RNN(RecurrentCell cell, bool returnSequences = false, bool returnState = false, bool goBackwards = false, bool stateful = false,
        bool unroll = false, bool zeroOutputForMask = false, int?[]? inputShape = null, string? name = null)
        : base(Checked(cell).Units, cell.Activation, cell.RecurrentActivation, cell.UseBias, cell.KernelInitializer, cell.RecurrentInitializer,
            cell.BiasInitializer, dropout: 0, recurrentDropout: 0,
            returnSequences, returnState, goBackwards, stateful, unroll, zeroOutputForMask, inputShape, name)
    {
        _givenCell = cell;
    }

    private protected override RecurrentCell CreateCell() => _givenCell;

    private static RecurrentCell Checked(RecurrentCell cell)
    {
        ArgumentNullException.ThrowIfNull(cell);
        return cell.IsBuilt
            ? throw new ArgumentException(
                $"RNN needs an unbuilt cell, got a {cell.GetType().Name} that has its weights already (it belongs to a layer); create a new cell.",
                nameof(cell))
            : cell;
    }
}
