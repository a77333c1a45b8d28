using NotebookRnn.Kernels;
using NotebookRnn.Layers.Recurrent;
using NotebookRnn.Tensors;

namespace NotebookRnn.Layers.Functional;

/// <summary>
/// Runs a <see cref="GraphProgram"/> forward and backward on one device: every call in order, each symbolic tensor's
/// value and mask kept in its slot; backward in reverse order, a tensor used by several calls receiving the sum of
/// their gradients. A layer called more than once runs as a copy per later call that shares its weights, whose
/// gradients are added to the layer's at the end of the backward pass.
/// </summary>
internal sealed class GraphRunner : IGraphRunner
{
    private readonly GraphProgram _program;
    private readonly Layer[] _layers;
    private readonly (Parameter[] Copy, Parameter[] Owner)[] _sharedCalls;
    private readonly bool[] _needsGradient;
    private readonly IOutputActivation?[] _fused;
    private readonly Tensor?[] _values, _gradients, _gradientBuffers, _zeros;
    private readonly SequenceMask?[] _masks;
    private readonly bool[] _gradientOwned;
    // Per call: its inputs, masks, initial states and state gradients, and which inputs need a gradient.
    private readonly Tensor[][] _callInputs;
    private readonly SequenceMask?[][] _callMasks;
    private readonly Tensor[]?[] _callStates;
    private readonly Tensor?[]?[] _callStateGradients;
    private readonly bool[][] _callNeeds;

    /// <summary>A runner of <paramref name="program"/> whose layers are <paramref name="instanceOf"/> the program's (the layers themselves, or a device's copies).</summary>
    /// <param name="program">The graph.</param>
    /// <param name="instanceOf">The layer this runner runs for each of the program's layers.</param>
    /// <param name="random">The stream the copies of shared layers draw their own randomness (dropout) from.</param>
    public GraphRunner(GraphProgram program, Func<Layer, Layer> instanceOf, RandomGenerator random)
    {
        _program = program;
        int nodes = program.Nodes.Count, slots = program.SlotCount;
        _layers = new Layer[nodes];
        var seen = new HashSet<Layer>();
        var owners = new List<Layer>();
        var shared = new List<(Parameter[], Parameter[])>();
        for (int n = 0; n < nodes; n++)
        {
            Layer instance = instanceOf(program.Nodes[n].Layer);
            if (seen.Add(instance)) owners.Add(_layers[n] = instance);
            else
            {
                _layers[n] = LayerConfig.CloneSharingWeights(instance, random);
                shared.Add(([.. _layers[n].Parameters], [.. instance.Parameters]));
            }
        }
        _sharedCalls = [.. shared];
        Parameters = [.. owners.SelectMany(l => l.Parameters)];
        (_values, _gradients, _gradientBuffers, _zeros) = (new Tensor?[slots], new Tensor?[slots], new Tensor?[slots], new Tensor?[slots]);
        _masks = new SequenceMask?[slots];
        _gradientOwned = new bool[slots];
        _fused = new IOutputActivation?[nodes];
        _needsGradient = NeedsGradient(program, _layers);
        _callInputs = [.. program.Nodes.Select(n => new Tensor[n.Inputs.Count])];
        _callMasks = [.. program.Nodes.Select(n => new SequenceMask?[n.Inputs.Count])];
        _callStates = [.. program.Nodes.Select(n => n.StateInputs > 0 ? new Tensor[n.StateInputs] : null)];
        _callStateGradients = [.. program.Nodes.Select(n => n.Outputs.Count > 1 ? new Tensor?[n.Outputs.Count - 1] : null)];
        _callNeeds = [.. program.NodeInputSlots.Select(ins => ins.Select(s => _needsGradient[s]).ToArray())];
    }

    /// <summary>The graph this runner runs.</summary>
    public GraphProgram Program => _program;

    /// <summary>The layer run for each call, in the program's order.</summary>
    public IReadOnlyList<Layer> CallLayers => _layers;

    /// <summary>The weights of this runner's layers, each once, in the program's layer order.</summary>
    public IReadOnlyList<Parameter> Parameters { get; }

    /// <summary>The first mask the last forward pass met: an input's, or the first call's that made one.</summary>
    public SequenceMask? FirstMask { get; private set; }

    /// <inheritdoc/>
    public bool FusesOutputActivations => true;

