using NotebookRnn.Layers;
using NotebookRnn.Layers.Recurrent;
using TorchSharp;
using TorchParameter = TorchSharp.Modules.Parameter;
using static TorchSharp.torch.nn.utils.rnn;

namespace NotebookRnn.TorchSharp.Layers.Recurrent;

/// <summary>
/// A recurrent layer's fast path on one of libtorch's recurrent modules (<c>nn.LSTM</c>, <c>nn.GRU</c>, <c>nn.RNN</c>,
/// batch first), whose weights are the layer's mapped to the module's layout before each forward pass and whose
/// gradients are mapped back after each backward pass. Around the module, the managed loop's semantics: goBackwards
/// reverses the steps (the output sequence stays in processing order), and a padding mask packs the real steps
/// (<see cref="FrontPacking"/>).
/// </summary>
internal abstract class RecurrentModule : IDisposable
{
    private ModuleWeight[] _weights = [];

    protected RecurrentModule(RecurrentLayer layer) => Layer = layer;

    /// <summary>The layer computed.</summary>
    protected RecurrentLayer Layer { get; }

    /// <summary>The layer's weights as the module's parameters (set once by the subclass's constructor).</summary>
    protected void MapWeights(params ModuleWeight[] weights) => _weights = weights;

    /// <summary>The module for <paramref name="layer"/>, or null when no libtorch module computes what it does (then the step loop runs it).</summary>
    public static RecurrentModule? For(RecurrentLayer layer, torch.Device device) => layer switch
    {
        LSTM lstm when LstmModule.Fits(lstm) => new LstmModule(lstm, device),
        GRU gru when GruModule.Fits(gru) => new GruModule(gru, device),
        SimpleRNN rnn when SimpleRnnModule.Fits(rnn) => new SimpleRnnModule(rnn, device),
        _ => null,
    };

    /// <summary>Copies the layer's weights into the module (before the forward pass that uses it).</summary>
    public void Upload()
    {
        foreach (ModuleWeight weight in _weights) weight.Upload();
    }

    /// <summary>Adds the module's gradients into the layer's (after each backward pass).</summary>
    public void AddGradients()
    {
        foreach (ModuleWeight weight in _weights) weight.AddGradient();
    }

    // x: (batch, steps, features) in input order → y: (batch, steps, units) or (batch, units), and the final states, each (batch, units)
    /// <summary>Runs the layer on <paramref name="x"/> (dropout applied already) from <paramref name="initial"/> states (null: zeros).</summary>
    /// <exception cref="NotSupportedException">The mask has holes; the caller runs the step loop instead.</exception>
    public (torch.Tensor Output, torch.Tensor[] States) Forward(torch.Tensor x, SequenceMask? mask, IReadOnlyList<torch.Tensor>? initial, bool training)
    {
        RecurrentLayer layer = Layer;
        if (layer.GoBackwards) x = x.flip(1);
        FrontPacking? packing = FrontPacking.For(mask, layer.GoBackwards, x.device);
        torch.Tensor? sequence;
        torch.Tensor[] states;
        if (packing is null) (sequence, states) = RunDense(x, initial, training);
        else
        {
            using PackedSequence packed = packing.Pack(packing.Front(x));
            (PackedSequence output, states) = Run(packed, initial);
            using (output) sequence = layer.ReturnSequences ? packing.Place(output, carry: !layer.ZeroOutputForMask) : null;
            for (int k = 0; k < states.Length; k++) states[k] = packing.FinalState(states[k], initial?[k]);
        }
        return (layer.ReturnSequences ? sequence! : packing?.LastOutput(states[0]) ?? states[0], states);
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

    public abstract void Dispose();
}
