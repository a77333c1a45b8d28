using System.Runtime.CompilerServices;
using NotebookRnn.Kernels;

namespace NotebookRnn.Losses;

/// <summary>Shared row formulas of the categorical cross-entropies (dense targets, or one sparse label ≥ 0).</summary>
internal static class CrossEntropy
{
    // The per-batch loops here are AggressiveOptimization: fully optimised from their first call, not tier-0 code that a
    // busy notebook kernel would keep running for epochs (issue 13).
    // ℓ = −Σ tᵢ log clip(pᵢ/S); dℓ/dpⱼ = −tⱼ[uⱼ]/pⱼ + (Σᵢ tᵢ[uᵢ])/S, uᵢ = "pᵢ/S not clipped".
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static double FromProbabilities(ReadOnlySpan<float> p, ReadOnlySpan<float> t, int sparseLabel, Span<float> gradient)
    {
        double sum = 0;
        foreach (float v in p) sum += v;
        if (!(sum > 0)) sum = CategoricalCrossentropy.Epsilon;
        double loss = 0, unclippedTargetMass = 0;
        for (int j = 0; j < p.Length; j++)
        {
            double target = sparseLabel >= 0 ? (j == sparseLabel ? 1 : 0) : t[j];
            double normalised = p[j] / sum;
            bool clipped = normalised < CategoricalCrossentropy.Epsilon || normalised > 1 - CategoricalCrossentropy.Epsilon;
            normalised = Math.Clamp(normalised, CategoricalCrossentropy.Epsilon, 1 - CategoricalCrossentropy.Epsilon);
            if (target != 0) loss -= target * Math.Log(normalised);
            if (!gradient.IsEmpty) gradient[j] = clipped || target == 0 ? 0 : (float)(-target / p[j]);
            if (!clipped) unclippedTargetMass += target;
        }
        if (!gradient.IsEmpty)
            for (int j = 0; j < p.Length; j++) gradient[j] += (float)(unclippedTargetMass / sum);
        return loss;
    }

    // ℓ = −Σ tᵢ zᵢ + (Σ t) logsumexp(z); dℓ/dz = (Σ t) softmax(z) − t.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static double FromLogits(ReadOnlySpan<float> z, ReadOnlySpan<float> t, int sparseLabel, Span<float> gradient)
    {
        float max = ElementwiseKernels.Max(z);
        double expSum = 0;
        foreach (float v in z) expSum += Math.Exp(v - max);
        double logSumExp = max + Math.Log(expSum);
        double targetMass = sparseLabel >= 0 ? 1 : 0, weighted = sparseLabel >= 0 ? z[sparseLabel] : 0;
        if (sparseLabel < 0)
            for (int j = 0; j < z.Length; j++)
            {
                targetMass += t[j];
                weighted += t[j] * z[j];
            }
        if (!gradient.IsEmpty)
            for (int j = 0; j < z.Length; j++)
            {
                double target = sparseLabel >= 0 ? (j == sparseLabel ? 1 : 0) : t[j];
                gradient[j] = (float)(targetMass * Math.Exp(z[j] - logSumExp) - target);
            }
        return targetMass * logSumExp - weighted;
    }
}
