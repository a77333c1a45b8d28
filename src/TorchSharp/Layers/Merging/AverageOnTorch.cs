using NotebookRnn.Layers.Merging;
using TorchSharp;

namespace NotebookRnn.TorchSharp.Layers.Merging;

/// <summary><see cref="Average"/> on libtorch: <c>y = (x₁ + … + xₙ) · (1/n)</c>, masked steps averaged like the others.</summary>
internal sealed class AverageOnTorch(Average average, torch.Device device) : MergeOnTorch(average, device)
{
    protected override torch.Tensor Combine(IReadOnlyList<torch.Tensor> operands, IReadOnlyList<torch.Tensor?> real, torch.Tensor? outputReal) =>
        operands.Skip(1).Aggregate(operands[0], (sum, x) => sum + x) * (1f / operands.Count);
}