    /// <summary>Output <paramref name="k"/> of the last forward pass, and its mask.</summary>
    public Tensor Output(int k) => _values[_program.OutputSlots[k]]!;

    public SequenceMask? OutputMask(int k) => _masks[_program.OutputSlots[k]];

    /// <summary>The first output of call <paramref name="node"/> in the last forward pass (the layer's output, not its states), and its mask.</summary>
    public Tensor CallOutput(int node) => _values[_program.NodeOutputSlots[node][0]]!;

    public SequenceMask? CallOutputMask(int node) => _masks[_program.NodeOutputSlots[node][0]];

    /// <summary>
    /// Makes the backward pass of the call that makes output <paramref name="k"/> start from its pre-activation (a loss
    /// fused with the layer's activation), or stops that with null.
    /// </summary>
    public void FuseOutput(int k, IOutputActivation? layer)
    {
        if (_program.OutputCalls[k] is int call and >= 0) _fused[call] = layer;
    }

    /// <summary>Zeroes the gradients of every weight, the copies' of shared layers included.</summary>
    public void ZeroGradients()
    {
        foreach (Parameter parameter in Parameters) parameter.ZeroGradient();
        foreach (var (copy, _) in _sharedCalls) foreach (Parameter parameter in copy) parameter.ZeroGradient();
    }

    /// <summary>Runs every call on <paramref name="inputs"/> (with their masks, or null).</summary>
    /// <exception cref="InvalidOperationException">A mask reaches a layer that cannot use it.</exception>
    public void Forward(IReadOnlyList<Tensor> inputs, IReadOnlyList<SequenceMask?>? masks, bool training)
    {
        FirstMask = null;
        for (int k = 0; k < inputs.Count; k++)
        {
            _values[_program.InputSlots[k]] = inputs[k];
            SequenceMask? mask = _masks[_program.InputSlots[k]] = masks is null ? null : masks[k];
            FirstMask ??= mask;
        }
        for (int n = 0; n < _layers.Length; n++)
        {
            RunCall(n, training);
            FirstMask ??= CallOutputMask(n);
        }
    }

    // One call: a layer of several inputs takes them all; a recurrent call with states takes and gives them; any other layer one input.
    private void RunCall(int n, bool training)
    {
        Layer layer = _layers[n];
        LayerNode node = _program.Nodes[n];
        int[] ins = _program.NodeInputSlots[n], outs = _program.NodeOutputSlots[n];
        Tensor x = _values[ins[0]]!;
        SequenceMask? mask = _masks[ins[0]];
        if (layer is MultiInputLayer multi)
        {
            Tensor[] inputs = _callInputs[n];
            SequenceMask?[] masks = _callMasks[n];
            for (int i = 0; i < ins.Length; i++) (inputs[i], masks[i]) = (_values[ins[i]]!, _masks[ins[i]]);
            _masks[outs[0]] = multi.ComputeOutputMask(inputs, masks);
            if (multi is Attention.DenseAttention attention && (node.UseCausalMask || node.ReturnAttentionScores))
            {
                var (output, scores) = attention.Forward(inputs, masks, training, node.UseCausalMask);
                _values[outs[0]] = output;
                if (node.ReturnAttentionScores) (_values[outs[1]], _masks[outs[1]]) = (scores, null);
                return;
            }
            _values[outs[0]] = multi.Forward(inputs, masks, training);
            return;
        }
        if (mask is not null && !layer.SupportsMasking)
            throw new InvalidOperationException(
                $"Layer '{layer.Name}' ({layer.GetType().Name}) does not support masking, but a mask reaches it from an earlier layer " +
                "(Embedding with maskZero, Masking, or ragged input). Consume the mask first, e.g. with a recurrent layer.");
        _masks[outs[0]] = layer.ComputeOutputMask(x, mask);
        if (layer is IRecurrentCall recurrent && outs.Length + node.StateInputs > 1)
        {
            Tensor[]? states = _callStates[n];
            for (int k = 0; k < node.StateInputs; k++) states![k] = _values[ins[1 + k]]!;
            RecurrentOutput result = recurrent.Call(x, mask, states, training);
            _values[outs[0]] = result.Output;
            for (int k = 1; k < outs.Length; k++) (_values[outs[k]], _masks[outs[k]]) = (result.States[k - 1], null);
            return;
        }
        _values[outs[0]] = layer.Forward(x, mask, training);
    }

