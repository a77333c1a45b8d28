using NotebookRnn.Layers.Reshaping;
using TorchSharp;

namespace NotebookRnn.TorchSharp.Layers.Reshaping;

/// <summary><see cref="Permute"/> on libtorch: the axes after the batch axis reordered by the layer's 1-based dims.</summary>
internal sealed class PermuteOnTorch(Permute permute, torch.Device device) : TorchLayer(permute, device)
{
    private readonly long[] _axes = [0, .. permute.Dims.Select(d => (long)d)];

    // x: (batch, d₁, …, dₖ) → y: (batch, d_p₁, …, d_pₖ)
    public override TorchResult Forward(TorchCall call) => new(call.X.permute(_axes), null);
}
