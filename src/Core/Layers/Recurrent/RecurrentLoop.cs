using System.Runtime.CompilerServices;
using NotebookRnn.Kernels;
using NotebookRnn.Data;
using NotebookRnn.Tensors;

namespace NotebookRnn.Layers.Recurrent;

/// <summary>
/// The one recurrent loop behind <see cref="SimpleRNN"/>, <see cref="LSTM"/>, <see cref="GRU"/> and a cell's single
/// step: x (batch, timeSteps, features) → the output (batch, units), or (batch, timeSteps, units) with
/// returnSequences, and the final states, each (batch, units). It owns what every cell shares — the plan's row order
/// and packing, masking (a masked step carries output and state forward, Keras semantics), goBackwards (the plan's
/// positions), initial states and dropout masks — and back-propagates through time in <see cref="Backward"/>.
/// The cell supplies one step.
/// </summary>
/// <remarks>
/// Cost shape: the input projection of every computed row-step is one GEMM (or a product over the nonzeros of
/// mostly-zero input such as one-hot characters); each step runs one recurrent GEMM on its active rows; weight
/// gradients are accumulated in large GEMMs after the backward sweep. Every buffer is in one
/// <see cref="RecurrentWorkspace"/> sized from the plan; rows move between them by the plan's index lists through
/// <see cref="RowKernels"/>. The per-step methods are compiled fully optimised from their first call
/// (AggressiveOptimization), so a notebook's first epoch does not run them as tier-0 code.
/// </remarks>
internal sealed class RecurrentLoop : ISequenceLoop
{
    private readonly RecurrentCell _cell;
    private readonly bool _returnSequences;
    private readonly double _dropout, _recurrentDropout;
    private readonly RandomGenerator? _dropoutRandom;
    private readonly RecurrentWorkspace _workspace;
    private readonly SparseRows _sparseInputs = new();
    // Whether the last forward pass drew dropout masks (training with a rate > 0); its backward applies the same masks.
    private bool _inputDropout, _stateDropout, _projectPerStep, _inference;

    /// <summary>A loop for <paramref name="cell"/>; dropout needs <paramref name="dropoutRandom"/>.</summary>
    public RecurrentLoop(RecurrentCell cell, bool returnSequences, double dropout = 0, double recurrentDropout = 0,
        RandomGenerator? dropoutRandom = null)
    {
        if ((dropout > 0 || recurrentDropout > 0) && dropoutRandom is null)
            throw new ArgumentNullException(nameof(dropoutRandom), "Dropout needs a random generator.");
        _cell = cell;
        _returnSequences = returnSequences;
        (_dropout, _recurrentDropout, _dropoutRandom) = (dropout, recurrentDropout, dropoutRandom);
        _workspace = new RecurrentWorkspace(cell, returnSequences);
    }

    /// <summary>The stream the dropout masks are drawn from (another backend draws the same masks from it), or null without dropout.</summary>
    internal RandomGenerator? DropoutRandom => _dropoutRandom;

    /// <summary>The plan of the last forward pass, or <c>null</c> before the first.</summary>
    public RecurrentPlan? Plan { get; private set; }

    /// <summary>Whether the last batch's inputs were mostly zeros, so they were projected over their nonzeros.</summary>
    public bool InputsAreSparse { get; private set; }

    /// <summary>dL/d(initial states) of the last backward pass, each (batch, units), batch order.</summary>
    public IReadOnlyList<Tensor> InitialStateGradients { get; private set; } = [];

    private bool Lstm => _cell.StateCount == 2;

