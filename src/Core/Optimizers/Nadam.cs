using System.Runtime.CompilerServices;

namespace NotebookRnn.Optimizers;

/// <summary>
/// Nadam (Keras 3 rule), Adam with Nesterov momentum and Dozat's momentum schedule
/// <c>μₜ = β₁(1 − ½·0.96ᵗ)</c>, <c>Πₜ = μ₁⋯μₜ</c>: <c>m ← m + (g − m)(1 − β₁)</c>, <c>v ← v + (g² − v)(1 − β₂)</c>,
/// <c>m̂ = μₜ₊₁·m / (1 − Πₜμₜ₊₁) + (1 − μₜ)·g / (1 − Πₜ)</c>, <c>v̂ = v / (1 − β₂ᵗ)</c>, <c>w ← w − lr·m̂ / (√v̂ + ε)</c>.
/// </summary>
public sealed class Nadam : AdamFamilyOptimizer
{
    // Πₜ for the last step asked for. It is a function of the step alone, so a loaded optimizer (which has only its
    // iteration count) recomputes the same product by the same multiplications.
    private long _productStep;
    private double _momentumProduct = 1;

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
    public Nadam(double? learningRate = null, double beta1 = 0.9, double beta2 = 0.999, double epsilon = 1e-7, double? weightDecay = null,
        double? clipNorm = null, double? clipValue = null, double? globalClipNorm = null, double? lr = null)
        : base(learningRate, lr, beta1, beta2, epsilon, weightDecay, clipNorm, clipValue, globalClipNorm)
    {
    }

    /// <inheritdoc/>
    public override string Name => "nadam";

    /// <inheritdoc/>
    protected override int SlotCount => 2;

    // The per-batch loops here are AggressiveOptimization: fully optimised from their first call, not tier-0 code that a
    // busy notebook kernel would keep running for epochs (issue 13).
    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    protected override void UpdateStep(Span<float> weight, ReadOnlySpan<float> gradient, float[][] slots, long step)
    {
        double momentum = MomentumAt(step), nextMomentum = MomentumAt(step + 1), product = MomentumProduct(step);
        float momentumScale = (float)(nextMomentum / (1 - product * nextMomentum));
        float gradientScale = (float)((1 - momentum) / (1 - product));
        float velocityScale = (float)(1 / (1 - Math.Pow(Beta2, step)));
        float lr = (float)LearningRate, oneMinusBeta1 = (float)(1 - Beta1), oneMinusBeta2 = (float)(1 - Beta2), eps = (float)Epsilon;
        float[] m = slots[0], v = slots[1];
        for (int i = 0; i < weight.Length; i++)
        {
            float g = gradient[i];
            m[i] += (g - m[i]) * oneMinusBeta1;
            v[i] += (g * g - v[i]) * oneMinusBeta2;
            float mHat = momentumScale * m[i] + gradientScale * g;
            weight[i] -= mHat * lr / (MathF.Sqrt(v[i] * velocityScale) + eps);
        }
    }

    private double MomentumAt(long step) => Beta1 * (1 - 0.5 * Math.Pow(0.96, step));

    // Πₜ, advanced from the last step asked for (the usual case: one multiplication per batch), or from 1 when asked for
    // an earlier step.
    private double MomentumProduct(long step)
    {
        if (step < _productStep) (_productStep, _momentumProduct) = (0, 1);
        while (_productStep < step) _momentumProduct *= MomentumAt(++_productStep);
        return _momentumProduct;
    }
}
