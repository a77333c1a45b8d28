using System.Runtime.CompilerServices;
using NotebookRnn.Kernels;

namespace NotebookRnn;

/// <summary>
/// The one recurrent loop behind <see cref="SimpleRNN"/>, <see cref="LSTM"/> and <see cref="GRU"/>:
/// x: (batch, timesteps, features) → (batch, units), or (batch, timesteps, units) with <see cref="ReturnSequences"/>.
/// It owns masking (a masked step carries output and state forward, Keras semantics), <see cref="GoBackwards"/>,
/// <see cref="Stateful"/> states, dropout masks and packing; the cell supplies one step.
/// </summary>
/// <remarks>
/// Cost shape: the input projection of every computed step is one GEMM; each step runs one recurrent GEMM on the
/// rows still active; weight gradients are accumulated in large GEMMs after the backward sweep. With a mask, rows
/// are ordered by real length once per batch and padded steps are never computed (<see cref="Packing"/>);
/// <see cref="LastPlan"/> tells what ran. The per-step and per-row loops are compiled fully optimised from their
/// first call (AggressiveOptimization), so a notebook's first epoch does not run them as tier-0 code.
/// </remarks>
public abstract class RecurrentLayer : Layer
{
    private RecurrentCell? _cell;
    private RandomGenerator? _dropoutRandom;
    private RecurrentPlan? _plan;
    private Tensor? _input;
    private Tensor? _projectedInputs, _gates, _hPrevAll, _h, _c, _dH, _dC, _dProjectedInputs, _dInput, _output;
    private Tensor? _initialH, _initialC, _finalH, _finalC, _dInitialH, _dInitialC, _dInitialHBatch, _dInitialCBatch;
    private Tensor? _dhPrev, _dcPrev, _carryH, _carryC;
    // One-hot and other mostly-zero inputs are projected (and their kernel gradient formed) over their nonzeros only.
    private readonly SparseRows _sparseInputs = new();
    private bool _inputsAreSparse;
    private float[]? _inputDropMask, _recurrentDropMask;
    // Per computed row-step, in the plan's order: its row of x (batch·time rows), its sample, and its row of x again
    // for the input gradient, -1 where a masked row-step sends none.
    private int[] _inputRows = [], _sampleRows = [], _inputGradientRows = [];
    private Tensor[]? _states;

    /// <summary>Stores the configuration shared by the recurrent layers (see the derived layers for each argument).</summary>
    protected RecurrentLayer(int units, ActivationFunction? activation, ActivationFunction? recurrentActivation, bool useBias,
        Initializer? kernelInitializer, Initializer? recurrentInitializer, Initializer? biasInitializer, double dropout,
        double recurrentDropout, bool returnSequences, bool returnState, bool goBackwards, bool stateful, bool unroll,
        int?[]? inputShape, string? name) : base(name, inputShape)
    {
        if (units <= 0) throw new ArgumentOutOfRangeException(nameof(units), units, "Expected units > 0.");
        if (!(dropout >= 0 && dropout < 1)) throw new ArgumentOutOfRangeException(nameof(dropout), dropout, "Expected dropout in [0, 1).");
        if (!(recurrentDropout >= 0 && recurrentDropout < 1))
            throw new ArgumentOutOfRangeException(nameof(recurrentDropout), recurrentDropout, "Expected recurrentDropout in [0, 1).");
        Units = units;
        Activation = ElementWise(activation ?? ActivationFunction.Tanh, nameof(activation));
        RecurrentActivation = ElementWise(recurrentActivation ?? ActivationFunction.Sigmoid, nameof(recurrentActivation));
        UseBias = useBias;
        KernelInitializer = kernelInitializer ?? VarianceScaling.GlorotUniform();
        RecurrentInitializer = recurrentInitializer ?? new Orthogonal();
        BiasInitializer = biasInitializer ?? new Zeros();
        Dropout = dropout;
        RecurrentDropout = recurrentDropout;
        ReturnSequences = returnSequences;
        ReturnState = returnState;
        GoBackwards = goBackwards;
        Stateful = stateful;
        Unroll = unroll;
    }

