using NotebookRnn.Layers;
using NotebookRnn.Layers.Recurrent;
using TorchSharp;
using TorchParameter = TorchSharp.Modules.Parameter;
using static TorchSharp.torch.nn.utils.rnn;

namespace NotebookRnn.TorchSharp.Layers.Recurrent;

/// <summary>
/// A recurrent layer run by one of libtorch's recurrent modules (<c>nn.LSTM</c>, <c>nn.GRU</c>, <c>nn.RNN</c>, batch
/// first), whose weights are the layer's mapped to the module's layout before each forward pass and whose gradients are
/// mapped back after each backward pass. The managed loop's semantics around the module: goBackwards reverses the
/// steps (the output sequence stays in processing order), a padding mask packs the real steps
/// (<see cref="FrontPacking"/>), and the outputs are the output then the final states.
/// </summary>
internal abstract class RecurrentModuleOnTorch : TorchLayer
{
    private ModuleWeight[] _weights = [];

    protected RecurrentModuleOnTorch(RecurrentLayer layer, torch.Device device) : base(layer, device, ownWeights: false) => Recurrent = layer;

    /// <summary>The layer computed.</summary>
    protected RecurrentLayer Recurrent { get; }

    /// <summary>The layer's weights as the module's parameters (set once by the subclass's constructor).</summary>
    protected void MapWeights(params ModuleWeight[] weights) => _weights = weights;

    public override void Upload()
    {
        foreach (ModuleWeight weight in _weights) weight.Upload();
    }

    public override void AddGradients()
    {
        foreach (ModuleWeight weight in _weights) weight.AddGradient();
    }

    // x: (batch, steps, features) → y: (batch, steps, units) or (batch, units), then the final states, each (batch, units)
    public override TorchResult Forward(TorchCall call)
    {
        RecurrentLayer layer = Recurrent;
        torch.Tensor x = layer.GoBackwards ? call.X.flip(1) : call.X;
        IReadOnlyList<torch.Tensor>? initial = call.States.Count > 0 ? call.States : null;
        FrontPacking? packing = FrontPacking.For(call.Mask, layer.GoBackwards, Device);
        torch.Tensor? sequence;
        torch.Tensor[] states;
        if (packing is null) (sequence, states) = RunDense(x, initial, call.Training);
        else
        {
            using PackedSequence packed = packing.Pack(packing.Front(x));
            (PackedSequence output, states) = Run(packed, initial);
            using (output) sequence = layer.ReturnSequences ? packing.Place(output, carry: !layer.ZeroOutputForMask) : null;
            for (int k = 0; k < states.Length; k++) states[k] = packing.FinalState(states[k], initial?[k]);
        }
        torch.Tensor result = layer.ReturnSequences ? sequence! : packing?.LastOutput(states[0]) ?? states[0];
        return new TorchResult([result, .. states], layer.ReturnSequences ? call.Mask : null);
    }

    // libtorch 2.10's CPU kernel for a dense batch without gradients (oneDNN's) gives other numbers than the recurrence
    // (1e-2 apart after one step, tested against the formula); the kernel it runs with gradients on gives the formula's.
    // Inference therefore runs with gradients on and detaches what it returns.
    private (torch.Tensor Output, torch.Tensor[] States) RunDense(torch.Tensor x, IReadOnlyList<torch.Tensor>? initial, bool training)
    {
        if (training) return Run(x, initial);
        (torch.Tensor output, torch.Tensor[] states) = WithGradients(() => Run(x, initial));
        return (output.detach(), [.. states.Select(s => s.detach())]);
    }

    private static T WithGradients<T>(Func<T> run)
    {
        using IDisposable gradients = torch.enable_grad(true);
        return run();
    }

    /// <summary>The module over a dense batch: the output sequence (batch, steps, units) and the final states, each (batch, units).</summary>
    protected abstract (torch.Tensor Output, torch.Tensor[] States) Run(torch.Tensor x, IReadOnlyList<torch.Tensor>? initial);

    /// <summary>The module over a packed batch: the packed output and the final states, each (batch, units).</summary>
    protected abstract (PackedSequence Output, torch.Tensor[] States) Run(PackedSequence x, IReadOnlyList<torch.Tensor>? initial);

    /// <summary>A managed state (batch, units) as a module's (layers = 1, batch, units).</summary>
    protected static torch.Tensor ModuleState(torch.Tensor state) => state.unsqueeze(0);

    /// <summary>A module's final state (layers = 1, batch, units) as a managed one.</summary>
    protected static torch.Tensor LayerState(torch.Tensor state) => state.squeeze(0);

    /// <summary>Keras's gate order for each libtorch gate, when the orders agree (LSTM's i, f, c/g, o; SimpleRNN's one).</summary>
    protected static int[] SameOrder(int gates) => [.. Enumerable.Range(0, gates)];

    /// <summary>A module parameter by name (<c>weight_ih_l0</c>, …).</summary>
    protected static TorchParameter ModuleParameter(torch.nn.Module module, string name) =>
        module.get_parameter(name) ?? throw new InvalidOperationException($"The libtorch module has no parameter '{name}'.");

    /// <summary>Sets a parameter Keras does not have (the second bias of LSTM and SimpleRNN) to zero, untrained.</summary>
    protected static void Zero(TorchParameter parameter)
    {
        using (torch.no_grad()) parameter.zero_();
        parameter.requires_grad = false;
    }
}
