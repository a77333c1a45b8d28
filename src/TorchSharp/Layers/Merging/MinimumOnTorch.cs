using NotebookRnn.Layers.Merging;
using TorchSharp;

namespace NotebookRnn.TorchSharp.Layers.Merging;

/// <summary><see cref="Minimum"/> on libtorch: <c>y = min(x₁, …, xₙ)</c> with the managed layer's ties and masks (<see cref="MaskedSelectionOnTorch"/>).</summary>
internal sealed class MinimumOnTorch(Minimum minimum, torch.Device device) : MergeOnTorch(minimum, device)
{
    protected override torch.Tensor Combine(IReadOnlyList<torch.Tensor> operands, IReadOnlyList<torch.Tensor?> real, torch.Tensor? outputReal) =>
        MaskedSelectionOnTorch.Select(operands, real, maximum: false);
}
