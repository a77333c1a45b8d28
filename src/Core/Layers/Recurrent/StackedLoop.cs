using NotebookRnn.Kernels;
using NotebookRnn.Tensors;

namespace NotebookRnn.Layers.Recurrent;

/// <summary>
/// Runs <see cref="StackedRNNCells"/> over a sequence: one <see cref="RecurrentLoop"/> per cell, each over the whole
/// sequence of the cell below. x (batch, T, F) → cell 0 → (batch, T, U₀) → … → the last cell's output. This computes what
/// Keras's step-by-step stack computes: at a masked step every cell keeps its state and the output carries (or is zeros),
/// so the cell above never reads what the cell below gave for that step; and every loop keeps packing and the fused
/// kernels. With goBackwards each intermediate sequence is put back in input time order for the next loop.
/// </summary>
internal sealed class StackedLoop : ISequenceLoop
{
    private readonly IReadOnlyList<RecurrentCell> _cells;
    private readonly RecurrentLoop[] _loops;
    private readonly Tensor?[] _timeOrder, _gradientOrder;
    private RecurrentPlan[] _plans = [];

    /// <summary>A loop per cell of <paramref name="stack"/>; every cell but the last returns its whole sequence.</summary>
    public StackedLoop(StackedRNNCells stack, bool returnSequences)
    {
        _cells = stack.Cells;
        _loops = [.. _cells.Select((cell, k) => new RecurrentLoop(cell, returnSequences: k < _cells.Count - 1 || returnSequences))];
        _timeOrder = new Tensor?[_cells.Count];
        _gradientOrder = new Tensor?[_cells.Count];
    }

    /// <inheritdoc/>
    public RecurrentPlan? Plan { get; private set; }

    /// <inheritdoc/>
    public bool InputsAreSparse => _loops[0].InputsAreSparse;

    /// <inheritdoc/>
    public IReadOnlyList<Tensor> InitialStateGradients { get; private set; } = [];

    // x: (batch, T, F) → h₀: (batch, T, U₀) → … → y: the last cell's output; states: every cell's, bottom cell first
    /// <inheritdoc/>
    public RecurrentOutput Forward(Tensor input, RecurrentPlan plan, IReadOnlyList<Tensor>? initialState, bool training)
    {
        if (!ReferenceEquals(plan, Plan))
            _plans = [.. _cells.Select((cell, k) => plan.WithCell(cell.Units, cell.Gates, k == 0 ? plan.Features : _cells[k - 1].Units))];
        Plan = plan;
        var states = new List<Tensor>();
        Tensor x = input;
        RecurrentOutput output = null!;
        for (int k = 0, first = 0; k < _loops.Length; first += _cells[k].StateCount, k++)
        {
            Tensor[]? cellStates = initialState?.Skip(first).Take(_cells[k].StateCount).ToArray();
            output = _loops[k].Forward(x, _plans[k], cellStates, training);
            states.AddRange(output.States);
            x = plan.GoBackwards && k < _loops.Length - 1 ? ReverseTime(output.Output, ref _timeOrder[k]) : output.Output;
        }
        return new RecurrentOutput(output.Output, states);
    }

    // dy → the last loop → dh (in the time order of its input) → … → dx
    /// <inheritdoc/>
    public Tensor? Backward(Tensor outputGradient, IReadOnlyList<Tensor?>? stateGradients, bool needInputGradient)
    {
        RecurrentPlan plan = Plan ?? throw new InvalidOperationException("Backward called before Forward.");
        Tensor gradient = outputGradient;
        Tensor? inputGradient = null;
        int first = _cells.Sum(cell => cell.StateCount);
        for (int k = _loops.Length - 1; k >= 0; k--)
        {
            first -= _cells[k].StateCount;
            Tensor?[]? cellGradients = stateGradients?.Skip(first).Take(_cells[k].StateCount).ToArray();
            inputGradient = _loops[k].Backward(gradient, cellGradients, needInputGradient || k > 0);
            if (k > 0) gradient = plan.GoBackwards ? ReverseTime(inputGradient!, ref _gradientOrder[k]) : inputGradient!;
        }
        InitialStateGradients = [.. _loops.SelectMany(loop => loop.InitialStateGradients)];
        return needInputGradient ? inputGradient : null;
    }

    // (batch, steps, width) → the same with the steps in reverse order
    private static Tensor ReverseTime(Tensor sequence, ref Tensor? buffer)
    {
        int batch = sequence.Dim(0), steps = sequence.Dim(1), width = sequence.Dim(2);
        Tensor reversed = Tensor.Reuse(ref buffer, batch, steps, width);
        RowKernels.ReverseWithinBlocks(sequence.Span, reversed.Span, batch, steps, width);
        return reversed;
    }
}
