using NotebookRnn.Layers;
using TorchSharp;

namespace NotebookRnn.TorchSharp.Layers;

/// <summary><see cref="Dense"/> on libtorch: <c>y = activation(x · kernel + bias)</c> over the last axis.</summary>
internal sealed class DenseOnTorch(Dense dense, torch.Device device) : TorchLayer(dense, device)
{
    // x: (batch, …, inputDim) → y: (batch, …, units); kernel: (inputDim, units), bias: (units)
    public override TorchResult Forward(TorchCall call)
    {
        torch.Tensor z = call.X.matmul(Weight(0));
        if (dense.UseBias) z = z + Weight(1);
        return new TorchResult(TorchActivations.Apply(dense.Activation, z), call.Mask);
    }
}
