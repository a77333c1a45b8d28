using NotebookRnn.Layers;
using NotebookRnn.Layers.Functional;
using NotebookRnn.Layers.Recurrent;
using NotebookRnn.Tensors;
using NotebookRnn.TorchSharp.Layers;
using NotebookRnn.TorchSharp.Tensors;
using TorchSharp;

namespace NotebookRnn.TorchSharp.Running;

/// <summary>
/// Runs a <see cref="GraphProgram"/> on one libtorch device: every call in order, each as its layer's
/// <see cref="TorchLayer"/>, the values staying on the device; the outputs come back to host memory for NotebookRnn's
/// losses and metrics, and backward is one libtorch autograd pass from the outputs' loss gradients (and any activity
/// penalty's gradient) to the weights, whose gradients are added into the layers' <see cref="Parameter"/>s.
/// </summary>
internal sealed class TorchGraphRunner : IGraphRunner, IDisposable
{
    private readonly GraphProgram _program;
    private readonly torch.Device _device;
    private readonly Layer[] _layers;
    private readonly TorchLayer[] _calls, _distinct;
    private readonly torch.Tensor?[] _values;
    private readonly SequenceMask?[] _masks;
    private readonly Tensor?[] _hostInputs, _outputs, _callOutputs;
    private readonly Dictionary<int, int> _inputOfSlot;
    private readonly List<torch.Tensor> _kept = [];

    /// <summary>A runner of <paramref name="program"/> on <paramref name="device"/>, whose layers are <paramref name="instanceOf"/> the program's.</summary>
    /// <param name="device">The libtorch device.</param>
    /// <param name="program">The graph.</param>
    /// <param name="instanceOf">The layer this runner runs for each of the program's layers.</param>
    /// <param name="random">The stream the copies of layers called more than once are built from (their dropout), as the managed runner's.</param>
    /// <exception cref="NotSupportedException">A layer has no libtorch form.</exception>
    public TorchGraphRunner(torch.Device device, GraphProgram program, Func<Layer, Layer> instanceOf, RandomGenerator random)
    {
        _program = program;
        _device = device;
        _layers = [.. program.Nodes.Select(n => instanceOf(n.Layer))];
        var forms = new List<TorchLayer>();
        try
        {
            _calls = Forms(_layers, device, random, forms);
        }
        catch
        {
            foreach (TorchLayer form in forms) form.Dispose();
            throw;
        }
        _distinct = [.. forms];
        Parameters = [.. _layers.Distinct().SelectMany(l => l.Parameters)];
        _values = new torch.Tensor?[program.SlotCount];
        _masks = new SequenceMask?[program.SlotCount];
        _hostInputs = new Tensor?[program.InputSlots.Length];
        _outputs = new Tensor?[program.OutputSlots.Length];
        _callOutputs = new Tensor?[_layers.Length];
        _inputOfSlot = program.InputSlots.Select((slot, k) => (slot, k)).ToDictionary(p => p.slot, p => p.k);
    }

    // One form per layer, its later calls sharing it so that its weights' gradients add up on the device. As the managed
    // runner does, a later call also builds a copy of the layer from `random`; a layer without weights (Dropout) runs as
    // its copy's form, so it draws its copy's randomness, and the stream stays aligned for the layers after it.
    private static TorchLayer[] Forms(Layer[] layers, torch.Device device, RandomGenerator random, List<TorchLayer> forms)
    {
        var calls = new TorchLayer[layers.Length];
        var first = new Dictionary<Layer, TorchLayer>();
        for (int n = 0; n < layers.Length; n++)
        {
            Layer layer = layers[n];
            if (!first.TryGetValue(layer, out TorchLayer? form))
            {
                forms.Add(calls[n] = first[layer] = TorchLayers.Create(layer, device));
                continue;
            }
            Layer copy = LayerConfig.CloneSharingWeights(layer, random);
            if (layer.Parameters.Count == 0) forms.Add(calls[n] = TorchLayers.Create(copy, device));
            else calls[n] = form;
        }
        return calls;
    }

    public GraphProgram Program => _program;

    public IReadOnlyList<Layer> CallLayers => _layers;

    public IReadOnlyList<Parameter> Parameters { get; }

    /// <summary>No: libtorch differentiates the output's activation itself.</summary>
    public bool FusesOutputActivations => false;

    public SequenceMask? FirstMask { get; private set; }

    public Tensor Output(int k) => _outputs[k] ?? throw new InvalidOperationException("No forward pass has run.");

    public SequenceMask? OutputMask(int k) => _masks[_program.OutputSlots[k]];

    public Tensor CallOutput(int node) => TorchTransfer.ToHost(Value(_program.NodeOutputSlots[node][0]), ref _callOutputs[node]);

    public SequenceMask? CallOutputMask(int node) => _masks[_program.NodeOutputSlots[node][0]];

