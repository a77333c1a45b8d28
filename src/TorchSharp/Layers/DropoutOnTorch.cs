using NotebookRnn.Layers;
using NotebookRnn.TorchSharp.Tensors;
using TorchSharp;

namespace NotebookRnn.TorchSharp.Layers;

/// <summary>
/// <see cref="Dropout"/> on libtorch: in training <c>y = x ⊙ s</c>, <c>s = 0</c> with probability rate, else
/// <c>1 / (1 − rate)</c>; at inference <c>y = x</c>. The factors s are drawn from the managed layer's own stream
/// (<see cref="Dropout.DrawScales"/>), so a training step drops the same values on both backends. The mask passes on.
/// </summary>
internal sealed class DropoutOnTorch(Dropout dropout, torch.Device device) : TorchLayer(dropout, device)
{
    private float[] _scales = [];

    // x: (batch, …) → y = x ⊙ s, s: (batch, …)
    public override TorchResult Forward(TorchCall call)
    {
        if (!call.Training || dropout.Rate == 0) return new TorchResult(call.X, call.Mask);
        int count = checked((int)call.X.numel());
        if (_scales.Length != count) _scales = new float[count];
        dropout.DrawScales(_scales);
        torch.Tensor scales = TorchTransfer.ToTorch(_scales, call.X.shape, Device);
        return new TorchResult(call.X * scales, call.Mask);
    }
}
