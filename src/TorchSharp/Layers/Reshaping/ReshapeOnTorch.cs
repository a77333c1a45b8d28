using NotebookRnn.Layers.Reshaping;
using TorchSharp;

namespace NotebookRnn.TorchSharp.Layers.Reshaping;

/// <summary>
/// <see cref="Reshape"/> on libtorch: each sample's values in the same row-major order in the target shape, −1 inferred
/// and the size checked by the managed layer (<see cref="Reshape.TargetFor"/> on the batch's actual shape).
/// </summary>
internal sealed class ReshapeOnTorch(Reshape reshape, torch.Device device) : TorchLayer(reshape, device)
{
    // x: (batch, d₁, …, dₖ) → y: (batch, t₁, …, tₘ)
    public override TorchResult Forward(TorchCall call)
    {
        long[] shape = call.X.shape;
        int[] target = reshape.TargetFor([.. shape.Skip(1).Select(d => checked((int)d))]);
        return new TorchResult(call.X.reshape([shape[0], .. target.Select(d => (long)d)]), null);
    }
}
