using System.Runtime.CompilerServices;
using NotebookRnn.Layers;

namespace NotebookRnn.Losses;

/// <summary>
/// Binary cross-entropy, Keras's definition: <c>ℓ = mean over the row of −(t·log p + (1 − t)·log(1 − p))</c> with p
/// clipped in float32 to [ε, 1 − ε], ε = 1e-7 (so the upper bound is 0.99999988, as Keras clips). On logits z
/// (<c>fromLogits</c>, or the model's own sigmoid fused): <c>max(z, 0) − z·t + log(1 + e^−|z|)</c>, gradient
/// <c>(σ(z) − t) / C</c>.
/// </summary>
/// <param name="fromLogits">Whether predictions are logits rather than probabilities; default false.</param>
/// <param name="labelSmoothing">s in [0, 1]: targets are squeezed towards 0.5, <c>t·(1 − s) + s / 2</c>; default 0.</param>
/// <param name="axis">The axis the mean is taken along; default −1 (the last).</param>
/// <param name="reduction">How rows are reduced; null (the default) is <c>sum_over_batch_size</c>, and Keras's <c>reduction=None</c> is <c>"none"</c>.</param>
/// <param name="name">The loss's name; default <c>binary_crossentropy</c>.</param>
/// <exception cref="ArgumentOutOfRangeException"><paramref name="labelSmoothing"/> is outside [0, 1].</exception>
public sealed class BinaryCrossentropy(bool fromLogits = false, double labelSmoothing = 0, int axis = -1, LossReduction? reduction = null,
    string name = "binary_crossentropy") : Loss(name, reduction)
{
    // Keras clips float32 predictions with float32 bounds: 1 − 1e-7 rounds to 0.99999988 there.
    private const float Low = CategoricalCrossentropy.Epsilon, High = (float)(1 - 1e-7);

    /// <summary>Whether predictions are logits (Keras <c>from_logits</c>).</summary>
    public bool FromLogits { get; } = fromLogits;

    /// <summary>The label smoothing s in [0, 1] (Keras <c>label_smoothing</c>).</summary>
    public double LabelSmoothing { get; } = LabelSmoothingArgument.Check(labelSmoothing);

    /// <summary>The axis the mean is taken along (Keras <c>axis</c>).</summary>
    public int Axis { get; } = axis;

    /// <inheritdoc/>
    protected override int LossAxis => Axis;

    /// <inheritdoc/>
    protected override bool PredictionsAreLogits => FromLogits;

    internal override ActivationKind? FusableActivation => FromLogits || Axis != -1 ? null : ActivationKind.Sigmoid;

    // The per-batch loops here are AggressiveOptimization: fully optimised from their first call, not tier-0 code that a
    // busy notebook kernel would keep running for epochs (issue 13).
    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    protected override double RowLoss(ReadOnlySpan<float> values, ReadOnlySpan<float> target, Span<float> gradient)
    {
        double loss = 0;
        for (int j = 0; j < values.Length; j++)
        {
            float value = values[j];
            double p = Math.Clamp(value, Low, High), t = Smoothed(target[j]);
            loss -= t * Math.Log(p) + (1 - t) * Math.Log(1 - p);
            if (!gradient.IsEmpty) gradient[j] = value < Low || value > High ? 0 : (float)((p - t) / (p * (1 - p)) / values.Length);
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
            double z = logits[j], t = Smoothed(target[j]);
            loss += Math.Max(z, 0) - z * t + Math.Log(1 + Math.Exp(-Math.Abs(z)));
            if (!gradient.IsEmpty) gradient[j] = (float)((1 / (1 + Math.Exp(-z)) - t) / logits.Length);
        }
        return loss / logits.Length;
    }

    /// <inheritdoc/>
    public override IReadOnlyDictionary<string, object?> GetConfig() => new Dictionary<string, object?>(base.GetConfig())
    {
        ["from_logits"] = FromLogits,
        ["label_smoothing"] = LabelSmoothing,
        ["axis"] = Axis,
    };

    private double Smoothed(float target) => LabelSmoothing == 0 ? target : target * (1 - LabelSmoothing) + 0.5 * LabelSmoothing;
}
