using NotebookRnn.Layers;
using TorchSharp;

namespace NotebookRnn.TorchSharp.Layers;

/// <summary>
/// <see cref="Masking"/> on libtorch: <c>y[b, t, :] = m[b, t] · x[b, t, :]</c>. The mask m is the managed layer's
/// (<see cref="Masking.ComputeOutputMask"/>), made from the input's host values: a step is real when some feature differs
/// from the mask value and no earlier layer masked it.
/// </summary>
internal sealed class MaskingOnTorch(Masking masking, torch.Device device) : TorchLayer(masking, device)
{
    // x: (batch, steps, features) → y = m ⊙ x, m: (batch, steps, 1)
    public override TorchResult Forward(TorchCall call)
    {
        SequenceMask mask = masking.ComputeOutputMask(call.HostInput(0), call.Mask)!;
        return new TorchResult(call.X * TorchMasks.StepWeights(mask, 3, Device), mask);
    }
}
