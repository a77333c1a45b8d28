using System.Runtime.CompilerServices;

namespace NotebookRnn.Optimizers;

/// <summary>
/// Adamax (Keras 3 rule), Adam with the infinity norm: <c>m ← m + (g − m)(1 − β₁)</c>, <c>u ← max(β₂·u, |g|)</c>,
/// <c>w ← w − lr·m / ((1 − β₁ᵗ)(u + ε))</c>.
/// </summary>
public sealed class Adamax : AdamFamilyOptimizer
{
    /// <summary>Creates the optimizer.</summary>
    /// <param name="learningRate">Default 0.001.</param>
    /// <param name="beta1">β₁ in [0, 1); default 0.9.</param>
    /// <param name="beta2">β₂ in [0, 1); default 0.999.</param>
    /// <param name="epsilon">ε ≥ 0; default 1e-7.</param>
    /// <param name="weightDecay">Decoupled weight decay (see <see cref="Optimizer.WeightDecay"/>); default none.</param>
    /// <param name="clipNorm">Per-weight gradient norm limit (at most one of the three clip arguments).</param>
    /// <param name="clipValue">Elementwise gradient limit.</param>
    /// <param name="globalClipNorm">Joint gradient norm limit.</param>
    /// <param name="lr">Keras 2 alias of <paramref name="learningRate"/>.</param>
    /// <exception cref="ArgumentOutOfRangeException">A setting is out of range.</exception>
    /// <exception cref="ArgumentException">More than one clip argument is given.</exception>
    public Adamax(double? learningRate = null, double beta1 = 0.9, double beta2 = 0.999, double epsilon = 1e-7, double? weightDecay = null,
        double? clipNorm = null, double? clipValue = null, double? globalClipNorm = null, double? lr = null)
        : base(learningRate, lr, beta1, beta2, epsilon, weightDecay, clipNorm, clipValue, globalClipNorm)
    {
    }

    /// <inheritdoc/>
    public override string Name => "adamax";

    /// <inheritdoc/>
    protected override int SlotCount => 2;

    // The per-batch loops here are AggressiveOptimization: fully optimised from their first call, not tier-0 code that a
    // busy notebook kernel would keep running for epochs (issue 13).
    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    protected override void UpdateStep(Span<float> weight, ReadOnlySpan<float> gradient, float[][] slots, long step)
    {
        float lr = (float)LearningRate, beta2 = (float)Beta2, eps = (float)Epsilon;
        float oneMinusBeta1 = (float)(1 - Beta1), correction = (float)(1 - Math.Pow(Beta1, step));
        float[] m = slots[0], u = slots[1];
        for (int i = 0; i < weight.Length; i++)
        {
            float g = gradient[i];
            m[i] += (g - m[i]) * oneMinusBeta1;
            u[i] = MathF.Max(beta2 * u[i], MathF.Abs(g));
            weight[i] -= lr * m[i] / (correction * (u[i] + eps));
        }
    }
}
