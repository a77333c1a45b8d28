using NotebookRnn.Layers;
using TorchSharp;

namespace NotebookRnn.TorchSharp.Layers;

/// <summary><see cref="Activation"/> on libtorch: <c>y = f(x)</c>, softmax over the last axis; the mask passes on.</summary>
internal sealed class ActivationOnTorch(Activation activation, torch.Device device) : TorchLayer(activation, device)
{
    // x: (batch, …) → y: (batch, …)
    public override TorchResult Forward(TorchCall call) => new(TorchActivations.Apply(activation.Function, call.X), call.Mask);
}
