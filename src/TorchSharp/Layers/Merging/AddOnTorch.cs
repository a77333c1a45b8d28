using NotebookRnn.Layers.Merging;
using TorchSharp;

namespace NotebookRnn.TorchSharp.Layers.Merging;

/// <summary><see cref="Add"/> on libtorch: <c>y = x₁ + x₂ + … + xₙ</c>, masked steps added like the others.</summary>
internal sealed class AddOnTorch(Add add, torch.Device device) : MergeOnTorch(add, device)
{
    protected override torch.Tensor Combine(IReadOnlyList<torch.Tensor> operands, IReadOnlyList<torch.Tensor?> real, torch.Tensor? outputReal) =>
        operands.Skip(1).Aggregate(operands[0], (sum, x) => sum + x);
}
