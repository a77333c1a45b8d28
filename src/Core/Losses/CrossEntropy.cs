using System.Runtime.CompilerServices;
using NotebookRnn.Kernels;

namespace NotebookRnn.Losses;

/// <summary>
/// Shared row formulas of the categorical cross-entropies (dense targets, or one sparse label ≥ 0). With label smoothing s
/// a dense target tⱼ becomes <c>tⱼ·(1 − s) + s / C</c>, as in Keras.
/// </summary>
internal static class CrossEntropy
{
    // The per-batch loops here are AggressiveOptimization: fully optimised from their first call, not tier-0 code that a
    // busy notebook kernel would keep running for epochs (issue 13).
    // ℓ = −Σ tᵢ log clip(pᵢ/S); dℓ/dpⱼ = −tⱼ[uⱼ]/pⱼ + (Σᵢ tᵢ[uᵢ])/S, uᵢ = "pᵢ/S not clipped".
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static double FromProbabilities(ReadOnlySpan<float> p, ReadOnlySpan<float> t, int sparseLabel, Span<float> gradient, double smoothing = 0)
    {
        double sum = 0;
        foreach (float v in p) sum += v;
        if (!(sum > 0)) sum = CategoricalCrossentropy.Epsilon;
        double loss = 0, unclippedTargetMass = 0;
        for (int j = 0; j < p.Length; j++)
        {
            double target = Target(t, sparseLabel, j, smoothing, p.Length);
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
    public static double FromLogits(ReadOnlySpan<float> z, ReadOnlySpan<float> t, int sparseLabel, Span<float> gradient, double smoothing = 0)
    {
        float max = ElementwiseKernels.Max(z);
        double expSum = 0;
        foreach (float v in z) expSum += Math.Exp(v - max);
        double logSumExp = max + Math.Log(expSum);
        double targetMass = 0, weighted = 0;
        for (int j = 0; j < z.Length; j++)
        {
            double target = Target(t, sparseLabel, j, smoothing, z.Length);
            targetMass += target;
            weighted += target * z[j];
        }
        if (!gradient.IsEmpty)
            for (int j = 0; j < z.Length; j++)
                gradient[j] = (float)(targetMass * Math.Exp(z[j] - logSumExp) - Target(t, sparseLabel, j, smoothing, z.Length));
        return targetMass * logSumExp - weighted;
    }

    private static double Target(ReadOnlySpan<float> t, int sparseLabel, int j, double smoothing, int classes)
    {
        double target = sparseLabel >= 0 ? (j == sparseLabel ? 1 : 0) : t[j];
        return smoothing == 0 ? target : target * (1 - smoothing) + smoothing / classes;
    }
}
