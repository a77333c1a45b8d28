using NotebookRnn.Layers;
using TorchSharp;

namespace NotebookRnn.TorchSharp.Layers;

/// <summary><see cref="Flatten"/> on libtorch: the same values, every axis after the batch axis joined into one.</summary>
internal sealed class FlattenOnTorch(Flatten flatten, torch.Device device) : TorchLayer(flatten, device)
{
    // x: (batch, d₁, d₂, …) → y: (batch, d₁·d₂·…)
    public override TorchResult Forward(TorchCall call) => new(call.X.reshape(call.X.shape[0], -1), null);
}
