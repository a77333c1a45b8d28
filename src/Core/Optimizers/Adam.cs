using System.Runtime.CompilerServices;

namespace NotebookRnn.Optimizers;

/// <summary>
/// Adam (Keras 3 rule): <c>m ← m + (g − m)(1 − β₁)</c>, <c>v ← v + (g² − v)(1 − β₂)</c>,
/// <c>α = lr·√(1 − β₂ᵗ)/(1 − β₁ᵗ)</c>, <c>w ← w − α·m / (√v + ε)</c>. With <c>amsgrad</c> the denominator uses
/// <c>v̂ ← max(v̂, v)</c> instead of <c>v</c>.
/// </summary>
public class Adam : AdamFamilyOptimizer
{
    /// <summary>Creates the optimizer.</summary>
    /// <param name="learningRate">Default 0.001.</param>
    /// <param name="beta1">β₁ in [0, 1); default 0.9.</param>
    /// <param name="beta2">β₂ in [0, 1); default 0.999.</param>
    /// <param name="epsilon">ε; default 1e-7.</param>
    /// <param name="amsgrad">Whether to use the AMSGrad variant (the running maximum of <c>v</c>); default false.</param>
    /// <param name="weightDecay">Decoupled weight decay (see <see cref="Optimizer.WeightDecay"/>); default none.</param>
    /// <param name="clipNorm">Per-weight gradient norm limit (at most one of the three clip arguments).</param>
    /// <param name="clipValue">Elementwise gradient limit.</param>
    /// <param name="globalClipNorm">Joint gradient norm limit.</param>
    /// <param name="lr">Keras 2 alias of <paramref name="learningRate"/>.</param>
    /// <exception cref="ArgumentOutOfRangeException">A setting is out of range.</exception>
    /// <exception cref="ArgumentException">More than one clip argument is given.</exception>
    public Adam(double? learningRate = null, double beta1 = 0.9, double beta2 = 0.999, double epsilon = 1e-7, bool amsgrad = false,
        double? weightDecay = null, double? clipNorm = null, double? clipValue = null, double? globalClipNorm = null, double? lr = null)
        : base(learningRate, lr, beta1, beta2, epsilon, weightDecay, clipNorm, clipValue, globalClipNorm)
    {
        Amsgrad = amsgrad;
    }

    /// <summary>Whether the AMSGrad variant is used.</summary>
    public bool Amsgrad { get; }

    /// <inheritdoc/>
    public override string Name => "adam";

    /// <inheritdoc/>
    protected sealed override int SlotCount => Amsgrad ? 3 : 2;

    // The per-batch loops here are AggressiveOptimization: fully optimised from their first call, not tier-0 code that a
    // busy notebook kernel would keep running for epochs (issue 13).
    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    protected sealed override void UpdateStep(Span<float> weight, ReadOnlySpan<float> gradient, float[][] slots, long step)
    {
        float alpha = (float)(LearningRate * Math.Sqrt(1 - Math.Pow(Beta2, step)) / (1 - Math.Pow(Beta1, step)));
        float oneMinusBeta1 = (float)(1 - Beta1), oneMinusBeta2 = (float)(1 - Beta2), eps = (float)Epsilon;
        float[] m = slots[0], v = slots[1];
        if (Amsgrad)
        {
            float[] vHat = slots[2];
            for (int i = 0; i < weight.Length; i++)
            {
                float g = gradient[i];
                m[i] += (g - m[i]) * oneMinusBeta1;
                v[i] += (g * g - v[i]) * oneMinusBeta2;
                vHat[i] = MathF.Max(vHat[i], v[i]);
                weight[i] -= alpha * m[i] / (MathF.Sqrt(vHat[i]) + eps);
            }
            return;
        }
        for (int i = 0; i < weight.Length; i++)
        {
            float g = gradient[i];
            m[i] += (g - m[i]) * oneMinusBeta1;
            v[i] += (g * g - v[i]) * oneMinusBeta2;
            weight[i] -= alpha * m[i] / (MathF.Sqrt(v[i]) + eps);
        }
    }

    /// <inheritdoc/>
    public override IReadOnlyDictionary<string, object?> GetConfig() => new Dictionary<string, object?>(base.GetConfig())
    {
        ["amsgrad"] = Amsgrad,
    };
}
