using NotebookRnn.Constraints;
using NotebookRnn.Data;
using NotebookRnn.Initializers;
using NotebookRnn.Layers.Functional;
using NotebookRnn.Regularizers;
using NotebookRnn.Tensors;

namespace NotebookRnn.Layers.Recurrent;

/// <summary>
/// The recurrent layers <see cref="SimpleRNN"/>, <see cref="LSTM"/>, <see cref="GRU"/> and <see cref="RNN"/> (around a given cell): x (batch, timesteps, features)
/// → (batch, units), or (batch, timesteps, units) with <see cref="ReturnSequences"/>. A layer holds the configuration
/// and the lifecycle (constructor → <see cref="Layer.Build"/> creates the weights and gives them to its
/// <see cref="Cell"/> → <see cref="Call(Tensor, SequenceMask?, IReadOnlyList{Tensor}?, bool)"/> / <see cref="BackwardWithStates"/> → <see cref="Layer.GetConfig"/>) and carries
/// <see cref="Stateful"/> states between batches; each batch runs in the one recurrent loop, which owns masking (a
/// masked step carries output and state forward, Keras semantics, or outputs zeros with <see cref="ZeroOutputForMask"/>),
/// <see cref="GoBackwards"/>, dropout masks and packing.
/// </summary>
/// <remarks>
/// Cost shape: the input projection of every computed step is one GEMM; each step runs one recurrent GEMM on the
/// rows still active; weight gradients are accumulated in large GEMMs after the backward sweep. With a mask, rows
/// are ordered by real length once per batch and padded steps are never computed (<see cref="Packing"/>);
/// <see cref="LastPlan"/> tells what ran.
/// </remarks>
public abstract class RecurrentLayer : Layer, IRecurrentCall
{
    private RecurrentCell? _cell;
    private ISequenceLoop? _loop;
    private Tensor[]? _states;

    /// <summary>Stores the configuration shared by the recurrent layers (see the derived layers for each argument).</summary>
    protected RecurrentLayer(int units, ActivationFunction? activation, ActivationFunction? recurrentActivation, bool useBias,
        Initializer? kernelInitializer, Initializer? recurrentInitializer, Initializer? biasInitializer, double dropout,
        double recurrentDropout, bool returnSequences, bool returnState, bool goBackwards, bool stateful, bool unroll,
        bool zeroOutputForMask, int?[]? inputShape, string? name) : base(name, inputShape)
    {
        if (units <= 0) throw new ArgumentOutOfRangeException(nameof(units), units, "Expected units > 0.");
        if (!(dropout >= 0 && dropout < 1)) throw new ArgumentOutOfRangeException(nameof(dropout), dropout, "Expected dropout in [0, 1).");
        if (!(recurrentDropout >= 0 && recurrentDropout < 1))
            throw new ArgumentOutOfRangeException(nameof(recurrentDropout), recurrentDropout, "Expected recurrentDropout in [0, 1).");
        Units = units;
        Activation = RecurrentCell.ElementWise(activation ?? ActivationFunction.Tanh, nameof(activation));
        RecurrentActivation = RecurrentCell.ElementWise(recurrentActivation ?? ActivationFunction.Sigmoid, nameof(recurrentActivation));
        UseBias = useBias;
        KernelInitializer = kernelInitializer ?? new GlorotUniform();
        RecurrentInitializer = recurrentInitializer ?? new Orthogonal();
        BiasInitializer = biasInitializer ?? new Zeros();
        Dropout = dropout;
        RecurrentDropout = recurrentDropout;
        ReturnSequences = returnSequences;
        ReturnState = returnState;
        GoBackwards = goBackwards;
        Stateful = stateful;
        Unroll = unroll;
        ZeroOutputForMask = zeroOutputForMask;
    }

    /// <summary>Size of the hidden state.</summary>
    public int Units { get; }

    /// <summary>Activation of the candidate (and of the LSTM cell output); default tanh.</summary>
    public ActivationFunction Activation { get; }

