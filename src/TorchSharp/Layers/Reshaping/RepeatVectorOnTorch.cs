using NotebookRnn.Layers.Reshaping;
using TorchSharp;

namespace NotebookRnn.TorchSharp.Layers.Reshaping;

/// <summary><see cref="RepeatVector"/> on libtorch: <c>y[b, i, :] = x[b, :]</c> for i &lt; n; the gradient sums over i.</summary>
internal sealed class RepeatVectorOnTorch(RepeatVector repeat, torch.Device device) : TorchLayer(repeat, device)
{
    // x: (batch, features) → y: (batch, n, features)
    public override TorchResult Forward(TorchCall call) =>
        new(call.X.unsqueeze(1).expand(call.X.shape[0], repeat.N, call.X.shape[1]), null);
}