    // x: (batch, timeSteps, features) → y: (batch, timeSteps, units) or (batch, units); states: (batch, units) each
    /// <summary>Runs <paramref name="plan"/> over <paramref name="input"/>; the caller has checked the shapes.</summary>
    /// <param name="input">x, (batch, timeSteps, features).</param>
    /// <param name="plan">The batch's plan (order, active rows per step, positions).</param>
    /// <param name="initialState">h (and c), each (batch, units) in batch order; null for zeros.</param>
    /// <param name="training">Whether dropout is active; the backward buffers are sized too.</param>
    public RecurrentOutput Forward(Tensor input, RecurrentPlan plan, IReadOnlyList<Tensor>? initialState, bool training)
    {
        Plan = plan;
        _inference = !training;
        _workspace.Prepare(plan, withGradients: training);
        _cell.PackRecurrentKernel(forward: true);
        DrawDropoutMasks(training);
        ProjectInputs(input, plan);
        LoadInitialStates(plan, initialState);
        for (int s = 0; s < plan.Steps; s++) StepForward(plan, s);
        return WriteOutputs(plan);
    }

    // dy: the output's shape, dstates: (batch, units) each or null → dx: (batch, timeSteps, features); dW, dU, db +=
    /// <summary>
    /// Back-propagates through the last <see cref="Forward"/>: adds the weight gradients into the cell's parameters,
    /// sets <see cref="InitialStateGradients"/> and returns dL/dx when <paramref name="needInputGradient"/>.
    /// </summary>
    /// <exception cref="ArgumentException">A gradient's shape does not fit; the message names both shapes.</exception>
    public Tensor? Backward(Tensor outputGradient, IReadOnlyList<Tensor?>? stateGradients, bool needInputGradient)
    {
        RecurrentPlan plan = Plan ?? throw new InvalidOperationException("Backward called before Forward.");
        _workspace.Prepare(plan, withGradients: true);
        ScatterOutputGradient(plan, outputGradient);
        ScatterStateGradients(plan, stateGradients);
        _cell.PackRecurrentKernel(forward: false);
        for (int s = plan.Steps - 1; s >= 0; s--) StepBackward(plan, s);
        AccumulateWeightGradients(plan);
        WriteInitialStateGradients(plan);
        return needInputGradient ? InputGradient(plan) : null;
    }

    private void DrawDropoutMasks(bool training)
    {
        _inputDropout = training && _dropout > 0;
        _stateDropout = training && _recurrentDropout > 0;
        if (_inputDropout) _dropoutRandom!.FillDropMask(_workspace.InputDropMask.Span, _dropout);
        if (_stateDropout) _dropoutRandom!.FillDropMask(_workspace.RecurrentDropMask.Span, _recurrentDropout);
    }

    // Gathers each computed row-step's input x[b, t] (in the plan's order) and projects all of them in one GEMM, or
    // over their nonzeros when they are mostly zeros.
    private void ProjectInputs(Tensor input, RecurrentPlan plan)
    {
        RecurrentWorkspace w = _workspace;
        int features = plan.Features, width = _cell.GateWidth, total = plan.TotalRows;
        Span<float> inputs = w.Inputs.Span, gates = w.Gates.Span;
        // Without dropout, sparse input is captured straight from x; only dense input (or dropped-out input) is gathered.
        InputsAreSparse = !_inputDropout && _sparseInputs.TryCapture(input.Span, plan.InputRows.AsSpan(0, total), features);
        if (!InputsAreSparse)
        {
            RowKernels.Gather(input.Span, plan.InputRows, inputs, features);
            if (_inputDropout) MultiplyBySampleMask(plan, inputs, w.InputDropMask.Span, features);
            InputsAreSparse = _inputDropout && _sparseInputs.TryCapture(inputs, total, features);
        }
        // In inference each step projects its own rows right before its recurrent product, so they are still in cache
        // when the product and the activations read them; training keeps every step's gates anyway.
        _projectPerStep = InputsAreSparse && _inference;
        if (InputsAreSparse)
        {
            if (!_projectPerStep) _sparseInputs.Multiply(_cell.Kernel.Value.Span, width, _cell.InputBias, gates);
            return;
        }
        Gemm.Multiply(false, false, total, width, features, 1f, inputs, _cell.Kernel.Value.Span, 0f, gates);
        if (!_cell.InputBias.IsEmpty && total > 0) ActivationKernels.AddBias(gates, _cell.InputBias);
    }