    /// <summary>
    /// Back-propagates the outputs' gradients (null: the output adds nothing) through the last training forward pass,
    /// adding the weight gradients. <paramref name="beforeCall"/> may add to a call's output gradient first (an activity
    /// penalty's gradient); it gets the call's index and that gradient.
    /// </summary>
    public void Backward(IReadOnlyList<Tensor?> outputGradients, Action<int, Tensor>? beforeCall = null)
    {
        Array.Clear(_gradients);
        Array.Clear(_gradientOwned);
        for (int k = 0; k < outputGradients.Count; k++) Accumulate(_program.OutputSlots[k], outputGradients[k]);
        for (int n = _layers.Length - 1; n >= 0; n--)
        {
            int[] outs = _program.NodeOutputSlots[n];
            if (outs.All(s => _gradients[s] is null)) continue;
            Tensor gradient = _gradients[outs[0]] ?? Zeros(outs[0]);
            beforeCall?.Invoke(n, gradient);
            BackwardCall(n, gradient);
        }
        foreach (var (copy, owner) in _sharedCalls)
            for (int p = 0; p < copy.Length; p++) ElementwiseKernels.Add(owner[p].Gradient.Span, copy[p].Gradient.Span, owner[p].Gradient.Span);
    }

    private void BackwardCall(int n, Tensor gradient)
    {
        Layer layer = _layers[n];
        LayerNode node = _program.Nodes[n];
        int[] ins = _program.NodeInputSlots[n], outs = _program.NodeOutputSlots[n];
        bool[] needs = _callNeeds[n];
        if (layer is MultiInputLayer multi)
        {
            IReadOnlyList<Tensor?> inputGradients = multi is Attention.DenseAttention attention && node.ReturnAttentionScores
                ? attention.BackwardAll(gradient, _gradients[outs[1]], needs)
                : multi.BackwardAll(gradient, needs);
            for (int i = 0; i < ins.Length; i++) if (needs[i]) Accumulate(ins[i], inputGradients[i]);
            return;
        }
        if (layer is IRecurrentCall recurrent && outs.Length + node.StateInputs > 1)
        {
            Tensor?[]? stateGradients = _callStateGradients[n];
            for (int k = 1; k < outs.Length; k++) stateGradients![k - 1] = _gradients[outs[k]];
            Accumulate(ins[0], recurrent.BackwardWithStates(gradient, stateGradients, needs[0]));
            IReadOnlyList<Tensor> initial = recurrent.InitialStateGradients;
            for (int k = 0; k < node.StateInputs; k++) if (needs[1 + k]) Accumulate(ins[1 + k], initial[k]);
            return;
        }
        Tensor? inputGradient = _fused[n] is { } fused
            ? fused.BackwardFromPreActivation(gradient, needs[0])
            : layer.Backward(gradient, needs[0]);
        if (needs[0]) Accumulate(ins[0], inputGradient);
    }

    // The first gradient a tensor receives is kept as it is; a second one is added into a buffer of the runner's own.
    private void Accumulate(int slot, Tensor? gradient)
    {
        if (gradient is null) return;
        Tensor? existing = _gradients[slot];
        if (existing is null)
        {
            _gradients[slot] = gradient;
            return;
        }
        if (!_gradientOwned[slot])
        {
            Tensor buffer = Tensor.Reuse(ref _gradientBuffers[slot], [.. existing.Shape]);
            existing.Span.CopyTo(buffer.Span);
            (_gradients[slot], _gradientOwned[slot]) = (buffer, true);
        }
        Span<float> sum = _gradients[slot]!.Span;
        ElementwiseKernels.Add(sum, gradient.Span, sum);
    }

    // The gradient of an output nothing uses (an encoder's sequence output when only its states go on).
    private Tensor Zeros(int slot)
    {
        Tensor zeros = Tensor.Reuse(ref _zeros[slot], [.. _values[slot]!.Shape]);
        zeros.Span.Clear();
        return zeros;
    }

    // A tensor needs a gradient when a call that made it, or one before, has weights.
    private static bool[] NeedsGradient(GraphProgram program, Layer[] layers)
    {
        var needs = new bool[program.SlotCount];
        for (int n = 0; n < layers.Length; n++)
        {
            bool any = layers[n].Parameters.Count > 0 || program.NodeInputSlots[n].Any(s => needs[s]);
            foreach (int slot in program.NodeOutputSlots[n]) needs[slot] = any;
        }
        return needs;
    }
}
