using System.Runtime.CompilerServices;

namespace NotebookRnn.Optimizers;

/// <summary>
/// Stochastic gradient descent (Keras 3 rule). Without momentum: <c>w ← w − lr·g</c>. With momentum μ:
/// <c>v ← μ·v − lr·g</c>, then <c>w ← w + v</c>, or with Nesterov <c>w ← w + μ·v − lr·g</c>.
/// </summary>
public sealed class SGD : Optimizer
{
    /// <summary>Creates the optimizer.</summary>
    /// <param name="learningRate">Default 0.01.</param>
    /// <param name="momentum">μ in [0, 1]; default 0.</param>
    /// <param name="nesterov">Nesterov momentum; default false.</param>
    /// <param name="weightDecay">Decoupled weight decay (see <see cref="Optimizer.WeightDecay"/>); default none.</param>
    /// <param name="clipNorm">Per-weight gradient norm limit (at most one of the three clip arguments).</param>
    /// <param name="clipValue">Elementwise gradient limit.</param>
    /// <param name="globalClipNorm">Joint gradient norm limit.</param>
    /// <param name="lr">Keras 2 alias of <paramref name="learningRate"/>.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="momentum"/> is outside [0, 1], or another setting is out of range.</exception>
    /// <exception cref="ArgumentException">More than one clip argument is given.</exception>
    public SGD(double? learningRate = null, double momentum = 0, bool nesterov = false, double? weightDecay = null,
        double? clipNorm = null, double? clipValue = null, double? globalClipNorm = null, double? lr = null)
        : base(learningRate, lr, 0.01, weightDecay, clipNorm, clipValue, globalClipNorm)
    {
        if (!(momentum >= 0 && momentum <= 1))
            throw new ArgumentOutOfRangeException(nameof(momentum), momentum, "Expected momentum in [0, 1].");
        Momentum = momentum;
        Nesterov = nesterov;
    }

    /// <summary>Momentum μ.</summary>
    public double Momentum { get; }

    /// <summary>Whether Nesterov momentum is used.</summary>
    public bool Nesterov { get; }

    /// <inheritdoc/>
    public override string Name => "sgd";

    /// <inheritdoc/>
    protected override int SlotCount => Momentum == 0 ? 0 : 1;

    // The per-batch loops here are AggressiveOptimization: fully optimised from their first call, not tier-0 code that a
    // busy notebook kernel would keep running for epochs (issue 13).
    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    protected override void UpdateStep(Span<float> weight, ReadOnlySpan<float> gradient, float[][] slots, long step)
    {
        float lr = (float)LearningRate, mu = (float)Momentum;
        if (Momentum == 0)
        {
            for (int i = 0; i < weight.Length; i++) weight[i] -= lr * gradient[i];
            return;
        }
        float[] velocity = slots[0];
        for (int i = 0; i < weight.Length; i++)
        {
            velocity[i] = mu * velocity[i] - lr * gradient[i];
            weight[i] += Nesterov ? mu * velocity[i] - lr * gradient[i] : velocity[i];
        }
    }

    /// <inheritdoc/>
    public override IReadOnlyDictionary<string, object?> GetConfig() =>
        new Dictionary<string, object?>(base.GetConfig()) { ["momentum"] = Momentum, ["nesterov"] = Nesterov };
}
