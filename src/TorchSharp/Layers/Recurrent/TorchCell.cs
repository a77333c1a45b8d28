using NotebookRnn.Layers;
using NotebookRnn.Layers.Recurrent;
using TorchSharp;

namespace NotebookRnn.TorchSharp.Layers.Recurrent;

/// <summary>
/// One step of a recurrent cell in libtorch operations on its weights in Keras's layout (kernel W (features, G·units),
/// recurrent kernel U (units, G·units), bias), computing what the managed cell computes; <see cref="StepLoop"/> runs it.
/// </summary>
internal abstract class TorchCell
{
    /// <summary>States the cell carries (h first; LSTM's c; a stack's cells' states bottom cell first).</summary>
    public abstract int StateCount { get; }

    /// <summary>Width of each state.</summary>
    public abstract IReadOnlyList<int> StateSizes { get; }

    /// <summary>Which state is the cell's output h (a stack's: its top cell's h).</summary>
    public virtual int OutputState => 0;

    // x: (…, features) → (…, G·units)
    /// <summary>The input projection <c>x·W + b</c> (the part of the bias that goes with the input), for every step at once.</summary>
    public abstract torch.Tensor Project(torch.Tensor x);

    // projected: (batch, G·units), states: (batch, units) each → the new states
    /// <summary>
    /// One step from the projected input and the states. The recurrent dropout mask (batch, units), if any, multiplies
    /// the previous h wherever the cell reads it, as the managed loop does.
    /// </summary>
    public abstract torch.Tensor[] Step(torch.Tensor projected, torch.Tensor[] states, torch.Tensor? recurrentMask);

    /// <summary>The libtorch step of <paramref name="cell"/>, whose weights <paramref name="weight"/> gives on the device.</summary>
    public static TorchCell For(RecurrentCell cell, Func<Parameter, torch.Tensor> weight) => cell switch
    {
        LSTMCell lstm => new LstmCellOnTorch(lstm, weight),
        GRUCell gru => new GruCellOnTorch(gru, weight),
        SimpleRNNCell simple => new SimpleRnnCellOnTorch(simple, weight),
        StackedRNNCells stack => new StackedCellsOnTorch([.. stack.Cells.Select(c => For(c, weight))]),
        _ => throw new NotSupportedException($"The recurrent cell {cell.GetType().Name} has no libtorch form."),
    };

    /// <summary>h ⊙ mask, or h without a mask.</summary>
    protected static torch.Tensor Dropped(torch.Tensor h, torch.Tensor? mask) => mask is null ? h : h * mask;
}
