using NotebookRnn.Layers;
using NotebookRnn.Layers.Recurrent;
using TorchSharp;
using static TorchSharp.torch.nn.utils.rnn;

namespace NotebookRnn.TorchSharp.Layers.Recurrent;

/// <summary>
/// <see cref="GRU"/> with <c>resetAfter</c> (Keras 3's default) on libtorch's <c>nn.GRU</c>, which computes the same
/// recurrence: Keras's gates z, r, h are libtorch's r, z, n in another order, so libtorch's gate k is Keras's gate
/// (1, 0, 2)[k] of the transposed kernels; the bias (2, 3·units) is the input bias (<c>bias_ih</c>) and the recurrent
/// bias (<c>bias_hh</c>). State: h.
/// </summary>
internal sealed class GruModule : RecurrentModule
{
    private static readonly int[] Order = [1, 0, 2];
    private readonly global::TorchSharp.Modules.GRU _module;

    public GruModule(GRU gru, torch.Device device) : base(gru)
    {
        int features = gru.Kernel.Value.Dim(0), units = gru.Units;
        _module = torch.nn.GRU(features, units, numLayers: 1, bias: gru.UseBias, batchFirst: true, device: device);
        var kernel = new ModuleWeight(gru.Kernel, ModuleParameter(_module, "weight_ih_l0"), features, units, Order);
        var recurrent = new ModuleWeight(gru.RecurrentKernel, ModuleParameter(_module, "weight_hh_l0"), units, units, Order);
        if (gru.Bias is null)
        {
            MapWeights(kernel, recurrent);
            return;
        }
        MapWeights(kernel, recurrent,
            new ModuleWeight(gru.Bias, ModuleParameter(_module, "bias_ih_l0"), 1, units, Order),
            new ModuleWeight(gru.Bias, ModuleParameter(_module, "bias_hh_l0"), 1, units, Order, offset: 3 * units));
    }

    /// <summary>Whether <c>nn.GRU</c> computes <paramref name="gru"/>: reset after, Keras's activations (tanh, sigmoid).</summary>
    public static bool Fits(GRU gru) =>
        gru.ResetAfter && gru.Activation.Kind == ActivationKind.Tanh && gru.RecurrentActivation.Kind == ActivationKind.Sigmoid;

    protected override (torch.Tensor Output, torch.Tensor[] States) Run(torch.Tensor x, IReadOnlyList<torch.Tensor>? initial)
    {
        (torch.Tensor output, torch.Tensor h) = _module.call(x, initial is null ? null : ModuleState(initial[0]));
        return (output, [LayerState(h)]);
    }

    protected override (PackedSequence Output, torch.Tensor[] States) Run(PackedSequence x, IReadOnlyList<torch.Tensor>? initial)
    {
        (PackedSequence output, torch.Tensor h) = _module.call(x, initial is null ? null : ModuleState(initial[0]));
        return (output, [LayerState(h)]);
    }

    public override void Dispose() => _module.Dispose();
}
