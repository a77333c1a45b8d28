using NotebookRnn.Layers;
using NotebookRnn.Layers.Recurrent;
using TorchSharp;
using static TorchSharp.torch.nn.utils.rnn;

namespace NotebookRnn.TorchSharp.Layers.Recurrent;

/// <summary>
/// <see cref="LSTM"/> on libtorch's <c>nn.LSTM</c>: the gate orders agree (Keras i, f, c, o; libtorch i, f, g, o), so
/// <c>weight_ih = kernelᵀ</c>, <c>weight_hh = recurrent_kernelᵀ</c>, <c>bias_ih = bias</c> and <c>bias_hh = 0</c>
/// (Keras has one bias), not trained. States: h, c.
/// </summary>
internal sealed class LstmModule : RecurrentModule
{
    private readonly global::TorchSharp.Modules.LSTM _module;

    public LstmModule(LSTM lstm, torch.Device device) : base(lstm)
    {
        int features = lstm.Kernel.Value.Dim(0), units = lstm.Units;
        _module = torch.nn.LSTM(features, units, numLayers: 1, bias: lstm.UseBias, batchFirst: true, device: device);
        int[] order = SameOrder(4);
        var kernel = new ModuleWeight(lstm.Kernel, ModuleParameter(_module, "weight_ih_l0"), features, units, order);
        var recurrent = new ModuleWeight(lstm.RecurrentKernel, ModuleParameter(_module, "weight_hh_l0"), units, units, order);
        if (lstm.Bias is null)
        {
            MapWeights(kernel, recurrent);
            return;
        }
        Zero(ModuleParameter(_module, "bias_hh_l0"));
        MapWeights(kernel, recurrent, new ModuleWeight(lstm.Bias, ModuleParameter(_module, "bias_ih_l0"), 1, units, order));
    }

    /// <summary>Whether <c>nn.LSTM</c> computes <paramref name="lstm"/>: Keras's activations (tanh, sigmoid).</summary>
    public static bool Fits(LSTM lstm) =>
        lstm.Activation.Kind == ActivationKind.Tanh && lstm.RecurrentActivation.Kind == ActivationKind.Sigmoid;

    protected override (torch.Tensor Output, torch.Tensor[] States) Run(torch.Tensor x, IReadOnlyList<torch.Tensor>? initial)
    {
        (torch.Tensor output, torch.Tensor h, torch.Tensor c) = _module.call(x, Initial(initial));
        return (output, [LayerState(h), LayerState(c)]);
    }

    protected override (PackedSequence Output, torch.Tensor[] States) Run(PackedSequence x, IReadOnlyList<torch.Tensor>? initial)
    {
        (PackedSequence output, torch.Tensor h, torch.Tensor c) = _module.call(x, Initial(initial));
        return (output, [LayerState(h), LayerState(c)]);
    }

    private static (torch.Tensor, torch.Tensor)? Initial(IReadOnlyList<torch.Tensor>? initial) =>
        initial is null ? null : (ModuleState(initial[0]), ModuleState(initial[1]));

    public override void Dispose() => _module.Dispose();
}
