using NotebookRnn.Layers;
using NotebookRnn.TorchSharp.Tensors;
using TorchSharp;

namespace NotebookRnn.TorchSharp.Layers;

/// <summary>A <see cref="SequenceMask"/> as a libtorch tensor, for the layers that compute with one.</summary>
internal static class TorchMasks
{
    /// <summary>
    /// <c>real[b, t, 1, …] = mask.IsValid(b, t)</c>: a bool tensor (batch, steps) followed by size-1 axes up to
    /// <paramref name="rank"/>, so that it broadcasts over the features of a (batch, steps, …) tensor of that rank.
    /// </summary>
    public static torch.Tensor Real(SequenceMask mask, int rank, torch.Device device)
    {
        long[] shape = [mask.Batch, mask.Steps, .. Enumerable.Repeat(1L, Math.Max(0, rank - 2))];
        return torch.tensor(mask.Flags.ToArray(), shape, torch.@bool, device);
    }

    /// <summary>
    /// <c>weights[b, t, 1, …] = 1</c> at a real step and 0 at padding: a float tensor (batch, steps) followed by size-1
    /// axes up to <paramref name="rank"/>, the factor that zeroes padded steps as the managed layers do.
    /// </summary>
    public static torch.Tensor StepWeights(SequenceMask mask, int rank, torch.Device device)
    {
        var weights = new float[mask.Batch * mask.Steps];
        mask.WriteStepWeights(weights);
        return TorchTransfer.ToTorch(weights, [mask.Batch, mask.Steps, .. Enumerable.Repeat(1L, Math.Max(0, rank - 2))], device);
    }
}
