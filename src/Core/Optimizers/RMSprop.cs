using System.Runtime.CompilerServices;

namespace NotebookRnn.Optimizers;

/// <summary>
/// RMSprop (Keras 3 rule): <c>v ← ρ·v + (1 − ρ)·g²</c>, <c>Δ = lr·g / √(v + ε)</c>; without momentum
/// <c>w ← w − Δ</c>, with momentum μ <c>m ← μ·m + Δ</c>, <c>w ← w − m</c>. Centered: the denominator is
/// <c>√(v − ḡ² + ε)</c> with <c>ḡ ← ρ·ḡ + (1 − ρ)·g</c>.
/// </summary>
public sealed class RMSprop : Optimizer
{
    /// <summary>Creates the optimizer.</summary>
    /// <param name="learningRate">Default 0.001.</param>
    /// <param name="rho">Decay of the squared-gradient average, in [0, 1); default 0.9.</param>
    /// <param name="epsilon">Default 1e-7.</param>
    /// <param name="momentum">Default 0.</param>
    /// <param name="centered">Default false.</param>
    /// <param name="weightDecay">Decoupled weight decay (see <see cref="Optimizer.WeightDecay"/>); default none.</param>
    /// <param name="clipNorm">Per-weight gradient norm limit (at most one of the three clip arguments).</param>
    /// <param name="clipValue">Elementwise gradient limit.</param>
    /// <param name="globalClipNorm">Joint gradient norm limit.</param>
    /// <param name="lr">Keras 2 alias of <paramref name="learningRate"/> (the seed example writes <c>RMSprop(lr=0.01)</c>).</param>
    /// <exception cref="ArgumentOutOfRangeException">A setting is out of range.</exception>
    /// <exception cref="ArgumentException">More than one clip argument is given.</exception>
    public RMSprop(double? learningRate = null, double rho = 0.9, double epsilon = 1e-7, double momentum = 0,
        bool centered = false, double? weightDecay = null, double? clipNorm = null, double? clipValue = null, double? globalClipNorm = null,
        double? lr = null)
        : base(learningRate, lr, 0.001, weightDecay, clipNorm, clipValue, globalClipNorm)
    {
        if (!(rho >= 0 && rho < 1)) throw new ArgumentOutOfRangeException(nameof(rho), rho, "Expected rho in [0, 1).");
        if (!(epsilon >= 0)) throw new ArgumentOutOfRangeException(nameof(epsilon), epsilon, "Expected epsilon ≥ 0.");
        if (!(momentum >= 0 && momentum < 1)) throw new ArgumentOutOfRangeException(nameof(momentum), momentum, "Expected momentum in [0, 1).");
        Rho = rho;
        Epsilon = epsilon;
        Momentum = momentum;
        Centered = centered;
    }

    /// <summary>ρ.</summary>
    public double Rho { get; }

    /// <summary>ε.</summary>
    public double Epsilon { get; }

    /// <summary>μ.</summary>
    public double Momentum { get; }

    /// <summary>Whether the centered variant is used.</summary>
    public bool Centered { get; }

    /// <inheritdoc/>
    public override string Name => "rmsprop";

    /// <inheritdoc/>
    protected override int SlotCount => Centered || Momentum > 0 ? 3 : 1;

    // The per-batch loops here are AggressiveOptimization: fully optimised from their first call, not tier-0 code that a
    // busy notebook kernel would keep running for epochs (issue 13).
    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    protected override void UpdateStep(Span<float> weight, ReadOnlySpan<float> gradient, float[][] slots, long step)
    {
        float lr = (float)LearningRate, rho = (float)Rho, eps = (float)Epsilon, mu = (float)Momentum;
        float[] velocity = slots[0];
        for (int i = 0; i < weight.Length; i++)
        {
            float g = gradient[i];
            velocity[i] = rho * velocity[i] + (1 - rho) * g * g;
            float denominator = velocity[i] + eps;
            if (Centered)
            {
                float[] average = slots[2];
                average[i] = rho * average[i] + (1 - rho) * g;
                denominator -= average[i] * average[i];
            }
            float increment = lr * g / MathF.Sqrt(denominator);
            if (Momentum > 0)
            {
                float[] momentum = slots[1];
                momentum[i] = mu * momentum[i] + increment;
                weight[i] -= momentum[i];
            }
            else weight[i] -= increment;
        }
    }

    /// <inheritdoc/>
    public override IReadOnlyDictionary<string, object?> GetConfig() => new Dictionary<string, object?>(base.GetConfig())
    {
        ["rho"] = Rho,
        ["epsilon"] = Epsilon,
        ["momentum"] = Momentum,
        ["centered"] = Centered,
    };
}