    /// <summary>Activation of the gates; default sigmoid (<c>"hard_sigmoid"</c> is Keras 3's relu6(x + 3) / 6, <c>"hard_sigmoid_keras2"</c> Keras 2's clip(0.2x + 0.5, 0, 1)).</summary>
    public ActivationFunction RecurrentActivation { get; }

    /// <summary>Whether the layer has a bias.</summary>
    public bool UseBias { get; }

    /// <summary>Initializer of the input kernel; default glorot_uniform.</summary>
    public Initializer KernelInitializer { get; }

    /// <summary>Initializer of the recurrent kernel; default orthogonal.</summary>
    public Initializer RecurrentInitializer { get; }

    /// <summary>Initializer of the bias; default zeros.</summary>
    public Initializer BiasInitializer { get; }

    /// <summary>Penalty on the input kernel added to the training loss, or <c>null</c>.</summary>
    public Regularizer? KernelRegularizer { get; private set; }

    /// <summary>Penalty on the recurrent kernel, or <c>null</c>.</summary>
    public Regularizer? RecurrentRegularizer { get; private set; }

    /// <summary>Penalty on the bias, or <c>null</c>.</summary>
    public Regularizer? BiasRegularizer { get; private set; }

    /// <summary>Projection of the input kernel after each optimizer step, or <c>null</c>.</summary>
    public Constraint? KernelConstraint { get; private set; }

    /// <summary>Projection of the recurrent kernel after each optimizer step, or <c>null</c>.</summary>
    public Constraint? RecurrentConstraint { get; private set; }

    /// <summary>Projection of the bias after each optimizer step, or <c>null</c>.</summary>
    public Constraint? BiasConstraint { get; private set; }

    /// <summary>Fraction of input features dropped in training (one mask per sequence, reused at every step).</summary>
    public double Dropout { get; }

    /// <summary>Fraction of the previous state dropped before the recurrent step in training (one mask per sequence).</summary>
    public double RecurrentDropout { get; }

    /// <summary>Whether the output is the whole sequence (true) or the last output (false, default).</summary>
    public bool ReturnSequences { get; }

    /// <summary>Whether callers want the final states; they are returned by <see cref="Call(Tensor, SequenceMask?, IReadOnlyList{Tensor}?, bool)"/> (a Sequential model passes on the output only).</summary>
    public bool ReturnState { get; }

    /// <summary>Whether the sequence is processed backwards; the returned sequence is then in processing (reversed) order, as in Keras.</summary>
    public bool GoBackwards { get; }

    /// <summary>Whether the final states of a batch are the initial states of the next (same batch size); see <see cref="ResetStates"/>.</summary>
    public bool Stateful { get; }

    /// <summary>
    /// Whether the layer is unrolled: the time dimension must be fixed at build time and a static plan is reused for
    /// every full, unmasked batch. <c>false</c> runs any length per batch. The numbers are identical either way.
    /// </summary>
    public bool Unroll { get; }

    /// <summary>
    /// Whether masked positions of the returned sequence are zeros (Keras's <c>zero_output_for_mask</c>) rather than the
    /// latest real output before them (default false). As in Keras it matters only with <see cref="ReturnSequences"/> and a
    /// mask: the last output and the final states are the same either way. <c>Bidirectional</c> sets it to
    /// <see cref="ReturnSequences"/> on both its layers, as Keras does.
    /// </summary>
    public bool ZeroOutputForMask { get; internal set; }

    /// <summary>
    /// Whether padded steps are skipped (default true). <c>false</c> runs the dense masked computation — every row at
    /// every step, masked rows carrying their state — which the packed path is tested against.
    /// </summary>
    public bool Packing { get; set; } = true;

    /// <summary>The plan of the last batch, or <c>null</c> before the first.</summary>
    public RecurrentPlan? LastPlan => _loop?.Plan;

    /// <summary>Whether the last batch's inputs were mostly zeros (one-hot), so they were projected over their nonzeros.</summary>
    public bool LastInputsWereSparse => _loop?.InputsAreSparse ?? false;

    IReadOnlyList<int> IRecurrentCall.StateSizes => Cell.StateSize;