    /// <summary>Size of the hidden state.</summary>
    public int Units { get; }

    /// <summary>Activation of the candidate (and of the LSTM cell output); default tanh.</summary>
    public ActivationFunction Activation { get; }

    /// <summary>Activation of the gates; default sigmoid (<c>"hard_sigmoid"</c> is Keras 2's clip(0.2x + 0.5, 0, 1)).</summary>
    public ActivationFunction RecurrentActivation { get; }

    /// <summary>Whether the layer has a bias.</summary>
    public bool UseBias { get; }

    /// <summary>Initializer of the input kernel; default glorot_uniform.</summary>
    public Initializer KernelInitializer { get; }

    /// <summary>Initializer of the recurrent kernel; default orthogonal.</summary>
    public Initializer RecurrentInitializer { get; }

    /// <summary>Initializer of the bias; default zeros.</summary>
    public Initializer BiasInitializer { get; }

    /// <summary>Fraction of input features dropped in training (one mask per sequence, reused at every step).</summary>
    public double Dropout { get; }

    /// <summary>Fraction of the previous state dropped before the recurrent step in training (one mask per sequence).</summary>
    public double RecurrentDropout { get; }

    /// <summary>Whether the output is the whole sequence (true) or the last output (false, default).</summary>
    public bool ReturnSequences { get; }

    /// <summary>Whether callers want the final states; they are returned by <see cref="Call"/> (a Sequential model passes on the output only).</summary>
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
    /// Whether padded steps are skipped (default true). <c>false</c> runs the dense masked computation — every row at
    /// every step, masked rows carrying their state — which the packed path is tested against.
    /// </summary>
    public bool Packing { get; set; } = true;

    /// <summary>The plan of the last batch, or <c>null</c> before the first.</summary>
    public RecurrentPlan? LastPlan => _plan;

    /// <summary>Whether the last batch's inputs were mostly zeros (one-hot), so they were projected over their nonzeros.</summary>
    public bool LastInputsWereSparse => _inputsAreSparse;

    /// <summary>Gradients with respect to the initial states of the last backward pass, in batch order.</summary>
    public IReadOnlyList<Tensor> InitialStateGradients =>
        _dInitialHBatch is null ? [] : Cell.StateCount == 2 ? [_dInitialHBatch, _dInitialCBatch!] : [_dInitialHBatch];

    /// <summary>The input kernel W, (features, gates·units), Keras gate order.</summary>
    public Parameter Kernel => Cell.Kernel;

    /// <summary>The recurrent kernel U, (units, gates·units).</summary>
    public Parameter RecurrentKernel => Cell.RecurrentKernel;

    /// <summary>The bias, or <c>null</c> without bias.</summary>
    public Parameter? Bias => Cell.Bias;

    /// <inheritdoc/>
    public override bool SupportsMasking => true;

    internal RecurrentCell Cell => _cell ?? throw NotBuilt();

    /// <summary>A new, unbuilt layer with the same configuration but the given direction (Bidirectional's backward layer).</summary>
    internal abstract RecurrentLayer CloneWithDirection(bool goBackwards);

    /// <summary>Creates the cell of this layer.</summary>
    private protected abstract RecurrentCell CreateCell();

