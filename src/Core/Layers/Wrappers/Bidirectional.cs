using NotebookRnn.Kernels;
using NotebookRnn.Layers.Functional;
using NotebookRnn.Layers.Recurrent;
using NotebookRnn.Tensors;

namespace NotebookRnn.Layers.Wrappers;

/// <summary>
/// Runs a recurrent layer forwards and a copy of it (own weights) backwards over the same input and merges the
/// outputs (Keras <c>Bidirectional</c>). With <c>returnSequences</c> the backward output is put back in input time
/// order before merging. x: (batch, timesteps, features) → (batch, [timesteps,] units · (2 for concat, else 1)).
/// </summary>
/// <remarks>
/// As in Keras, both layers get <see cref="RecurrentLayer.ZeroOutputForMask"/> = <c>returnSequences</c>: a masked step's
/// output is zeros in both directions, so the merged sequence does not mix a real output with a carried one.
/// </remarks>
public sealed class Bidirectional : Layer, IRecurrentCall
{
    private Tensor? _reversed, _reversedGradient, _output, _forwardGradient, _backwardGradient, _inputGradient;
    private Tensor? _forwardOutput, _backwardOutput;
    private Tensor[]? _states;
    private readonly WrappedActivity? _forwardActivity, _backwardActivity;
    private readonly WrappedActivity[] _activities;

    /// <summary>Wraps <paramref name="layer"/>.</summary>
    /// <param name="layer">The forward layer (SimpleRNN, LSTM, GRU or RNN).</param>
    /// <param name="mergeMode"><c>"concat"</c> (default), <c>"sum"</c>, <c>"mul"</c>, <c>"ave"</c> or <c>null</c> (not merged).</param>
    /// <param name="backwardLayer">The backward layer; default a copy of <paramref name="layer"/> with <c>goBackwards</c> flipped.</param>
    /// <param name="inputShape">Input shape without batch, for a model's first layer.</param>
    /// <param name="name">Layer name.</param>
    /// <exception cref="ArgumentException">
    /// Unknown merge mode, or a backward layer with the same <c>goBackwards</c> as <paramref name="layer"/> or another
    /// <c>stateful</c>, <c>returnSequences</c> or <c>returnState</c> (Keras's checks).
    /// </exception>
    public Bidirectional(RecurrentLayer layer, string? mergeMode = "concat", RecurrentLayer? backwardLayer = null,
        int?[]? inputShape = null, string? name = null) : base(name, inputShape ?? layer?.InputShape)
    {
        ArgumentNullException.ThrowIfNull(layer);
        MergeMode = ParseMergeMode(mergeMode);
        ForwardLayer = layer;
        BackwardLayer = backwardLayer ?? ReversedCopy(layer);
        CheckBackwardLayer(layer, BackwardLayer);
        ForwardLayer.ZeroOutputForMask = ForwardLayer.ReturnSequences;
        BackwardLayer.ZeroOutputForMask = BackwardLayer.ReturnSequences;
        _forwardActivity = ForwardLayer.ActivityRegularizer is { } forwardPenalty ? new WrappedActivity(forwardPenalty) : null;
        _backwardActivity = BackwardLayer.ActivityRegularizer is { } backwardPenalty ? new WrappedActivity(backwardPenalty) : null;
        _activities = [.. new[] { _forwardActivity, _backwardActivity }.OfType<WrappedActivity>()];
    }

    /// <summary>The layer run in the input's order.</summary>
    [ConfigArgument("layer")]
    public RecurrentLayer ForwardLayer { get; }

    /// <summary>The layer run in reverse order.</summary>
    public RecurrentLayer BackwardLayer { get; }

    private protected override IEnumerable<Layer> WrappedLayers => [ForwardLayer, BackwardLayer];

    // As in Keras, each inner layer's activity penalty applies to its own output: the forward output, and the backward
    // output (here in input time order, which a penalty on the whole tensor does not see).
    /// <inheritdoc/>
    internal override IReadOnlyList<WrappedActivity> WrappedActivities => _activities;

