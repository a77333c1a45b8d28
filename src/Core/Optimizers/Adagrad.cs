using System.Runtime.CompilerServices;

namespace NotebookRnn.Optimizers;

/// <summary>
/// Adagrad (Keras 3 rule): <c>a ← a + g²</c>, <c>w ← w − lr·g / √(a + ε)</c>, with the accumulator <c>a</c> starting at
/// <c>initialAccumulatorValue</c>. Each weight's step shrinks with the sum of its past squared gradients.
/// </summary>
public sealed class Adagrad : Optimizer
{
    /// <summary>Creates the optimizer.</summary>
    /// <param name="learningRate">Default 0.001.</param>
    /// <param name="initialAccumulatorValue">Starting value of the accumulators, ≥ 0; default 0.1.</param>
    /// <param name="epsilon">ε ≥ 0; default 1e-7.</param>
    /// <param name="weightDecay">Decoupled weight decay (see <see cref="Optimizer.WeightDecay"/>); default none.</param>
    /// <param name="clipNorm">Per-weight gradient norm limit (at most one of the three clip arguments).</param>
    /// <param name="clipValue">Elementwise gradient limit.</param>
    /// <param name="globalClipNorm">Joint gradient norm limit.</param>
    /// <param name="lr">Keras 2 alias of <paramref name="learningRate"/>.</param>
    /// <exception cref="ArgumentOutOfRangeException">A setting is out of range.</exception>
    /// <exception cref="ArgumentException">More than one clip argument is given.</exception>
    public Adagrad(double? learningRate = null, double initialAccumulatorValue = 0.1, double epsilon = 1e-7, double? weightDecay = null,
        double? clipNorm = null, double? clipValue = null, double? globalClipNorm = null, double? lr = null)
        : base(learningRate, lr, 0.001, weightDecay, clipNorm, clipValue, globalClipNorm)
    {
        if (!(initialAccumulatorValue >= 0 && double.IsFinite(initialAccumulatorValue)))
            throw new ArgumentOutOfRangeException(nameof(initialAccumulatorValue), initialAccumulatorValue, "Expected a finite initialAccumulatorValue ≥ 0.");
        if (!(epsilon >= 0)) throw new ArgumentOutOfRangeException(nameof(epsilon), epsilon, "Expected epsilon ≥ 0.");
        InitialAccumulatorValue = initialAccumulatorValue;
        Epsilon = epsilon;
    }

    /// <summary>Starting value of each accumulator.</summary>
    public double InitialAccumulatorValue { get; }

    /// <summary>ε.</summary>
    public double Epsilon { get; }

    /// <inheritdoc/>
    public override string Name => "adagrad";

    /// <inheritdoc/>
    protected override int SlotCount => 1;

    /// <inheritdoc/>
    protected override float InitialSlotValue(int slot) => (float)InitialAccumulatorValue;

    // The per-batch loops here are AggressiveOptimization: fully optimised from their first call, not tier-0 code that a
    // busy notebook kernel would keep running for epochs (issue 13).
    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    protected override void UpdateStep(Span<float> weight, ReadOnlySpan<float> gradient, float[][] slots, long step)
    {
        float lr = (float)LearningRate, eps = (float)Epsilon;
        float[] accumulator = slots[0];
        for (int i = 0; i < weight.Length; i++)
        {
            float g = gradient[i];
            accumulator[i] += g * g;
            weight[i] -= lr * g / MathF.Sqrt(accumulator[i] + eps);
        }
    }

    /// <inheritdoc/>
    public override IReadOnlyDictionary<string, object?> GetConfig() => new Dictionary<string, object?>(base.GetConfig())
    {
        ["initial_accumulator_value"] = InitialAccumulatorValue,
        ["epsilon"] = Epsilon,
    };
}
