using NotebookRnn.Layers;
using NotebookRnn.Layers.Merging;
using TorchSharp;

namespace NotebookRnn.TorchSharp.Layers.Merging;

/// <summary>
/// The elementwise merges (<see cref="Merge"/>) on libtorch: the inputs broadcast as in Keras (aligned on their last
/// axes, a lower-rank input gaining size-1 axes right after the batch axis) to the output's shape, then combined; the
/// output's mask is the managed one (the union of the inputs' masks when every input has one).
/// </summary>
internal abstract class MergeOnTorch(Merge merge, torch.Device device) : TorchLayer(merge, device)
{
    // x_k: (batch, …) each → operands: (batch, …) of the broadcast shape → y: (batch, …)
    public override TorchResult Forward(TorchCall call)
    {
        IReadOnlyList<torch.Tensor> inputs = call.Inputs;
        int?[] broadcast = Broadcasting.Shape([.. inputs.Select(x => x.shape.Skip(1).Select(d => (int?)checked((int)d)).ToArray())],
            $"{merge.GetType().Name} '{merge.Name}'");
        long[] shape = [inputs[0].shape[0], .. broadcast.Select(d => (long)d!.Value)];
        torch.Tensor[] operands = [.. inputs.Select(x => Aligned(x, shape.Length).expand(shape))];
        torch.Tensor?[] real = [.. Enumerable.Range(0, inputs.Count).Select(k => k < call.Masks.Count && call.Masks[k] is { } m
            ? TorchMasks.Real(m, shape.Length, Device) : null)];
        SequenceMask? mask = merge.OutputMask(inputs.Count, call.Masks);
        return new TorchResult(Combine(operands, real, mask is null ? null : TorchMasks.Real(mask, shape.Length, Device)), mask);
    }

    /// <summary>The merged values.</summary>
    /// <param name="operands">The inputs broadcast to the output's shape (batch, …).</param>
    /// <param name="real">Each input's mask as (batch, steps, 1, …) bools, or null.</param>
    /// <param name="outputReal">The output's mask as (batch, steps, 1, …) bools, or null.</param>
    protected abstract torch.Tensor Combine(IReadOnlyList<torch.Tensor> operands, IReadOnlyList<torch.Tensor?> real, torch.Tensor? outputReal);

    // (batch, d…) → (batch, 1, …, 1, d…) of the output's rank: Keras's alignment on the last axes.
    private static torch.Tensor Aligned(torch.Tensor x, int rank)
    {
        long[] shape = x.shape;
        return shape.Length == rank ? x : x.reshape([shape[0], .. Enumerable.Repeat(1L, rank - shape.Length), .. shape[1..]]);
    }
}
