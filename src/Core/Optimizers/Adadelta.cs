using System.Runtime.CompilerServices;

namespace NotebookRnn.Optimizers;

/// <summary>
/// Adadelta (Keras 3 rule): <c>a ← ρ·a + (1 − ρ)·g²</c>, <c>Δ = −√(d + ε)·g / √(a + ε)</c>,
/// <c>d ← ρ·d + (1 − ρ)·Δ²</c>, <c>w ← w + lr·Δ</c>: the step is scaled by the ratio of the running root mean squares of
/// past updates and of gradients.
/// </summary>
public sealed class Adadelta : Optimizer
{
    /// <summary>Creates the optimizer.</summary>
    /// <param name="learningRate">Default 0.001 (Keras 3; the original paper's rule is <c>learningRate: 1</c>).</param>
    /// <param name="rho">Decay of both running averages, in [0, 1); default 0.95.</param>
    /// <param name="epsilon">ε ≥ 0; default 1e-7.</param>
    /// <param name="weightDecay">Decoupled weight decay (see <see cref="Optimizer.WeightDecay"/>); default none.</param>
    /// <param name="clipNorm">Per-weight gradient norm limit (at most one of the three clip arguments).</param>
    /// <param name="clipValue">Elementwise gradient limit.</param>
    /// <param name="globalClipNorm">Joint gradient norm limit.</param>
    /// <param name="lr">Keras 2 alias of <paramref name="learningRate"/>.</param>
    /// <exception cref="ArgumentOutOfRangeException">A setting is out of range.</exception>
    /// <exception cref="ArgumentException">More than one clip argument is given.</exception>
    public Adadelta(double? learningRate = null, double rho = 0.95, double epsilon = 1e-7, double? weightDecay = null,
        double? clipNorm = null, double? clipValue = null, double? globalClipNorm = null, double? lr = null)
        : base(learningRate, lr, 0.001, weightDecay, clipNorm, clipValue, globalClipNorm)
    {
        if (!(rho >= 0 && rho < 1)) throw new ArgumentOutOfRangeException(nameof(rho), rho, "Expected rho in [0, 1).");
        if (!(epsilon >= 0)) throw new ArgumentOutOfRangeException(nameof(epsilon), epsilon, "Expected epsilon ≥ 0.");
        Rho = rho;
        Epsilon = epsilon;
    }

    /// <summary>ρ.</summary>
    public double Rho { get; }

    /// <summary>ε.</summary>
    public double Epsilon { get; }

    /// <inheritdoc/>
    public override string Name => "adadelta";

    /// <inheritdoc/>
    protected override int SlotCount => 2;

    // The per-batch loops here are AggressiveOptimization: fully optimised from their first call, not tier-0 code that a
    // busy notebook kernel would keep running for epochs (issue 13).
    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    protected override void UpdateStep(Span<float> weight, ReadOnlySpan<float> gradient, float[][] slots, long step)
    {
        float lr = (float)LearningRate, rho = (float)Rho, eps = (float)Epsilon;
        float[] gradientAverage = slots[0], deltaAverage = slots[1];
        for (int i = 0; i < weight.Length; i++)
        {
            float g = gradient[i];
            gradientAverage[i] = rho * gradientAverage[i] + (1 - rho) * g * g;
            float delta = -(MathF.Sqrt(deltaAverage[i] + eps) * g) / MathF.Sqrt(gradientAverage[i] + eps);
            deltaAverage[i] = rho * deltaAverage[i] + (1 - rho) * delta * delta;
            weight[i] += lr * delta;
        }
    }

    /// <inheritdoc/>
    public override IReadOnlyDictionary<string, object?> GetConfig() =>
        new Dictionary<string, object?>(base.GetConfig()) { ["rho"] = Rho, ["epsilon"] = Epsilon };
}
