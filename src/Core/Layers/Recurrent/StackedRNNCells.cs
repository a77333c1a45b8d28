using NotebookRnn.Tensors;

namespace NotebookRnn.Layers.Recurrent;

/// <summary>
/// Cells stacked into one (Keras <c>StackedRNNCells</c>): at each step cell k reads cell k − 1's new h as its input,
/// x → cell₀ → h₀ → cell₁ → … → the last cell's h, the output. States are every cell's, bottom cell first (an
/// <see cref="LSTMCell"/> contributes h and c). <c>new RNN(new StackedRNNCells([new LSTMCell(8), new LSTMCell(4)]))</c> is
/// Keras's <c>RNN([LSTMCell(8), LSTMCell(4)])</c>.
/// </summary>
/// <remarks>
/// In an <see cref="RNN"/> each cell runs the whole sequence in its own recurrent loop before the cell above (packing, fused
/// kernels and masking as for one cell), which computes what the step-by-step stack computes. The stack has no weights of
/// its own: each of <see cref="Cells"/> holds its kernel, recurrent kernel and bias (named <c>cell_k/…</c> in its layer), created with
/// that cell's own <see cref="RecurrentCell.UseBias"/> and initializers.
/// </remarks>
public sealed class StackedRNNCells : RecurrentCell
{
    private readonly int[] _stateSize;

    /// <summary>Stacks <paramref name="cells"/>, the bottom cell first.</summary>
    /// <param name="cells">Unbuilt <see cref="SimpleRNNCell"/>, <see cref="LSTMCell"/> and <see cref="GRUCell"/> instances, at least one, each once.</param>
    /// <exception cref="ArgumentException">No cells, a cell twice, a built cell, or a stack inside the stack.</exception>
    public StackedRNNCells(IReadOnlyList<RecurrentCell> cells)
        : base(Checked(cells)[^1].Units, cells[^1].Activation, cells[^1].RecurrentActivation, cells[^1].UseBias, cells[^1].KernelInitializer,
            cells[^1].RecurrentInitializer, cells[^1].BiasInitializer)
    {
        Cells = [.. cells];
        _stateSize = [.. Cells.SelectMany(cell => cell.StateSize)];
    }

    /// <summary>The cells, the bottom one (reading the input) first.</summary>
    public IReadOnlyList<RecurrentCell> Cells { get; }

    /// <summary>The last cell's gates (each cell has its own).</summary>
    public override int Gates => Cells[^1].Gates;

    /// <summary>Every cell's states together.</summary>
    public override int StateCount => _stateSize.Length;

    /// <summary>Every cell's state widths, bottom cell first (Keras's flattened <c>state_size</c>).</summary>
    public override IReadOnlyList<int> StateSize => _stateSize;

    /// <summary>Whether every cell has its weights.</summary>
    public override bool IsBuilt => Cells.All(cell => cell.IsBuilt);

    /// <summary>A stack has no weights of its own: build each of <see cref="Cells"/>, or let an <see cref="RNN"/> layer do.</summary>
    /// <exception cref="InvalidOperationException">Always.</exception>
    public override void Build(Parameter kernel, Parameter recurrentKernel, Parameter? bias = null) =>
        throw new InvalidOperationException("StackedRNNCells has no weights of its own: build each of its Cells, or put it in an RNN layer, which does.");

    /// <summary>One step through every cell: x (batch, features) → the last cell's h; states: every cell's, in <see cref="StateSize"/> order.</summary>
    /// <param name="input">x, (batch, features of the bottom cell).</param>
    /// <param name="states">Every cell's states, bottom cell first; default zeros.</param>
    /// <exception cref="ArgumentException">A shape does not fit, or <paramref name="states"/> does not hold <see cref="StateCount"/> states.</exception>
    /// <exception cref="InvalidOperationException">A cell is not built.</exception>
    public override RecurrentOutput Call(Tensor input, IReadOnlyList<Tensor>? states = null)
    {
        if (states is not null && states.Count != StateCount)
            throw new ArgumentException($"StackedRNNCells has {StateCount} states, got {states.Count}.", nameof(states));
        var all = new List<Tensor>();
        Tensor x = input;
        RecurrentOutput output = null!;
        for (int k = 0, first = 0; k < Cells.Count; first += Cells[k].StateCount, k++)
        {
            output = Cells[k].Call(x, states?.Skip(first).Take(Cells[k].StateCount).ToArray());
            all.AddRange(output.States);
            x = output.Output;
        }
        return new RecurrentOutput(output.Output, all);
    }

    /// <summary>Back through the last <see cref="Call"/>, top cell first; returns dL/dx and sets <see cref="StateGradients"/>.</summary>
    /// <exception cref="InvalidOperationException">No <see cref="Call"/> ran before.</exception>
    public override Tensor Backward(Tensor outputGradient, IReadOnlyList<Tensor?>? stateGradients = null)
    {
        Tensor gradient = outputGradient;
        for (int k = Cells.Count - 1, first = StateCount; k >= 0; k--)
        {
            first -= Cells[k].StateCount;
            gradient = Cells[k].Backward(gradient, stateGradients?.Skip(first).Take(Cells[k].StateCount).ToArray());
        }
        return gradient;
    }

    /// <summary>dL/d(states passed to the last <see cref="Call"/>), every cell's, bottom cell first.</summary>
    public override IReadOnlyList<Tensor> StateGradients => [.. Cells.SelectMany(cell => cell.StateGradients)];

    // A stack runs cell by cell (StackedLoop), never as one step of the recurrent loop.
    internal override void StepForward(in RecurrentStep step) => throw RunsCellByCell();

    internal override void StepBackward(in RecurrentStep step) => throw RunsCellByCell();

    internal override void AccumulateRecurrentGradients(in RecurrentStep rows) => throw RunsCellByCell();

    private static InvalidOperationException RunsCellByCell() =>
        new("StackedRNNCells runs each of its cells in its own loop; it has no single step of its own.");

    private static IReadOnlyList<RecurrentCell> Checked(IReadOnlyList<RecurrentCell> cells)
    {
        ArgumentNullException.ThrowIfNull(cells);
        if (cells.Count == 0) throw new ArgumentException("StackedRNNCells needs at least one cell, got none.", nameof(cells));
        for (int k = 0; k < cells.Count; k++)
        {
            RecurrentCell cell = cells[k] ?? throw new ArgumentException($"Cell {k} of StackedRNNCells is null.", nameof(cells));
            string? problem = cell switch
            {
                StackedRNNCells => "is itself a StackedRNNCells; list its cells instead",
                { IsBuilt: true } => "has its weights already (it belongs to a layer); create a new cell",
                _ when cells.Take(k).Contains(cell) => "appears twice; each place in the stack needs its own cell",
                _ => null,
            };
            if (problem is not null) throw new ArgumentException($"Cell {k} of StackedRNNCells ({cell.GetType().Name}) {problem}.", nameof(cells));
        }
        return cells;
    }
}