    public void FuseOutput(int k, IOutputActivation? layer)
    {
        if (layer is not null) throw new InvalidOperationException("The libtorch backend does not fuse an output's activation with its loss.");
    }

    public void ZeroGradients()
    {
        foreach (Parameter parameter in Parameters) parameter.ZeroGradient();
    }

    /// <exception cref="InvalidOperationException">A mask reaches a layer that cannot use it.</exception>
    public void Forward(IReadOnlyList<Tensor> inputs, IReadOnlyList<SequenceMask?>? masks, bool training)
    {
        Release();
        FirstMask = null;
        using DisposeScope scope = torch.NewDisposeScope();
        using IDisposable gradients = torch.enable_grad(training);
        foreach (TorchLayer form in _distinct) form.Upload();
        for (int k = 0; k < inputs.Count; k++)
        {
            int slot = _program.InputSlots[k];
            _hostInputs[k] = inputs[k];
            _values[slot] = TorchTransfer.ToTorch(inputs[k], _device);
            FirstMask ??= _masks[slot] = masks?[k];
        }
        for (int n = 0; n < _layers.Length; n++)
        {
            RunCall(n, training);
            FirstMask ??= CallOutputMask(n);
        }
        for (int k = 0; k < _outputs.Length; k++) TorchTransfer.ToHost(Value(_program.OutputSlots[k]), ref _outputs[k]);
        foreach (torch.Tensor? value in _values)
            if (value is not null && scope.Contains(value)) _kept.Add(scope.Detach(value));
    }

    // One call: its inputs (a recurrent call's states apart), their masks, and the layer's libtorch form.
    private void RunCall(int n, bool training)
    {
        Layer layer = _layers[n];
        LayerNode node = _program.Nodes[n];
        int[] ins = _program.NodeInputSlots[n], outs = _program.NodeOutputSlots[n];
        int inputs = ins.Length - node.StateInputs;
        SequenceMask? mask = _masks[ins[0]];
        if (layer is not MultiInputLayer && mask is not null && !layer.SupportsMasking)
            throw new InvalidOperationException(
                $"Layer '{layer.Name}' ({layer.GetType().Name}) does not support masking, but a mask reaches it from an earlier layer " +
                "(Embedding with maskZero, Masking, or ragged input). Consume the mask first, e.g. with a recurrent layer.");
        var call = new TorchCall(
            [.. ins.Take(inputs).Select(Value)], [.. ins.Take(inputs).Select(s => _masks[s])], [.. ins.Skip(inputs).Select(Value)],
            node, training, i => HostValue(ins[i]));
        TorchResult result = _calls[n].Forward(call);
        for (int k = 0; k < outs.Length; k++) (_values[outs[k]], _masks[outs[k]]) = (result.Outputs[k], k == 0 ? result.Mask : null);
    }

    private torch.Tensor Value(int slot) => _values[slot] ?? throw new InvalidOperationException("No forward pass has run.");

    // A model input is the caller's own tensor; anything else is copied from the device.
    private Tensor HostValue(int slot)
    {
        if (_inputOfSlot.TryGetValue(slot, out int input)) return _hostInputs[input]!;
        Tensor? copy = null;
        return TorchTransfer.ToHost(Value(slot), ref copy);
    }

    public void Backward(IReadOnlyList<Tensor?> outputGradients, Action<int, Tensor>? beforeCall = null)
    {
        using DisposeScope scope = torch.NewDisposeScope();
        var roots = new List<torch.Tensor>();
        var gradients = new List<torch.Tensor>();
        void Add(torch.Tensor root, Tensor gradient)
        {
            if (!root.requires_grad) return;
            roots.Add(root);
            gradients.Add(TorchTransfer.ToTorch(gradient, _device));
        }
        for (int k = 0; k < outputGradients.Count; k++)
            if (outputGradients[k] is { } gradient) Add(Value(_program.OutputSlots[k]), gradient);
        for (int n = 0; n < _layers.Length && beforeCall is not null; n++)
        {
            if (_layers[n].ActivityRegularizer is null) continue;
            torch.Tensor output = Value(_program.NodeOutputSlots[n][0]);
            var penalty = new Tensor([.. output.shape.Select(d => (int)d)]);
            beforeCall(n, penalty);
            Add(output, penalty);
        }
        if (roots.Count > 0) torch.autograd.backward(roots, gradients);
        foreach (TorchLayer form in _distinct) form.AddGradients();
    }

    // The values of the last forward pass (and with them its autograd graph) are freed before the next.
    private void Release()
    {
        foreach (torch.Tensor value in _kept) value.Dispose();
        _kept.Clear();
        Array.Clear(_values);
    }

    public void Dispose()
    {
        Release();
        foreach (TorchLayer form in _distinct) form.Dispose();
    }
}