    /// <summary>How the two outputs are combined.</summary>
    public MergeMode MergeMode { get; }

    /// <inheritdoc/>
    public override IReadOnlyList<Parameter> Parameters => [.. ForwardLayer.Parameters, .. BackwardLayer.Parameters];

    /// <inheritdoc/>
    public override bool SupportsMasking => true;

    /// <inheritdoc/>
    public override int?[] ComputeOutputShape(int?[] inputShape)
    {
        int?[] shape = ForwardLayer.ComputeOutputShape(inputShape);
        BackwardLayer.ComputeOutputShape(inputShape);
        if (MergeMode == MergeMode.Concat) shape[^1] = shape[^1]! + BackwardLayer.Units;
        return shape;
    }

    /// <inheritdoc/>
    protected override void OnBuild(int?[] inputShape, RandomGenerator random)
    {
        if (ForwardLayer.Name.Length == 0) ForwardLayer.Name = "forward_" + ForwardLayer.TypeName;
        if (BackwardLayer.Name.Length == 0) BackwardLayer.Name = "backward_" + BackwardLayer.TypeName;
        BuildWrapped(ForwardLayer, inputShape, random);
        BuildWrapped(BackwardLayer, inputShape, random);
    }

    /// <inheritdoc/>
    public override SequenceMask? ComputeOutputMask(Tensor input, SequenceMask? mask) => ForwardLayer.ReturnSequences ? mask : null;

    /// <summary>Whether the final states are outputs of a call (the wrapped layers' <c>returnState</c>).</summary>
    public bool ReturnState => ForwardLayer.ReturnState;

    IReadOnlyList<int> IRecurrentCall.StateSizes => [.. ForwardLayer.Cell.StateSize, .. BackwardLayer.Cell.StateSize];

    /// <summary>Gradients with respect to the initial states of the last backward pass: the forward layer's, then the backward layer's.</summary>
    public IReadOnlyList<Tensor> InitialStateGradients => [.. ForwardLayer.InitialStateGradients, .. BackwardLayer.InitialStateGradients];

    /// <summary>Forgets the states both layers carry between batches when stateful (Keras's <c>reset_states</c>).</summary>
    public void ResetStates()
    {
        ForwardLayer.ResetStates();
        BackwardLayer.ResetStates();
    }

    /// <summary>
    /// Runs both directions without merging (Keras's <c>merge_mode=None</c>): both outputs, the backward one already back
    /// in input time order, and the final states (forward layer's, then backward layer's).
    /// </summary>
    /// <param name="input">(batch, timesteps, features).</param>
    /// <param name="mask">Which steps are real.</param>
    /// <param name="initialState">
    /// The forward layer's initial states then the backward layer's, each (batch, units), as Keras splits the list in
    /// halves; default zeros (or the carried states when stateful).
    /// </param>
    /// <param name="training">Whether dropout is active and values are kept for backward.</param>
    /// <exception cref="ArgumentException">A shape does not fit, or <paramref name="initialState"/> does not hold both layers' states.</exception>
    public BidirectionalOutput CallBoth(Tensor input, SequenceMask? mask = null, IReadOnlyList<Tensor>? initialState = null,
        bool training = false)
    {
        CheckInput(input);
        int forwardStates = ForwardLayer.Cell.StateCount, backwardStates = BackwardLayer.Cell.StateCount;
        if (initialState is not null && initialState.Count != forwardStates + backwardStates)
            throw new ArgumentException(
                $"Bidirectional '{Name}' expects {forwardStates + backwardStates} initial states ({forwardStates} for the forward layer, " +
                $"then {backwardStates} for the backward layer), got {initialState.Count}.", nameof(initialState));
        RecurrentOutput forward = ForwardLayer.Call(input, mask, initialState?.Take(forwardStates).ToArray(), training);
        RecurrentOutput backward = BackwardLayer.Call(input, mask, initialState?.Skip(forwardStates).ToArray(), training);
        _forwardOutput = forward.Output;
        _backwardOutput = ForwardLayer.ReturnSequences ? ReverseTime(backward.Output, ref _reversed) : backward.Output;
        _states = [.. forward.States, .. backward.States];
        _forwardActivity?.Record(_forwardOutput);
        _backwardActivity?.Record(_backwardOutput);
        return new BidirectionalOutput(_forwardOutput, _backwardOutput, _states);
    }

