using System.Runtime.CompilerServices;
using NotebookRnn.Layers;

namespace NotebookRnn.Losses;

/// <summary>
/// Binary cross-entropy, Keras's definition: <c>ℓ = mean over the row of −(t·log p + (1 − t)·log(1 − p))</c>
/// with p clipped to [ε, 1 − ε], ε = 1e-7. After a sigmoid the model uses the fused form on logits z:
/// <c>max(z, 0) − z·t + log(1 + e^−|z|)</c>, gradient <c>(σ(z) − t) / C</c>.
/// </summary>
public sealed class BinaryCrossentropy : Loss
{
    /// <inheritdoc/>
    public override string Name => "binary_crossentropy";

    internal override ActivationKind? FusableActivation => ActivationKind.Sigmoid;

    // The per-batch loops here are AggressiveOptimization: fully optimised from their first call, not tier-0 code that a
    // busy notebook kernel would keep running for epochs (issue 13).
    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    protected override double RowLoss(ReadOnlySpan<float> values, ReadOnlySpan<float> target, Span<float> gradient)
    {
        const double eps = CategoricalCrossentropy.Epsilon;
        double loss = 0;
        for (int j = 0; j < values.Length; j++)
        {
            double p = values[j], t = target[j];
            bool clipped = p < eps || p > 1 - eps;
            p = Math.Clamp(p, eps, 1 - eps);
            loss -= t * Math.Log(p) + (1 - t) * Math.Log(1 - p);
            if (!gradient.IsEmpty) gradient[j] = clipped ? 0 : (float)((p - t) / (p * (1 - p)) / values.Length);
        }
        return loss / values.Length;
    }

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    protected override double RowLossFromPreActivation(ReadOnlySpan<float> logits, ReadOnlySpan<float> target, Span<float> gradient)
    {
        double loss = 0;
        for (int j = 0; j < logits.Length; j++)
        {
            double z = logits[j], t = target[j];
            loss += Math.Max(z, 0) - z * t + Math.Log(1 + Math.Exp(-Math.Abs(z)));
            if (!gradient.IsEmpty) gradient[j] = (float)((1 / (1 + Math.Exp(-z)) - t) / logits.Length);
        }
        return loss / logits.Length;
    }
}
