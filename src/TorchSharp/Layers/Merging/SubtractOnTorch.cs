using NotebookRnn.Layers.Merging;
using TorchSharp;

namespace NotebookRnn.TorchSharp.Layers.Merging;

/// <summary><see cref="Subtract"/> on libtorch: <c>y = x₁ − x₂</c>, masked steps subtracted like the others.</summary>
internal sealed class SubtractOnTorch(Subtract subtract, torch.Device device) : MergeOnTorch(subtract, device)
{
    protected override torch.Tensor Combine(IReadOnlyList<torch.Tensor> operands, IReadOnlyList<torch.Tensor?> real, torch.Tensor? outputReal) =>
        operands[0] - operands[1];
}