    /// <summary>Gradients with respect to the initial states of the last backward pass, in batch order.</summary>
    public IReadOnlyList<Tensor> InitialStateGradients => _loop?.InitialStateGradients ?? [];

    /// <summary>The input kernel W, (features, gates·units), Keras gate order.</summary>
    /// <exception cref="InvalidOperationException">The layer is not built, or its cell is a <see cref="StackedRNNCells"/> (each cell has its own).</exception>
    public Parameter Kernel => IsBuilt ? SingleCell.Kernel : throw NotBuilt();

    /// <summary>The recurrent kernel U, (units, gates·units).</summary>
    /// <exception cref="InvalidOperationException">The layer is not built, or its cell is a <see cref="StackedRNNCells"/>.</exception>
    public Parameter RecurrentKernel => IsBuilt ? SingleCell.RecurrentKernel : throw NotBuilt();

    /// <summary>The bias, or <c>null</c> without bias.</summary>
    /// <exception cref="InvalidOperationException">The layer is not built, or its cell is a <see cref="StackedRNNCells"/>.</exception>
    public Parameter? Bias => IsBuilt ? SingleCell.Bias : throw NotBuilt();

    /// <inheritdoc/>
    public override bool SupportsMasking => true;

    /// <summary>
    /// The cell that computes one step (<see cref="SimpleRNNCell"/>, <see cref="LSTMCell"/>, <see cref="GRUCell"/>, or an
    /// <see cref="RNN"/>'s <see cref="StackedRNNCells"/>); it holds the layer's weights once built.
    /// </summary>
    public RecurrentCell Cell => _cell ??= CreateCell();

    private ISequenceLoop Loop => _loop ?? throw NotBuilt();

    private RecurrentCell SingleCell => Cell is StackedRNNCells
        ? throw new InvalidOperationException($"{GetType().Name} '{Name}' runs StackedRNNCells, which has no weights of its own: read Cell.Cells[k].Kernel and so on.")
        : Cell;

    /// <summary>Stores the weight penalties and constraints (the derived constructors' last arguments; see <see cref="LSTM"/>).</summary>
    private protected void SetPenalties(Regularizer? kernelRegularizer, Regularizer? recurrentRegularizer, Regularizer? biasRegularizer,
        Regularizer? activityRegularizer, Constraint? kernelConstraint, Constraint? recurrentConstraint, Constraint? biasConstraint)
    {
        (KernelRegularizer, RecurrentRegularizer, BiasRegularizer, ActivityRegularizer) = (kernelRegularizer, recurrentRegularizer, biasRegularizer, activityRegularizer);
        (KernelConstraint, RecurrentConstraint, BiasConstraint) = (kernelConstraint, recurrentConstraint, biasConstraint);
    }

    /// <summary>Creates the cell of this layer.</summary>
    private protected abstract RecurrentCell CreateCell();

    /// <inheritdoc/>
    public override int?[] ComputeOutputShape(int?[] inputShape)
    {
        if (inputShape.Length != 2 || inputShape[1] is null)
            throw new ArgumentException(
                $"{GetType().Name} '{Name}' expects input of shape (batch, timesteps, features) with known features, got {Tensor.ShapeText([null, .. inputShape])}.",
                nameof(inputShape));
        if (Unroll && inputShape[0] is null)
            throw new ArgumentException(
                $"Cannot unroll {GetType().Name} '{Name}': unrolling needs a fixed number of timesteps, but the time dimension is undefined " +
                $"(input shape {Tensor.ShapeText([null, .. inputShape])}). Give the first layer inputShape: [timesteps, features] " +
                "(or Embedding inputLength), or use unroll: false, which runs any length.", nameof(inputShape));
        return ReturnSequences ? [inputShape[0], Units] : [Units];
    }

    /// <inheritdoc/>
    protected override void OnBuild(int?[] inputShape, RandomGenerator random)
    {
        int features = inputShape[1]!.Value;
        if (Cell is StackedRNNCells stack)
        {
            for (int k = 0; k < stack.Cells.Count; features = stack.Cells[k].Units, k++) BuildCell(stack.Cells[k], features, $"cell_{k}/", random);
            _loop = new StackedLoop(stack, ReturnSequences);
            return;
        }
        BuildCell(Cell, features, "", random);
        _loop = new RecurrentLoop(Cell, ReturnSequences, Dropout, RecurrentDropout, random.Split());
    }

