using NotebookRnn.Kernels;
using NotebookRnn.Layers;

namespace NotebookRnn.Devices;

/// <summary>Combines the gradients of the devices' shares of a batch into the primary's, in a fixed order.</summary>
internal static class GradientReduction
{
    /// <summary>
    /// g = Σ_d (W_d / W) · g_d in device order, into the primary's (device 0's) gradients: each device's gradient is
    /// of its share's mean loss and counts with its share of the loss weight, so the result equals the gradient of the
    /// whole batch's mean loss up to float rounding, whatever the split.
    /// </summary>
    /// <param name="parameters">Each device's parameters, in the same order; device 0's gradients receive the result.</param>
    /// <param name="weights">Each device's loss weight W_d; <c>null</c> for a device without a share, whose gradients are stale.</param>
    /// <param name="totalWeight">W = Σ_d W_d.</param>
    public static void Reduce(Parameter[][] parameters, double?[] weights, double totalWeight)
    {
        Parameter[] primary = parameters[0];
        for (int p = 0; p < primary.Length; p++)
        {
            Span<float> target = primary[p].Gradient.Span;
            float scale = weights[0] is double own && totalWeight != 0 ? (float)(own / totalWeight) : 0;
            ElementwiseKernels.Multiply(target, scale, target);
            for (int d = 1; d < parameters.Length; d++)
                if (weights[d] is double weight)
                    ElementwiseKernels.MultiplyAdd(parameters[d][p].Gradient.Span, (float)(weight / totalWeight), target, target);
        }
    }
}
