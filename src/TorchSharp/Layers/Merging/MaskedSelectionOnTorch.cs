using NotebookRnn.Layers.Merging;
using TorchSharp;

namespace NotebookRnn.TorchSharp.Layers.Merging;

/// <summary>
/// The managed <see cref="MaskedSelection"/> (Keras 3's masked maximum and minimum) in libtorch operations: the inputs
/// folded left to right, an input's value taken where it is real at that step and either strictly beyond the running
/// value or the first real one there. Each value is one input's, so libtorch's gradient goes to it alone, ties to the
/// earlier input (where <c>torch.maximum</c> would split it).
/// </summary>
internal static class MaskedSelectionOnTorch
{
    /// <summary>The selected values of <paramref name="operands"/> (each of the output's shape) under <paramref name="real"/> ((batch, steps, 1, …) bools, or null).</summary>
    public static torch.Tensor Select(IReadOnlyList<torch.Tensor> operands, IReadOnlyList<torch.Tensor?> real, bool maximum)
    {
        torch.Tensor selected = operands[0];
        // Where some input so far was real; null: everywhere.
        torch.Tensor? seen = real[0];
        for (int k = 1; k < operands.Count; k++)
        {
            torch.Tensor x = operands[k];
            torch.Tensor take = maximum ? x.gt(selected) : x.lt(selected);
            if (seen is not null) take = take.logical_or(seen.logical_not());
            if (real[k] is { } own) take = take.logical_and(own);
            selected = torch.where(take, x, selected);
            seen = seen is null || real[k] is null ? null : seen.logical_or(real[k]!);
        }
        return selected;
    }
}