    // Creates the weights of one cell, named prefix + kernel, recurrent_kernel, bias, with the cell's own initializers and
    // useBias (a named layer gave its cell the layer's), and gives them to it. The cell's bias initialisation (LSTM's unit
    // forget bias) runs as the bias's initializer, so a build on shared or loaded values leaves them as they are.
    private void BuildCell(RecurrentCell cell, int features, string prefix, RandomGenerator random)
    {
        Parameter kernel = AddWeight(prefix + "kernel", [features, cell.GateWidth], cell.KernelInitializer, random, KernelRegularizer, KernelConstraint);
        Parameter recurrent = AddWeight(prefix + "recurrent_kernel", [cell.Units, cell.GateWidth], cell.RecurrentInitializer, random,
            RecurrentRegularizer, RecurrentConstraint);
        Parameter? bias = cell.UseBias ? AddWeight(prefix + "bias", cell.BiasShape, new CellBias(cell), random, BiasRegularizer, BiasConstraint) : null;
        cell.Build(kernel, recurrent, bias);
    }

    // The initializer of a cell's bias: the cell's own initialisation of it.
    private sealed class CellBias(RecurrentCell cell) : Initializer
    {
        public override string Name => cell.BiasInitializer.Name;

        public override void Fill(Span<float> values, IReadOnlyList<int> shape, RandomGenerator random) => cell.InitializeBias(values, random);
    }

    /// <inheritdoc/>
    public override SequenceMask? ComputeOutputMask(Tensor input, SequenceMask? mask) => ReturnSequences ? mask : null;

    /// <summary>
    /// The states a <see cref="Stateful"/> layer carries to its next batch (each (batch, units)), or null after
    /// <see cref="ResetStates"/>; another backend running the layer reads and sets them, so both carry the same states.
    /// </summary>
    internal IReadOnlyList<Tensor>? CarriedStates { get => _states; set => _states = value is null ? null : [.. value]; }

    /// <summary>The stream this layer draws its dropout masks from (input mask, then recurrent mask, each batch in training), or null.</summary>
    internal RandomGenerator? DropoutRandom => (_loop as RecurrentLoop)?.DropoutRandom;

    /// <summary>Checks initial states against the layer's states and <paramref name="batch"/>; the message names both shapes.</summary>
    internal void CheckStates(IReadOnlyList<Tensor>? initialState, int batch) => CheckInitialStates(initialState, batch);

    /// <summary>Forgets the states a <see cref="Stateful"/> layer carries between batches.</summary>
    public void ResetStates() => _states = null;

    /// <summary>The plan this layer would run for a batch of the given size and mask, without running it.</summary>
    public RecurrentPlan PlanFor(int batch, int timeSteps, SequenceMask? mask = null) =>
        RecurrentPlan.Create(batch, timeSteps, Units, Cell.Gates, BuiltInputShape[1]!.Value, mask, Packing, Unroll, GoBackwards,
            ZeroOutputForMask && ReturnSequences);

    /// <summary>
    /// Calls the layer on a symbolic sequence from symbolic initial states (Keras's <c>layer(x, initial_state=[h, c])</c>):
    /// the states' gradients flow back to whatever made them. With <c>returnState</c> the result deconstructs into the
    /// output and the final states: <c>var (y, h, c) = lstm.Call(x, initialState: [h0, c0]);</c>
    /// </summary>
    /// <param name="input">The sequence, shape (None, timesteps, features).</param>
    /// <param name="initialState">One symbolic tensor per state, each (None, units); null or empty: zeros.</param>
    /// <exception cref="ArgumentException">The input's shape does not fit, or a state's number or width does not.</exception>
    public SymbolicTensor Call(SymbolicTensor input, IReadOnlyList<SymbolicTensor>? initialState) =>
        LayerNode.CallRecurrent(this, this, input, initialState ?? []);

