using NotebookRnn.Layers;
using NotebookRnn.Layers.Recurrent;
using TorchSharp;
using static TorchSharp.torch.nn.utils.rnn;

namespace NotebookRnn.TorchSharp.Layers.Recurrent;

/// <summary>
/// <see cref="SimpleRNN"/> with tanh or relu on libtorch's <c>nn.RNN</c>: <c>weight_ih = kernelᵀ</c>,
/// <c>weight_hh = recurrent_kernelᵀ</c>, <c>bias_ih = bias</c> and <c>bias_hh = 0</c> (Keras has one bias), not trained.
/// State: h.
/// </summary>
internal sealed class SimpleRnnModule : RecurrentModule
{
    private readonly global::TorchSharp.Modules.RNN _module;

    public SimpleRnnModule(SimpleRNN rnn, torch.Device device) : base(rnn)
    {
        int features = rnn.Kernel.Value.Dim(0), units = rnn.Units;
        var nonLinearity = rnn.Activation.Kind == ActivationKind.Relu ? torch.nn.NonLinearities.ReLU : torch.nn.NonLinearities.Tanh;
        _module = torch.nn.RNN(features, units, numLayers: 1, nonLinearity: nonLinearity, bias: rnn.UseBias, batchFirst: true, device: device);
        int[] order = SameOrder(1);
        var kernel = new ModuleWeight(rnn.Kernel, ModuleParameter(_module, "weight_ih_l0"), features, units, order);
        var recurrent = new ModuleWeight(rnn.RecurrentKernel, ModuleParameter(_module, "weight_hh_l0"), units, units, order);
        if (rnn.Bias is null)
        {
            MapWeights(kernel, recurrent);
            return;
        }
        Zero(ModuleParameter(_module, "bias_hh_l0"));
        MapWeights(kernel, recurrent, new ModuleWeight(rnn.Bias, ModuleParameter(_module, "bias_ih_l0"), 1, units, order));
    }

    /// <summary>Whether <c>nn.RNN</c> computes <paramref name="rnn"/>: tanh or relu.</summary>
    public static bool Fits(SimpleRNN rnn) => rnn.Activation.Kind is ActivationKind.Tanh or ActivationKind.Relu;

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
