using NotebookRnn.Kernels;
using NotebookRnn.Layers;

namespace NotebookRnn.Devices;

/// <summary>Combines the gradients of the devices' shares of a batch into the primary's, in a fixed order.</summary>
internal static class GradientReduction
{
    /// <summary>
    /// g = Σ_d g_d over the devices that had samples, in device order, into the primary's (device 0's) gradients. Each
    /// device back-propagated its share's loss scaled by its share of the batch's loss weight, so the sum is the gradient
    /// of the whole batch's loss up to float rounding, whatever the split. <c>ShardExchange</c> makes the same additions
    /// across processes.
    /// </summary>
    /// <param name="parameters">Each device's parameters, in the same order; device 0's gradients receive the result.</param>
    /// <param name="hasSamples">Per device, whether it had samples (one without has stale gradients).</param>
    public static void Reduce(Parameter[][] parameters, ReadOnlySpan<bool> hasSamples)
    {
        Parameter[] primary = parameters[0];
        for (int p = 0; p < primary.Length; p++)
        {
            Span<float> target = primary[p].Gradient.Span;
            if (!hasSamples[0]) target.Clear();
            for (int d = 1; d < parameters.Length; d++)
                if (hasSamples[d]) ElementwiseKernels.MultiplyAdd(parameters[d][p].Gradient.Span, 1f, target, target);
        }
    }
}
