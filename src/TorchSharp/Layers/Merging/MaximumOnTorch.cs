using NotebookRnn.Layers.Merging;
using TorchSharp;

namespace NotebookRnn.TorchSharp.Layers.Merging;

/// <summary><see cref="Maximum"/> on libtorch: <c>y = max(x₁, …, xₙ)</c> with the managed layer's ties and masks (<see cref="MaskedSelectionOnTorch"/>).</summary>
internal sealed class MaximumOnTorch(Maximum maximum, torch.Device device) : MergeOnTorch(maximum, device)
{
    protected override torch.Tensor Combine(IReadOnlyList<torch.Tensor> operands, IReadOnlyList<torch.Tensor?> real, torch.Tensor? outputReal) =>
        MaskedSelectionOnTorch.Select(operands, real, maximum: true);
}
