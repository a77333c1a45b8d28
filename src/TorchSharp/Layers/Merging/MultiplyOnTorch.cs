using NotebookRnn.Layers.Merging;
using TorchSharp;

namespace NotebookRnn.TorchSharp.Layers.Merging;

/// <summary>
/// <see cref="Multiply"/> on libtorch: <c>y = f₁ ⊙ … ⊙ fₙ</c> with <c>f_k = x_k</c> at input k's real steps and 1 at its
/// masked ones; when every input has a mask, steps outside their union are 0. libtorch's gradient of these is the
/// managed layer's.
/// </summary>
internal sealed class MultiplyOnTorch(Multiply multiply, torch.Device device) : MergeOnTorch(multiply, device)
{
    protected override torch.Tensor Combine(IReadOnlyList<torch.Tensor> operands, IReadOnlyList<torch.Tensor?> real, torch.Tensor? outputReal)
    {
        torch.Tensor product = Factor(operands[0], real[0]);
        for (int k = 1; k < operands.Count; k++) product = product * Factor(operands[k], real[k]);
        return outputReal is null ? product : product.masked_fill(outputReal.logical_not(), 0f);
    }

    private static torch.Tensor Factor(torch.Tensor x, torch.Tensor? real) => real is null ? x : x.masked_fill(real.logical_not(), 1f);
}