    /// <inheritdoc/>
    public override Tensor Forward(Tensor input, SequenceMask? mask, bool training) => Call(input, mask, null, training).Output;

    /// <inheritdoc/>
    public override Tensor? Backward(Tensor outputGradient, bool needInputGradient) =>
        BackwardWithStates(outputGradient, null, needInputGradient);

    /// <summary>Runs the layer and returns its output and final states (Keras's <c>return_state</c>).</summary>
    /// <param name="input">(batch, timesteps, features).</param>
    /// <param name="mask">Which steps are real; masked steps carry output and state forward.</param>
    /// <param name="initialState">Initial states, each (batch, units); default zeros (or the carried states when stateful).</param>
    /// <param name="training">Whether dropout is active and values are kept for backward.</param>
    /// <exception cref="ArgumentException">A shape does not fit; the message names both shapes.</exception>
    public RecurrentOutput Call(Tensor input, SequenceMask? mask = null, IReadOnlyList<Tensor>? initialState = null, bool training = false)
    {
        CheckInput(input);
        int batch = input.Dim(0), timeSteps = input.Dim(1);
        if (mask is not null && (mask.Batch != batch || mask.Steps != timeSteps))
            throw new ArgumentException(
                $"{GetType().Name} '{Name}' got a mask of {mask.Batch} × {mask.Steps} for input of shape {Tensor.ShapeText(input.Shape)}.", nameof(mask));
        IReadOnlyList<Tensor>? states = initialState ?? (Stateful ? _states : null);
        CheckInitialStates(states, batch);
        RecurrentPlan plan = ReusablePlan(batch, timeSteps, mask) ?? PlanFor(batch, timeSteps, mask);
        RecurrentOutput output = Loop.Forward(input, plan, states, training);
        if (Stateful) _states = [.. output.States.Select(t => t.Clone())];
        return output;
    }

    /// <summary>
    /// Back-propagates through the last <see cref="Call(Tensor, SequenceMask?, IReadOnlyList{Tensor}?, bool)"/>: output gradient and, optionally, final-state gradients
    /// (each (batch, units) or null). Adds weight gradients; <see cref="InitialStateGradients"/> gets the initial states'.
    /// </summary>
    /// <returns>dL/dx (batch, timesteps, features), or null when not needed.</returns>
    public Tensor? BackwardWithStates(Tensor outputGradient, IReadOnlyList<Tensor?>? stateGradients, bool needInputGradient = true)
    {
        if (LastPlan is null) throw new InvalidOperationException($"{GetType().Name} '{Name}': Backward called before Forward.");
        return Loop.Backward(outputGradient, stateGradients, needInputGradient);
    }

    // The plan of a full, unmasked batch depends on its shape only: batches of the same shape reuse it (an unrolled
    // layer's steps and buffers are fixed at build time anyway), so steady-state training and inference allocate no plan.
    private RecurrentPlan? ReusablePlan(int batch, int timeSteps, SequenceMask? mask) =>
        mask is null && LastPlan is { Packed: false, Keep: null } plan && plan.Batch == batch && plan.TimeSteps == timeSteps
            ? plan : null;

    private void CheckInitialStates(IReadOnlyList<Tensor>? initialState, int batch)
    {
        if (initialState is null) return;
        if (initialState.Count != Cell.StateCount)
            throw new ArgumentException($"{GetType().Name} '{Name}' has {Cell.StateCount} states, got {initialState.Count}.", nameof(initialState));
        for (int k = 0; k < initialState.Count; k++)
        {
            Tensor state = initialState[k];
            int width = Cell.StateSize[k];
            if (state.Rank != 2 || state.Dim(0) != batch || state.Dim(1) != width)
                throw new ArgumentException(
                    $"Initial state {k} of {GetType().Name} '{Name}' must have shape ({batch}, {width}), got {Tensor.ShapeText(state.Shape)}" +
                    (Stateful ? " (a stateful layer needs the same batch size every batch; call ResetStates to start over)." : "."),
                    nameof(initialState));
        }
    }
}