    /// <summary>Fills the initial bias (LSTM sets its forget-gate slice to 1 with <c>unitForgetBias</c>).</summary>
    private protected virtual void InitializeBias(Span<float> bias, RandomGenerator random) =>
        BiasInitializer.Fill(bias, [bias.Length], random);

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
        RecurrentCell cell = CreateCell();
        int features = inputShape[1]!.Value;
        Parameter kernel = AddWeight("kernel", [features, cell.GateWidth], KernelInitializer, random);
        Parameter recurrent = AddWeight("recurrent_kernel", [Units, cell.GateWidth], RecurrentInitializer, random);
        Parameter? bias = null;
        if (UseBias)
        {
            bias = AddWeight("bias", cell.BiasShape, new Zeros(), random);
            InitializeBias(bias.Value.Span, random);
        }
        cell.Bind(kernel, recurrent, bias);
        _cell = cell;
        _dropoutRandom = random.Split();
    }

    /// <inheritdoc/>
    public override SequenceMask? ComputeOutputMask(Tensor input, SequenceMask? mask) => ReturnSequences ? mask : null;

    /// <summary>Forgets the states a <see cref="Stateful"/> layer carries between batches.</summary>
    public void ResetStates() => _states = null;

    /// <summary>The plan this layer would run for a batch of the given size and mask, without running it.</summary>
    public RecurrentPlan PlanFor(int batch, int timeSteps, SequenceMask? mask = null) =>
        RecurrentPlan.Create(batch, timeSteps, Units, Cell.Gates, BuiltInputShape[1]!.Value, mask, Packing, Unroll, GoBackwards);

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
        RecurrentPlan plan = ReusablePlan(batch, timeSteps, mask) ?? PlanFor(batch, timeSteps, mask);
        _plan = plan;
        _input = input;
        PrepareWorkspaces(plan);
        Cell.PackRecurrentKernel(forward: true);
        DrawDropoutMasks(batch, training);
        ProjectInputs(input, plan);
        LoadInitialStates(plan, initialState ?? (Stateful ? _states : null));
        for (int s = 0; s < plan.Steps; s++) RunStep(plan, s);
        WriteFinalStates(plan);
        WriteOutput(plan);
        Tensor[] states = Cell.StateCount == 2 ? [_finalH!, _finalC!] : [_finalH!];
        if (Stateful) _states = [.. states.Select(t => t.Clone())];
        return new RecurrentOutput(_output!, states);
    }

    /// <summary>
    /// Back-propagates through the last <see cref="Call"/>: output gradient and, optionally, final-state gradients
    /// (each (batch, units) or null). Adds weight gradients; <see cref="InitialStateGradients"/> gets the initial states'.
    /// </summary>
    /// <returns>dL/dx (batch, timesteps, features), or null when not needed.</returns>
    public Tensor? BackwardWithStates(Tensor outputGradient, IReadOnlyList<Tensor?>? stateGradients, bool needInputGradient = true)
    {
        RecurrentPlan plan = _plan ?? throw new InvalidOperationException($"{GetType().Name} '{Name}': Backward called before Forward.");
        int u = Units;
        Tensor dH = Tensor.Reuse(ref _dH, plan.TotalRows, u);
        dH.Span.Clear();
        Tensor? dC = Cell.StateCount == 2 ? Tensor.Reuse(ref _dC, plan.TotalRows, u) : null;
        dC?.Span.Clear();
        Tensor dInitialH = Tensor.Reuse(ref _dInitialH, plan.Batch, u), dInitialC = Tensor.Reuse(ref _dInitialC, plan.Batch, u);
        dInitialH.Span.Clear();
        dInitialC.Span.Clear();
        ScatterOutputGradient(plan, outputGradient, dH.Span);
        ScatterStateGradients(plan, stateGradients, dH.Span, dC is null ? default : dC.Span);
        Cell.PackRecurrentKernel(forward: false);
        for (int s = plan.Steps - 1; s >= 0; s--) BackStep(plan, s);
        AccumulateWeightGradients(plan);
        WriteInitialStateGradients(plan);
        return needInputGradient ? InputGradient(plan) : null;
    }

    /// <inheritdoc/>
    public override IReadOnlyDictionary<string, object?> GetConfig() => new Dictionary<string, object?>(base.GetConfig())
    {
        ["units"] = Units,
        ["activation"] = Activation.Name,
        ["recurrent_activation"] = RecurrentActivation.Name,
        ["use_bias"] = UseBias,
        ["kernel_initializer"] = KernelInitializer.Name,
        ["recurrent_initializer"] = RecurrentInitializer.Name,
        ["bias_initializer"] = BiasInitializer.Name,
        ["dropout"] = Dropout,
        ["recurrent_dropout"] = RecurrentDropout,
        ["return_sequences"] = ReturnSequences,
        ["return_state"] = ReturnState,
        ["go_backwards"] = GoBackwards,
        ["stateful"] = Stateful,
        ["unroll"] = Unroll,
        ["packing"] = Packing,
    };

    // An unrolled layer keeps the plan of a full, unmasked batch: its steps and buffers are fixed at build time.
    private RecurrentPlan? ReusablePlan(int batch, int timeSteps, SequenceMask? mask) =>
        Unroll && mask is null && _plan is { Packed: false, Keep: null } plan && plan.Batch == batch && plan.TimeSteps == timeSteps
            ? plan : null;

    private void PrepareWorkspaces(RecurrentPlan plan)
    {
        int total = plan.TotalRows, u = Units;
        Tensor.Reuse(ref _projectedInputs, total, plan.Features);
        Tensor.Reuse(ref _gates, total, Cell.GateWidth);
        Tensor.Reuse(ref _hPrevAll, total, u);
        Tensor.Reuse(ref _h, total, u);
        if (Cell.StateCount == 2) Tensor.Reuse(ref _c, total, u);
        Tensor.Reuse(ref _dhPrev, plan.Batch, u);
        Tensor.Reuse(ref _dcPrev, plan.Batch, u);
        Tensor.Reuse(ref _carryH, plan.Batch, u);
        Tensor.Reuse(ref _carryC, plan.Batch, u);
        Cell.Prepare(total, plan.Batch);
    }

    private void DrawDropoutMasks(int batch, bool training)
    {
        _inputDropMask = training && Dropout > 0 ? DropMask(batch * BuiltInputShape[1]!.Value, Dropout) : null;
        _recurrentDropMask = training && RecurrentDropout > 0 ? DropMask(batch * Units, RecurrentDropout) : null;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private float[] DropMask(int length, double rate)
    {
        var mask = new float[length];
        float keep = (float)(1 / (1 - rate));
        for (int i = 0; i < length; i++) mask[i] = _dropoutRandom!.NextDouble() < rate ? 0 : keep;
        return mask;
    }

    // Gathers each computed row-step's input x[b, t] (in the plan's order) and projects all of them in one GEMM, or
    // over their nonzeros when they are mostly zeros.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void ProjectInputs(Tensor input, RecurrentPlan plan)
    {
        int features = plan.Features, total = plan.TotalRows;
        Span<float> projected = _projectedInputs!.Span[..(total * features)];
        IndexInputRows(plan);
        if (_inputDropMask is null) RowGather.Copy(input.Span, _inputRows.AsSpan(0, total), projected, features);
        else RowGather.Multiply(input.Span, _inputRows.AsSpan(0, total), _inputDropMask, _sampleRows.AsSpan(0, total), projected, features);
        int width = Cell.GateWidth;
        _inputsAreSparse = _sparseInputs.TryCapture(projected, plan.TotalRows, features);
        if (_inputsAreSparse)
        {
            _sparseInputs.Multiply(Kernel.Value.Span, width, Cell.InputBias, _gates!.Span);
            return;
        }
        Gemm.Multiply(false, false, plan.TotalRows, width, features, 1f, projected, Kernel.Value.Span, 0f, _gates!.Span);
        if (!Cell.InputBias.IsEmpty && plan.TotalRows > 0) ActivationKernels.AddBias(_gates.Span, Cell.InputBias);
    }

    private void IndexInputRows(RecurrentPlan plan)
    {
        int total = plan.TotalRows;
        if (_inputRows.Length < total) (_inputRows, _sampleRows, _inputGradientRows) = (new int[total], new int[total], new int[total]);
        for (int s = 0; s < plan.Steps; s++)
            for (int i = 0; i < plan.ActiveRowsPerStep[s]; i++)
            {
                int row = plan.StepOffsets[s] + i, b = plan.Order[i];
                _sampleRows[row] = b;
                _inputRows[row] = b * plan.TimeSteps + plan.InputTime(plan.Positions[row]);
                _inputGradientRows[row] = plan.Keep is null || plan.Keep[row] ? _inputRows[row] : -1;
            }
    }

    private void LoadInitialStates(RecurrentPlan plan, IReadOnlyList<Tensor>? initialState)
    {
        int u = Units;
        Tensor h0 = Tensor.Reuse(ref _initialH, plan.Batch, u), c0 = Tensor.Reuse(ref _initialC, plan.Batch, u);
        h0.Span.Clear();
        c0.Span.Clear();
        if (initialState is null) return;
        if (initialState.Count != Cell.StateCount)
            throw new ArgumentException($"{GetType().Name} '{Name}' has {Cell.StateCount} states, got {initialState.Count}.", nameof(initialState));
        for (int k = 0; k < initialState.Count; k++)
        {
            Tensor state = initialState[k];
            if (state.Rank != 2 || state.Dim(0) != plan.Batch || state.Dim(1) != u)
                throw new ArgumentException(
                    $"Initial state {k} of {GetType().Name} '{Name}' must have shape ({plan.Batch}, {u}), got {Tensor.ShapeText(state.Shape)}" +
                    (Stateful ? " (a stateful layer needs the same batch size every batch; call ResetStates to start over)." : "."),
                    nameof(initialState));
            Tensor target = k == 0 ? h0 : c0;
            for (int i = 0; i < plan.Batch; i++) state.Row(plan.Order[i]).CopyTo(target.Row(i));
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void RunStep(RecurrentPlan plan, int s)
    {
        int n = plan.ActiveRowsPerStep[s], offset = plan.StepOffsets[s], u = Units, width = Cell.GateWidth;
        int previous = s == 0 ? 0 : plan.StepOffsets[s - 1];
        ReadOnlySpan<float> hSource = (s == 0 ? _initialH! : _h!).Span.Slice(previous * u, n * u);
        ReadOnlySpan<float> cSource = Cell.StateCount == 2 ? (s == 0 ? _initialC! : _c!).Span.Slice(previous * u, n * u) : default;
        Span<float> hPrev = _hPrevAll!.Span.Slice(offset * u, n * u);
        hSource.CopyTo(hPrev);
        if (_recurrentDropMask is not null)
            for (int i = 0; i < n; i++)
            {
                Span<float> row = hPrev.Slice(i * u, u);
                ElementwiseKernels.Multiply(row, _recurrentDropMask.AsSpan(plan.Order[i] * u, u), row);
            }
        Span<float> h = _h!.Span.Slice(offset * u, n * u);
        Span<float> c = Cell.StateCount == 2 ? _c!.Span.Slice(offset * u, n * u) : default;
        Cell.StepForward(n, offset, _gates!.Span.Slice(offset * width, n * width), hPrev, cSource, h, c);
        if (plan.Keep is null) return;
        for (int i = 0; i < n; i++)
        {
            if (plan.Keep[offset + i]) continue;
            hSource.Slice(i * u, u).CopyTo(h.Slice(i * u, u));
            if (!c.IsEmpty) cSource.Slice(i * u, u).CopyTo(c.Slice(i * u, u));
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void WriteFinalStates(RecurrentPlan plan)
    {
        int u = Units;
        Tensor finalH = Tensor.Reuse(ref _finalH, plan.Batch, u);
        Tensor? finalC = Cell.StateCount == 2 ? Tensor.Reuse(ref _finalC, plan.Batch, u) : null;
        for (int i = 0; i < plan.Batch; i++)
        {
            int row = plan.FinalRow(i), b = plan.Order[i];
            (row >= 0 ? _h!.Row(row) : _initialH!.Row(i)).CopyTo(finalH.Row(b));
            if (finalC is not null) (row >= 0 ? _c!.Row(row) : _initialC!.Row(i)).CopyTo(finalC.Row(b));
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void WriteOutput(RecurrentPlan plan)
    {
        int u = Units, steps = plan.TimeSteps;
        Tensor output = ReturnSequences ? Tensor.Reuse(ref _output, plan.Batch, steps, u) : Tensor.Reuse(ref _output, plan.Batch, u);
        // Output row (b, p) is row-step OutputRows[b·steps + p], or zeros; without sequences only p = steps - 1.
        if (steps == 0) output.Span.Clear();
        else if (ReturnSequences) RowGather.Copy(_h!.Span, plan.OutputRows, output.Span, u);
        else RowGather.Copy(_h!.Span, plan.OutputRows.AsSpan(steps - 1), output.Span, u, rowsStride: steps);
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void ScatterOutputGradient(RecurrentPlan plan, Tensor outputGradient, Span<float> dH)
    {
        int u = Units, steps = plan.TimeSteps;
        if (outputGradient.Length != _output!.Length)
            throw new ArgumentException(
                $"Expected an output gradient of shape {Tensor.ShapeText(_output.Shape)}, got {Tensor.ShapeText(outputGradient.Shape)}.",
                nameof(outputGradient));
        if (steps == 0) return;
        if (ReturnSequences) RowScatter.Add(outputGradient.Span, plan.OutputRows, dH, u);
        else RowScatter.Add(outputGradient.Span, plan.OutputRows.AsSpan(steps - 1), dH, u, rowsStride: steps);
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void ScatterStateGradients(RecurrentPlan plan, IReadOnlyList<Tensor?>? stateGradients, Span<float> dH, Span<float> dC)
    {
        if (stateGradients is null) return;
        int u = Units;
        for (int k = 0; k < stateGradients.Count && k < Cell.StateCount; k++)
        {
            if (stateGradients[k] is not Tensor gradient) continue;
            Span<float> computed = k == 0 ? dH : dC;
            Tensor initial = k == 0 ? _dInitialH! : _dInitialC!;
            for (int i = 0; i < plan.Batch; i++)
            {
                int row = plan.FinalRow(i);
                Span<float> target = row >= 0 ? computed.Slice(row * u, u) : initial.Row(i);
                ElementwiseKernels.Add(target, gradient.Row(plan.Order[i]), target);
            }
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void BackStep(RecurrentPlan plan, int s)
    {
        int n = plan.ActiveRowsPerStep[s], offset = plan.StepOffsets[s], u = Units, width = Cell.GateWidth;
        int previous = s == 0 ? 0 : plan.StepOffsets[s - 1];
        bool lstm = Cell.StateCount == 2;
        Span<float> dh = _dH!.Span.Slice(offset * u, n * u);
        Span<float> dc = lstm ? _dC!.Span.Slice(offset * u, n * u) : default;
        Span<float> dhPrev = _dhPrev!.Span[..(n * u)], dcPrev = _dcPrev!.Span[..(n * u)];
        if (plan.Keep is not null) HoldMaskedGradients(plan, offset, n, dh, dc);
        ReadOnlySpan<float> cSource = lstm ? (s == 0 ? _initialC! : _c!).Span.Slice(previous * u, n * u) : default;
        Cell.StepBackward(n, offset, _gates!.Span.Slice(offset * width, n * width), _hPrevAll!.Span.Slice(offset * u, n * u), cSource,
            _h!.Span.Slice(offset * u, n * u), dh, dc, dhPrev, dcPrev);
        if (_recurrentDropMask is not null)
            for (int i = 0; i < n; i++)
            {
                Span<float> row = dhPrev.Slice(i * u, u);
                ElementwiseKernels.Multiply(row, _recurrentDropMask.AsSpan(plan.Order[i] * u, u), row);
            }
        if (plan.Keep is not null) ReleaseMaskedGradients(plan, offset, n, dhPrev, dcPrev);
        Span<float> hTarget = (s == 0 ? _dInitialH! : _dH!).Span.Slice(previous * u, n * u);
        ElementwiseKernels.Add(hTarget, dhPrev, hTarget);
        if (!lstm) return;
        Span<float> cTarget = (s == 0 ? _dInitialC! : _dC!).Span.Slice(previous * u, n * u);
        ElementwiseKernels.Add(cTarget, dcPrev, cTarget);
    }

    // Dense masked path: a masked row-step passes its state gradient straight to the previous step and adds nothing
    // to the gates, so its incoming gradient is set aside before the cell runs and handed back after.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void HoldMaskedGradients(RecurrentPlan plan, int offset, int n, Span<float> dh, Span<float> dc)
    {
        int u = Units;
        for (int i = 0; i < n; i++)
        {
            if (plan.Keep![offset + i]) continue;
            dh.Slice(i * u, u).CopyTo(_carryH!.Row(i));
            dh.Slice(i * u, u).Clear();
            if (dc.IsEmpty) continue;
            dc.Slice(i * u, u).CopyTo(_carryC!.Row(i));
            dc.Slice(i * u, u).Clear();
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void ReleaseMaskedGradients(RecurrentPlan plan, int offset, int n, Span<float> dhPrev, Span<float> dcPrev)
    {
        int u = Units;
        for (int i = 0; i < n; i++)
        {
            if (plan.Keep![offset + i]) continue;
            Span<float> h = dhPrev.Slice(i * u, u);
            ElementwiseKernels.Add(h, _carryH!.Row(i), h);
            if (Cell.StateCount == 1) continue;
            Span<float> c = dcPrev.Slice(i * u, u);
            ElementwiseKernels.Add(c, _carryC!.Row(i), c);
        }
    }

    // dW += Xᵀ·dG and db += Σ dG over every computed row-step at once; the cell adds dU the same way.
    private void AccumulateWeightGradients(RecurrentPlan plan)
    {
        int total = plan.TotalRows, width = Cell.GateWidth, features = plan.Features;
        ReadOnlySpan<float> dGates = _gates!.Span[..(total * width)];
        if (_inputsAreSparse) _sparseInputs.AddTransposedProduct(dGates, width, Kernel.Gradient.Span);
        else Gemm.Multiply(true, false, features, width, total, 1f, _projectedInputs!.Span, dGates, 1f, Kernel.Gradient.Span);
        if (!Cell.InputBiasGradient.IsEmpty && total > 0) ActivationKernels.AccumulateColumnSums(dGates, Cell.InputBiasGradient);
        Cell.AccumulateRecurrentGradients(total, _hPrevAll!.Span[..(total * Units)], dGates);
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void WriteInitialStateGradients(RecurrentPlan plan)
    {
        Tensor h = Tensor.Reuse(ref _dInitialHBatch, plan.Batch, Units), c = Tensor.Reuse(ref _dInitialCBatch, plan.Batch, Units);
        for (int i = 0; i < plan.Batch; i++)
        {
            _dInitialH!.Row(i).CopyTo(h.Row(plan.Order[i]));
            _dInitialC!.Row(i).CopyTo(c.Row(plan.Order[i]));
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private Tensor InputGradient(RecurrentPlan plan)
    {
        int features = plan.Features, steps = plan.TimeSteps, width = Cell.GateWidth;
        Tensor dProjected = Tensor.Reuse(ref _dProjectedInputs, plan.TotalRows, features);
        Gemm.Multiply(false, true, plan.TotalRows, features, width, 1f, _gates!.Span, Kernel.Value.Span, 0f, dProjected.Span);
        Tensor dx = Tensor.Reuse(ref _dInput, plan.Batch, steps, features);
        dx.Span.Clear();
        ReadOnlySpan<int> rows = _inputGradientRows.AsSpan(0, plan.TotalRows);
        if (_inputDropMask is null) RowScatter.Copy(dProjected.Span, rows, dx.Span, features);
        else RowScatter.Multiply(dProjected.Span, rows, _inputDropMask, _sampleRows.AsSpan(0, plan.TotalRows), dx.Span, features);
        return dx;
    }

    private static ActivationFunction ElementWise(ActivationFunction activation, string argument) =>
        activation.Kind == ActivationKind.Softmax
            ? throw new ArgumentException($"A recurrent {argument} must be elementwise; got softmax.", argument)
            : activation;
}
