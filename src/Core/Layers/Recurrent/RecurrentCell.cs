using NotebookRnn.Kernels;
using NotebookRnn.Data;
using NotebookRnn.Initializers;
using NotebookRnn.Tensors;

namespace NotebookRnn.Layers.Recurrent;

/// <summary>
/// One step of a recurrent layer (Keras's "cell"): from the input x (batch, features) and the states (h, and c for
/// LSTM, each (batch, units)) to the new states, with fused gate weights in Keras layout: kernel W
/// (features, G·units), recurrent kernel U (units, G·units) and bias, the G gates side by side in Keras order.
/// <see cref="SimpleRNN"/>, <see cref="LSTM"/> and <see cref="GRU"/> supply their cell to the one recurrent loop,
/// which owns ordering and packing, masking, reversal, dropout and the input projection of all steps; the cell owns
/// the gate math and the recurrent GEMM of a step.
/// </summary>
/// <remarks>
/// <see cref="Call"/> and <see cref="Backward"/> run one step on tensors; they run the recurrent loop over a single
/// time step, so a cell computes exactly what its layer computes at each step.
/// </remarks>
public abstract class RecurrentCell
{
    private readonly PackedMatrix _stepKernel = new(), _stepKernelTransposed = new();
    private Parameter? _kernel, _recurrentKernel;
    private RecurrentLoop? _stepLoop;
    private RecurrentPlan? _stepPlan;
    private int[]? _stateSize;

    private protected RecurrentCell(int units, ActivationFunction? activation, ActivationFunction? recurrentActivation, bool useBias,
        Initializer? kernelInitializer, Initializer? recurrentInitializer, Initializer? biasInitializer)
    {
        if (units <= 0) throw new ArgumentOutOfRangeException(nameof(units), units, "Expected units > 0.");
        Units = units;
        Activation = ElementWise(activation ?? ActivationFunction.Tanh, nameof(activation));
        RecurrentActivation = ElementWise(recurrentActivation ?? ActivationFunction.Sigmoid, nameof(recurrentActivation));
        UseBias = useBias;
        KernelInitializer = kernelInitializer ?? new GlorotUniform();
        RecurrentInitializer = recurrentInitializer ?? new Orthogonal();
        BiasInitializer = biasInitializer ?? new Zeros();
    }

    /// <summary>Size of the hidden state h (and of c).</summary>
    public int Units { get; }

    /// <summary>Activation of the candidate (and of the LSTM cell output); default tanh.</summary>
    public ActivationFunction Activation { get; }

    /// <summary>Activation of the gates; default sigmoid (unused by <see cref="SimpleRNNCell"/>).</summary>
    public ActivationFunction RecurrentActivation { get; }

    /// <summary>Whether the layer that builds the cell gives it a bias (default true); of a <see cref="StackedRNNCells"/>, the top cell's.</summary>
    public bool UseBias { get; }

    /// <summary>Initializer of the input kernel W when a layer builds the cell; default glorot_uniform.</summary>
    public Initializer KernelInitializer { get; }

    /// <summary>Initializer of the recurrent kernel U when a layer builds the cell; default orthogonal.</summary>
    public Initializer RecurrentInitializer { get; }

    /// <summary>Initializer of the bias when a layer builds the cell; default zeros.</summary>
    public Initializer BiasInitializer { get; }

    /// <summary>Gates G: 1 for SimpleRNN, 3 for GRU, 4 for LSTM.</summary>
    public abstract int Gates { get; }

    /// <summary>States the cell carries: 1 (h), or 2 (h, c) for LSTM.</summary>
    public virtual int StateCount => 1;

    /// <summary>The width of each state (Keras's <c>state_size</c>): <see cref="Units"/> for each of <see cref="StateCount"/>.</summary>
    public virtual IReadOnlyList<int> StateSize => _stateSize ??= [.. Enumerable.Repeat(Units, StateCount)];

    /// <summary>Width of the fused gate weights, G·units.</summary>
    public int GateWidth => Gates * Units;

    /// <summary>The shape of the bias: (G·units), or (2, 3·units) for a reset-after GRU.</summary>
    public virtual int[] BiasShape => [GateWidth];

    /// <summary>Whether <see cref="Build"/> gave the cell its weights.</summary>
    public virtual bool IsBuilt => _kernel is not null;

    /// <summary>Input features per step (rows of <see cref="Kernel"/>).</summary>
    /// <exception cref="InvalidOperationException">The cell is not built.</exception>
    public int Features => Kernel.Value.Dim(0);

    /// <summary>The input kernel W, (features, G·units).</summary>
    /// <exception cref="InvalidOperationException">The cell is not built.</exception>
    public Parameter Kernel => _kernel ?? throw NotBuilt();

    /// <summary>The recurrent kernel U, (units, G·units).</summary>
    /// <exception cref="InvalidOperationException">The cell is not built.</exception>
    public Parameter RecurrentKernel => _recurrentKernel ?? throw NotBuilt();

    /// <summary>The bias (<see cref="BiasShape"/>), or <c>null</c> without bias.</summary>
    public Parameter? Bias { get; private set; }

