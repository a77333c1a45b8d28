using NotebookRnn.Layers;
using NotebookRnn.Layers.Merging;
using TorchSharp;

namespace NotebookRnn.TorchSharp.Layers.Merging;

/// <summary>
/// <see cref="Concatenate"/> on libtorch: the inputs joined along the layer's axis; the output's mask is the managed
/// one (<see cref="Concatenate.OutputMask"/>: joined along time, else the union).
/// </summary>
internal sealed class ConcatenateOnTorch(Concatenate concatenate, torch.Device device) : TorchLayer(concatenate, device)
{
    // x_k: (batch, …, n_k, …) → y: (batch, …, Σ n_k, …)
    public override TorchResult Forward(TorchCall call)
    {
        int rank = (int)call.X.ndim;
        long axis = concatenate.Axis < 0 ? concatenate.Axis + rank : concatenate.Axis;
        SequenceMask? mask = concatenate.OutputMask([.. call.Inputs.Select(x => x.shape.Select(d => checked((int)d)).ToArray())], call.Masks);
        return new TorchResult(torch.cat([.. call.Inputs], axis), mask);
    }
}