    // State rows [0, batch) hold the initial states of the sorted rows.
    private void LoadInitialStates(RecurrentPlan plan, IReadOnlyList<Tensor>? initialState)
    {
        int size = plan.Batch * _cell.Units;
        for (int k = 0; k < _cell.StateCount; k++)
        {
            Span<float> rows = (k == 0 ? _workspace.H : _workspace.C).Span[..size];
            if (initialState is null) rows.Clear();
            else RowKernels.Gather(initialState[k].Span, plan.SortedSamples, rows, _cell.Units);
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void StepForward(RecurrentPlan plan, int s)
    {
        RecurrentWorkspace w = _workspace;
        int n = plan.ActiveRowsPerStep[s], u = _cell.Units, size = n * u, previous = plan.PreviousStateRow(s) * u;
        // Training keeps each step's (dropped-out) previous h for backward; inference reads it where the last step wrote it.
        if (!_inference)
        {
            Span<float> hPrev = w.PreviousH.Span.Slice(plan.StepOffsets[s] * u, size);
            w.H.Span.Slice(previous, size).CopyTo(hPrev);
            if (_stateDropout) RowKernels.MultiplyRows(hPrev, w.RecurrentDropMask.Span, plan.SortedSamples[..n], u);
        }
        RecurrentStep step = Slices(plan, s, backward: false);
        if (_projectPerStep) _sparseInputs.Multiply(_cell.Kernel.Value.Span, _cell.GateWidth, _cell.InputBias, step.Gates, plan.StepOffsets[s], n);
        _cell.StepForward(step);
        if (plan.Keep is null) return;
        ReadOnlySpan<bool> keep = plan.Keep.AsSpan(plan.StepOffsets[s], n);
        RowKernels.Carry(keep, w.H.Span.Slice(previous, size), step.H, u);
        if (Lstm) RowKernels.Carry(keep, w.C.Span.Slice(previous, size), step.C, u);
    }

    private RecurrentOutput WriteOutputs(RecurrentPlan plan)
    {
        RecurrentWorkspace w = _workspace;
        int u = _cell.Units;
        RowKernels.Copy(w.H.Span, plan.FinalStateRows, w.FinalH.Span, plan.SortedSamples, u);
        if (Lstm) RowKernels.Copy(w.C.Span, plan.FinalStateRows, w.FinalC.Span, plan.SortedSamples, u);
        RowKernels.Gather(w.H.Span, OutputRows(plan), w.Output.Span, u);
        return new RecurrentOutput(w.Output, Lstm ? [w.FinalH, w.FinalC] : [w.FinalH]);
    }

    private int[] OutputRows(RecurrentPlan plan) => _returnSequences ? plan.OutputRows : plan.LastOutputRows;

    private void ScatterOutputGradient(RecurrentPlan plan, Tensor outputGradient)
    {
        Tensor output = _workspace.Output;
        if (outputGradient.Length != output.Length)
            throw new ArgumentException(
                $"Expected an output gradient of shape {Tensor.ShapeText(output.Shape)}, got {Tensor.ShapeText(outputGradient.Shape)}.",
                nameof(outputGradient));
        _workspace.HGradient.Span.Clear();
        _workspace.CGradient.Span.Clear();
        RowKernels.ScatterAdd(outputGradient.Span, _workspace.HGradient.Span, OutputRows(plan), _cell.Units);
    }

    // A final state's gradient joins the gradient of the state row that holds it (the initial state's for a row that never ran).
    private void ScatterStateGradients(RecurrentPlan plan, IReadOnlyList<Tensor?>? stateGradients)
    {
        if (stateGradients is null) return;
        for (int k = 0; k < stateGradients.Count && k < _cell.StateCount; k++)
        {
            if (stateGradients[k] is not Tensor gradient) continue;
            if (gradient.Length != plan.Batch * _cell.Units)
                throw new ArgumentException(
                    $"Expected the gradient of state {k} to have shape ({plan.Batch}, {_cell.Units}), got {Tensor.ShapeText(gradient.Shape)}.",
                    nameof(stateGradients));
            Tensor target = k == 0 ? _workspace.HGradient : _workspace.CGradient;
            RowKernels.Add(gradient.Span, plan.SortedSamples, target.Span, plan.FinalStateRows, _cell.Units);
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void StepBackward(RecurrentPlan plan, int s)
    {
        RecurrentWorkspace w = _workspace;
        int n = plan.ActiveRowsPerStep[s], u = _cell.Units, size = n * u, previous = plan.PreviousStateRow(s) * u;
        RecurrentStep step = Slices(plan, s, backward: true);
        // Dense masked path: a carried row-step passes its state gradient straight to the previous step and adds
        // nothing to the gates, so its incoming gradient is set aside while the cell runs and added back after.
        ReadOnlySpan<bool> keep = plan.Keep is null ? default : plan.Keep.AsSpan(plan.StepOffsets[s], n);
        Span<float> dh = w.HGradient.Span.Slice(plan.StateRow(s) * u, size), dc = Lstm ? w.CGradient.Span.Slice(plan.StateRow(s) * u, size) : default;
        if (plan.Keep is not null)
        {
            RowKernels.SetAside(keep, dh, w.HeldH.Span, u);
            if (Lstm) RowKernels.SetAside(keep, dc, w.HeldC.Span, u);
        }
        _cell.StepBackward(step);
        if (_stateDropout) RowKernels.MultiplyRows(step.PreviousHGradient, w.RecurrentDropMask.Span, plan.SortedSamples[..n], u);
        if (plan.Keep is not null)
        {
            RowKernels.AddBack(keep, w.HeldH.Span, step.PreviousHGradient, u);
            if (Lstm) RowKernels.AddBack(keep, w.HeldC.Span, step.PreviousCGradient, u);
        }
        Span<float> hTarget = w.HGradient.Span.Slice(previous, size);
        ElementwiseKernels.Add(hTarget, step.PreviousHGradient, hTarget);
        if (!Lstm) return;
        Span<float> cTarget = w.CGradient.Span.Slice(previous, size);
        ElementwiseKernels.Add(cTarget, step.PreviousCGradient, cTarget);
    }

    // The workspace rows of step s as its cell sees them (see RecurrentStep); the gradient rows only backward.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private RecurrentStep Slices(RecurrentPlan plan, int s, bool backward)
    {
        RecurrentWorkspace w = _workspace;
        int n = plan.ActiveRowsPerStep[s], row = plan.StepOffsets[s], u = _cell.Units, size = n * u, width = _cell.GateWidth;
        int previous = plan.PreviousStateRow(s) * u, current = plan.StateRow(s) * u;
        // In inference with per-step projection nothing reads a step's gates or cache after the step: every step works in
        // the first step's rows, which stay in cache, instead of leaving megabytes of dirty lines to be written back.
        int scratchRow = _projectPerStep && !backward ? 0 : row;
        bool lstm = Lstm;
        return new RecurrentStep
        {
            Rows = n,
            Gates = w.Gates.Span.Slice(scratchRow * width, n * width),
            PreviousH = _inference && !backward ? w.H.Span.Slice(previous, size) : w.PreviousH.Span.Slice(row * u, size),
            PreviousC = lstm ? w.C.Span.Slice(previous, size) : default,
            H = w.H.Span.Slice(current, size),
            C = lstm ? w.C.Span.Slice(current, size) : default,
            Cache = w.Cache.Span.Slice(scratchRow * _cell.CacheWidth, n * _cell.CacheWidth),
            Scratch = w.StepScratch.Span[..(n * _cell.ScratchWidth)],
            RowScratch = w.RowScratch.Span,
            RecurrentGateGradients = backward && _cell.HasRecurrentGateGradients ? w.RecurrentGateGradients.Span.Slice(row * width, n * width) : default,
            HGradient = backward ? w.HGradient.Span.Slice(current, size) : default,
            CGradient = backward && lstm ? w.CGradient.Span.Slice(current, size) : default,
            PreviousHGradient = backward ? w.PreviousHGradient.Span[..size] : default,
            PreviousCGradient = backward && lstm ? w.PreviousCGradient.Span[..size] : default,
        };
    }

    // dW += Xᵀ·dG and db += Σ dG over every computed row-step at once; the cell adds dU the same way.
    private void AccumulateWeightGradients(RecurrentPlan plan)
    {
        RecurrentWorkspace w = _workspace;
        int total = plan.TotalRows, width = _cell.GateWidth, features = plan.Features;
        ReadOnlySpan<float> dGates = w.Gates.Span[..(total * width)];
        if (InputsAreSparse) _sparseInputs.AddTransposedProduct(dGates, width, _cell.Kernel.Gradient.Span);
        else Gemm.Multiply(true, false, features, width, total, 1f, w.Inputs.Span, dGates, 1f, _cell.Kernel.Gradient.Span);
        if (!_cell.InputBiasGradient.IsEmpty && total > 0) ActivationKernels.AccumulateColumnSums(dGates, _cell.InputBiasGradient);
        _cell.AccumulateRecurrentGradients(new RecurrentStep
        {
            Rows = total,
            Gates = w.Gates.Span,
            PreviousH = w.PreviousH.Span,
            Cache = w.Cache.Span,
            RecurrentGateGradients = w.RecurrentGateGradients.Span,
        });
    }

    // State rows [0, batch) now hold dL/d(initial states) of the sorted rows.
    private void WriteInitialStateGradients(RecurrentPlan plan)
    {
        RecurrentWorkspace w = _workspace;
        int size = plan.Batch * _cell.Units;
        RowKernels.Scatter(w.HGradient.Span[..size], w.InitialHGradient.Span, plan.SortedSamples, _cell.Units);
        if (Lstm) RowKernels.Scatter(w.CGradient.Span[..size], w.InitialCGradient.Span, plan.SortedSamples, _cell.Units);
        InitialStateGradients = Lstm ? [w.InitialHGradient, w.InitialCGradient] : [w.InitialHGradient];
    }

    // dInputs = dG·Wᵀ, then each row-step's gradient goes back to x[b, t] (a carried row-step's nowhere).
    private Tensor InputGradient(RecurrentPlan plan)
    {
        RecurrentWorkspace w = _workspace;
        int features = plan.Features, width = _cell.GateWidth;
        Span<float> inputsGradient = w.InputsGradient.Span;
        Gemm.Multiply(false, true, plan.TotalRows, features, width, 1f, w.Gates.Span, _cell.Kernel.Value.Span, 0f, inputsGradient);
        if (_inputDropout) MultiplyBySampleMask(plan, inputsGradient, w.InputDropMask.Span, features);
        w.InputGradient.Span.Clear();
        RowKernels.Scatter(inputsGradient, w.InputGradient.Span, plan.InputGradientRows, features);
        return w.InputGradient;
    }

    // rows (one per computed row-step) ⊙= the mask row of each row-step's sample; step s's rows are sorted rows 0 … n − 1.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void MultiplyBySampleMask(RecurrentPlan plan, Span<float> rows, ReadOnlySpan<float> mask, int width)
    {
        for (int s = 0; s < plan.Steps; s++)
        {
            int n = plan.ActiveRowsPerStep[s];
            RowKernels.MultiplyRows(rows.Slice(plan.StepOffsets[s] * width, n * width), mask, plan.SortedSamples[..n], width);
        }
    }
}