    /// <summary>The weights: kernel, recurrent kernel and, if any, bias.</summary>
    public IReadOnlyList<Parameter> Parameters => Bias is null ? [Kernel, RecurrentKernel] : [Kernel, RecurrentKernel, Bias];

    /// <summary>
    /// Gives the cell its weights (Keras layout); the layers create them with their initializers. The cell computes
    /// with these parameters and adds its gradients to theirs.
    /// </summary>
    /// <param name="kernel">W, (features, G·units).</param>
    /// <param name="recurrentKernel">U, (units, G·units).</param>
    /// <param name="bias">Of shape <see cref="BiasShape"/>, or <c>null</c> for no bias.</param>
    /// <exception cref="ArgumentException">A weight has the wrong shape; the message names both shapes.</exception>
    /// <exception cref="InvalidOperationException">The cell is built already.</exception>
    public virtual void Build(Parameter kernel, Parameter recurrentKernel, Parameter? bias = null)
    {
        ArgumentNullException.ThrowIfNull(kernel);
        ArgumentNullException.ThrowIfNull(recurrentKernel);
        if (IsBuilt) throw new InvalidOperationException($"{GetType().Name} is built already.");
        if (kernel.Value.Rank != 2 || kernel.Value.Dim(1) != GateWidth)
            throw WrongShape(nameof(kernel), $"(features, {GateWidth})", kernel);
        if (recurrentKernel.Value.Rank != 2 || recurrentKernel.Value.Dim(0) != Units || recurrentKernel.Value.Dim(1) != GateWidth)
            throw WrongShape(nameof(recurrentKernel), Tensor.ShapeText(new[] { Units, GateWidth }), recurrentKernel);
        if (bias is not null && !bias.Value.Shape.SequenceEqual(BiasShape))
            throw WrongShape(nameof(bias), Tensor.ShapeText(BiasShape), bias);
        (_kernel, _recurrentKernel, Bias) = (kernel, recurrentKernel, bias);
    }

    /// <summary>
    /// Fills the initial bias (of <see cref="BiasShape"/>, flattened) with <see cref="BiasInitializer"/>; an
    /// <see cref="LSTMCell"/> then sets its forget-gate slice to 1 with <see cref="LSTMCell.UnitForgetBias"/>.
    /// </summary>
    internal virtual void InitializeBias(Span<float> bias, RandomGenerator random) => BiasInitializer.Fill(bias, [bias.Length], random);

    /// <summary>
    /// One step: x (batch, features) and the states → the new h (batch, units) as the output and the new states
    /// (h, and c for LSTM), in <see cref="RecurrentOutput"/>. Tensors belong to the cell until its next call.
    /// </summary>
    /// <param name="input">x, (batch, features).</param>
    /// <param name="states">h (and c), each (batch, units); default zeros.</param>
    /// <exception cref="ArgumentException">A shape does not fit; the message names both shapes.</exception>
    /// <exception cref="InvalidOperationException">The cell is not built.</exception>
    public virtual RecurrentOutput Call(Tensor input, IReadOnlyList<Tensor>? states = null)
    {
        ArgumentNullException.ThrowIfNull(input);
        if (input.Rank != 2 || input.Dim(1) != Features)
            throw new ArgumentException($"{GetType().Name} expects input of shape (batch, {Features}), got {Tensor.ShapeText(input.Shape)}.", nameof(input));
        int batch = input.Dim(0);
        CheckStates(states, batch);
        _stepLoop ??= new RecurrentLoop(this, returnSequences: false);
        if (_stepPlan is null || _stepPlan.Batch != batch || _stepPlan.Features != Features)
            _stepPlan = RecurrentPlan.Create(batch, 1, Units, Gates, Features, null, packing: true, unrolled: false, goBackwards: false);
        return _stepLoop.Forward(input.Reshape(batch, 1, Features), _stepPlan, states, training: true);
    }

    /// <summary>
    /// Back through the last <see cref="Call"/>: dL/dh' and optionally dL/d(new states), each (batch, units) or null.
    /// Adds the weight gradients to the parameters'; <see cref="StateGradients"/> gets dL/d(states).
    /// </summary>
    /// <returns>dL/dx, (batch, features).</returns>
    /// <exception cref="InvalidOperationException">No <see cref="Call"/> ran before.</exception>
    public virtual Tensor Backward(Tensor outputGradient, IReadOnlyList<Tensor?>? stateGradients = null)
    {
        RecurrentLoop loop = _stepLoop ?? throw new InvalidOperationException($"{GetType().Name}: Backward called before Call.");
        Tensor dx = loop.Backward(outputGradient, stateGradients, needInputGradient: true)!;
        return dx.Reshape(dx.Dim(0), Features);
    }

    /// <summary>dL/d(states passed to the last <see cref="Call"/>) from the last <see cref="Backward"/>, each (batch, units).</summary>
    public virtual IReadOnlyList<Tensor> StateGradients => _stepLoop?.InitialStateGradients ?? [];

    // The recurrent loop's side of a cell: spans of n active rows (see RecurrentStep).

    /// <summary>Width of the per-row-step cache the workspace keeps for the cell (0: none).</summary>
    internal virtual int CacheWidth => 0;