    /// <summary>
    /// Runs the layer and returns the merged output and the final states: the forward layer's, then the backward
    /// layer's (Keras's <c>return_state</c> order).
    /// </summary>
    /// <param name="input">(batch, timesteps, features).</param>
    /// <param name="mask">Which steps are real.</param>
    /// <param name="initialState">The forward layer's initial states then the backward layer's (see <see cref="CallBoth"/>).</param>
    /// <param name="training">Whether dropout is active and values are kept for backward.</param>
    /// <exception cref="InvalidOperationException">The merge mode is null (use <see cref="CallBoth"/>).</exception>
    /// <exception cref="ArgumentException">A shape does not fit, or <paramref name="initialState"/> does not hold both layers' states.</exception>
    public RecurrentOutput Call(Tensor input, SequenceMask? mask = null, IReadOnlyList<Tensor>? initialState = null, bool training = false)
    {
        if (MergeMode == MergeMode.None)
            throw new InvalidOperationException(
                $"Bidirectional '{Name}' has mergeMode null and so two outputs, which a Sequential model cannot pass on; use CallBoth, or a merge mode.");
        var (f, b) = CallBoth(input, mask, initialState, training);
        int units = f.Dim(-1);
        int outputUnits = MergeMode == MergeMode.Concat ? 2 * units : units;
        Tensor output = Tensor.Reuse(ref _output, [.. f.Shape.Take(f.Rank - 1), outputUnits]);
        Span<float> y = output.Span;
        switch (MergeMode)
        {
            case MergeMode.Concat: RowKernels.Concatenate(f.Span, units, b.Span, units, y); break;
            case MergeMode.Sum: ElementwiseKernels.Add(f.Span, b.Span, y); break;
            case MergeMode.Mul: ElementwiseKernels.Multiply(f.Span, b.Span, y); break;
            default: ElementwiseKernels.Add(f.Span, b.Span, y); ElementwiseKernels.Multiply(y, 0.5f, y); break;
        }
        return new RecurrentOutput(output, _states!);
    }

    // x → merge(forward(x), reverse_time(backward(x)))
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