    /// <summary>Width per active row of the cell's per-step scratch (0: none).</summary>
    internal virtual int ScratchWidth => 0;

    /// <summary>Whether the backward step writes <see cref="RecurrentStep.RecurrentGateGradients"/>.</summary>
    internal virtual bool HasRecurrentGateGradients => false;

    /// <summary>The part of the bias added to the input projection.</summary>
    internal virtual ReadOnlySpan<float> InputBias => Bias is null ? default : Bias.Value.Span;

    /// <summary>The part of the bias gradient that belongs to the input projection.</summary>
    internal virtual Span<float> InputBiasGradient => Bias is null ? default : Bias.Gradient.Span;

    /// <summary>One step: the gates hold x·W + b on entry; writes h (and c) and the cache of the step's rows.</summary>
    internal abstract void StepForward(in RecurrentStep step);

    /// <summary>
    /// Back through one step: turns the activated gates into dL/d(x·W + b) in place and writes (not adds) dL/dhPrev
    /// and dL/dcPrev of the step's rows.
    /// </summary>
    internal abstract void StepBackward(in RecurrentStep step);

    /// <summary>After the backward sweep: adds dU (and the recurrent bias's gradient) over all row-steps in large GEMMs.</summary>
    /// <param name="rows">All computed row-steps: Gates holds dL/d(x·W + b), PreviousH the h each row-step saw.</param>
    internal abstract void AccumulateRecurrentGradients(in RecurrentStep rows);

    /// <summary>
    /// Packs U (for the forward sweep) or Uᵀ (for the backward sweep) once, for the step GEMMs of
    /// <see cref="MultiplyRecurrentKernel"/> and <see cref="MultiplyRecurrentKernelTransposed"/>. Called at the start of
    /// each sweep: the optimizer changes U between batches.
    /// </summary>
    internal virtual void PackRecurrentKernel(bool forward)
    {
        if (forward) _stepKernel.Pack(false, Units, GateWidth, RecurrentKernel.Value.Span, GateWidth);
        else _stepKernelTransposed.Pack(true, GateWidth, Units, RecurrentKernel.Value.Span, GateWidth);
    }

    /// <summary>gates (n, G·U) = hPrev·U + β·gates, with U as packed for this forward sweep.</summary>
    private protected void MultiplyRecurrentKernel(int n, ReadOnlySpan<float> hPrev, float beta, Span<float> gates) =>
        Gemm.Multiply(false, n, 1f, hPrev, Units, Packed(_stepKernel, Units, GateWidth), beta, gates, GateWidth);

    /// <summary>dhPrev (n, U) = dGates·Uᵀ + β·dhPrev, with Uᵀ as packed for this backward sweep.</summary>
    private protected void MultiplyRecurrentKernelTransposed(int n, ReadOnlySpan<float> gateGradients, float beta, Span<float> dhPrev) =>
        Gemm.Multiply(false, n, 1f, gateGradients, GateWidth, Packed(_stepKernelTransposed, GateWidth, Units), beta, dhPrev, Units);

    /// <summary>The recurrent GEMM hPrev·U added into the gate columns [column, column + width), unpacked.</summary>
    private protected void AddRecurrentProjection(int n, ReadOnlySpan<float> hPrev, Span<float> gates, int column, int width) =>
        Gemm.Multiply(false, false, n, width, Units, 1f, hPrev, Units, RecurrentKernel.Value.Span[column..], GateWidth,
            1f, gates[column..], GateWidth);

    /// <summary>Checks that an activation is elementwise; the error names the argument.</summary>
    /// <exception cref="ArgumentException">It is softmax.</exception>
    internal static ActivationFunction ElementWise(ActivationFunction activation, string argument) =>
        activation.Kind == ActivationKind.Softmax
            ? throw new ArgumentException($"A recurrent {argument} must be elementwise; got softmax.", argument)
            : activation;

    private PackedMatrix Packed(PackedMatrix pack, int depth, int columns) =>
        pack.Depth == depth && pack.Columns == columns ? pack
            : throw new InvalidOperationException($"{GetType().Name}: the recurrent kernel was not packed for this sweep.");

    private void CheckStates(IReadOnlyList<Tensor>? states, int batch)
    {
        if (states is null) return;
        if (states.Count != StateCount)
            throw new ArgumentException($"{GetType().Name} has {StateCount} states, got {states.Count}.", nameof(states));
        for (int k = 0; k < states.Count; k++)
            if (states[k].Rank != 2 || states[k].Dim(0) != batch || states[k].Dim(1) != Units)
                throw new ArgumentException(
                    $"State {k} of {GetType().Name} must have shape ({batch}, {Units}), got {Tensor.ShapeText(states[k].Shape)}.", nameof(states));
    }

    private ArgumentException WrongShape(string argument, string expected, Parameter weight) =>
        new($"{GetType().Name} expects {argument} of shape {expected}, got {Tensor.ShapeText(weight.Value.Shape)}.", argument);

    private InvalidOperationException NotBuilt() =>
        new($"{GetType().Name} is not built yet: give it its weights with Build, or use it inside a built layer.");
}