    // dy → (dforward, dbackward) by the merge rule; dx = dx_forward + dx_backward
    /// <summary>
    /// Back-propagates the merged output's gradient and, optionally, final-state gradients in <see cref="Call(Tensor, SequenceMask?, IReadOnlyList{Tensor}?, bool)"/>'s
    /// order (forward layer's states, then backward layer's; entries may be null).
    /// </summary>
    public Tensor? BackwardWithStates(Tensor outputGradient, IReadOnlyList<Tensor?>? stateGradients, bool needInputGradient = true)
    {
        Tensor f = _forwardOutput ?? throw new InvalidOperationException($"Bidirectional '{Name}': Backward called before Forward.");
        Tensor b = _backwardOutput!;
        int units = f.Dim(-1);
        int[] merged = [.. f.Shape.Take(f.Rank - 1), MergeMode == MergeMode.Concat ? 2 * units : units];
        if (outputGradient.Length != f.Length / Math.Max(1, units) * merged[^1])
            throw new ArgumentException(
                $"Expected an output gradient of shape {Tensor.ShapeText(merged)}, got {Tensor.ShapeText(outputGradient.Shape)}.",
                nameof(outputGradient));
        Tensor df = Tensor.Reuse(ref _forwardGradient, [.. f.Shape]), db = Tensor.Reuse(ref _backwardGradient, [.. f.Shape]);
        ReadOnlySpan<float> dy = outputGradient.Span;
        switch (MergeMode)
        {
            case MergeMode.Concat: RowKernels.Split(dy, df.Span, units, db.Span, units); break;
            case MergeMode.Sum: dy.CopyTo(df.Span); dy.CopyTo(db.Span); break;
            case MergeMode.Mul: ElementwiseKernels.Multiply(dy, b.Span, df.Span); ElementwiseKernels.Multiply(dy, f.Span, db.Span); break;
            default: ElementwiseKernels.Multiply(dy, 0.5f, df.Span); ElementwiseKernels.Multiply(dy, 0.5f, db.Span); break;
        }
        _forwardActivity?.AddGradient(df);
        _backwardActivity?.AddGradient(db);
        int forwardStates = ForwardLayer.Cell.StateCount;
        Tensor backwardGradient = ForwardLayer.ReturnSequences ? ReverseTime(db, ref _reversedGradient) : db;
        Tensor? dxForward = ForwardLayer.BackwardWithStates(df, stateGradients?.Take(forwardStates).ToArray(), needInputGradient);
        Tensor? dxBackward = BackwardLayer.BackwardWithStates(backwardGradient, stateGradients?.Skip(forwardStates).ToArray(), needInputGradient);
        if (!needInputGradient) return null;
        Tensor dx = Tensor.Reuse(ref _inputGradient, [.. dxForward!.Shape]);
        ElementwiseKernels.Add(dxForward.Span, dxBackward!.Span, dx.Span);
        return dx;
    }

    // Keras's _verify_layer_config: the directions differ, and stateful, returnSequences and returnState agree.
    private static void CheckBackwardLayer(RecurrentLayer forward, RecurrentLayer backward)
    {
        if (forward.GoBackwards == backward.GoBackwards)
            throw new ArgumentException(
                "Forward layer and backward layer should have different goBackwards values, got " +
                $"{forward.GoBackwards} for both.", "backwardLayer");
        foreach (var (attribute, forwardValue, backwardValue) in new[]
        {
            ("stateful", forward.Stateful, backward.Stateful),
            ("returnSequences", forward.ReturnSequences, backward.ReturnSequences),
            ("returnState", forward.ReturnState, backward.ReturnState),
        })
            if (forwardValue != backwardValue)
                throw new ArgumentException(
                    $"Forward layer and backward layer are expected to have the same value for {attribute}, got {forwardValue} for the " +
                    $"forward layer and {backwardValue} for the backward layer.", "backwardLayer");
    }

    // Keras's default backward layer: the forward layer's configuration with goBackwards flipped, without a name (it is
    // named backward_… when built) or an input shape.
    private static RecurrentLayer ReversedCopy(RecurrentLayer layer) => (RecurrentLayer)LayerConfig.Clone(layer,
        new Dictionary<string, object?> { ["go_backwards"] = !layer.GoBackwards, ["name"] = null, ["input_shape"] = null });

    // (batch, steps, units) → the same with the steps in reverse order
    private static Tensor ReverseTime(Tensor sequence, ref Tensor? buffer)
    {
        int batch = sequence.Dim(0), steps = sequence.Dim(1), units = sequence.Dim(2);
        Tensor reversed = Tensor.Reuse(ref buffer, batch, steps, units);
        RowKernels.ReverseWithinBlocks(sequence.Span, reversed.Span, batch, steps, units);
        return reversed;
    }

    private static MergeMode ParseMergeMode(string? mode) => mode is null ? MergeMode.None : Naming.Key(mode) switch
    {
        "concat" => MergeMode.Concat,
        "sum" => MergeMode.Sum,
        "mul" => MergeMode.Mul,
        "ave" => MergeMode.Ave,
        _ => throw new ArgumentException($"Merge mode \"{mode}\" not understood; expected concat, sum, mul, ave or null.", "mergeMode"),
    };
}
