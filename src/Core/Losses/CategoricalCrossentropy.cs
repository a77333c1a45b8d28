using NotebookRnn.Layers;

namespace NotebookRnn.Losses;

/// <summary>
/// Categorical cross-entropy on one-hot (or soft) targets, Keras's definition: predictions are normalised to
/// sum to 1 and clipped to [ε, 1 − ε] with ε = 1e-7, then <c>ℓ = −Σ t·log p</c>. On logits z (<c>fromLogits</c>, or
/// the model's own softmax fused): <c>ℓ = −Σ t·z + (Σ t)·logsumexp(z)</c>, gradient <c>(Σ t)·softmax(z) − t</c>.
/// </summary>
/// <param name="fromLogits">Whether predictions are logits rather than probabilities; default false.</param>
/// <param name="labelSmoothing">s in [0, 1]: targets become <c>t·(1 − s) + s / C</c>; default 0.</param>
/// <param name="axis">The class axis; default −1 (the last).</param>
/// <param name="reduction">How rows are reduced; null (the default) is <c>sum_over_batch_size</c>, and Keras's <c>reduction=None</c> is <c>"none"</c>.</param>
/// <param name="name">The loss's name; default <c>categorical_crossentropy</c>.</param>
/// <exception cref="ArgumentOutOfRangeException"><paramref name="labelSmoothing"/> is outside [0, 1].</exception>
public sealed class CategoricalCrossentropy(bool fromLogits = false, double labelSmoothing = 0, int axis = -1, LossReduction? reduction = null,
    string name = "categorical_crossentropy") : Loss(name, reduction)
{
    internal const float Epsilon = 1e-7f;

    /// <summary>Whether predictions are logits (Keras <c>from_logits</c>).</summary>
    public bool FromLogits { get; } = fromLogits;

    /// <summary>The label smoothing s in [0, 1] (Keras <c>label_smoothing</c>).</summary>
    public double LabelSmoothing { get; } = LabelSmoothingArgument.Check(labelSmoothing);

    /// <summary>The class axis (Keras <c>axis</c>).</summary>
    public int Axis { get; } = axis;

    /// <inheritdoc/>
    protected override int LossAxis => Axis;

    /// <inheritdoc/>
    protected override bool PredictionsAreLogits => FromLogits;

    internal override ActivationKind? FusableActivation => FromLogits || Axis != -1 ? null : ActivationKind.Softmax;

    /// <inheritdoc/>
    protected override double RowLoss(ReadOnlySpan<float> values, ReadOnlySpan<float> target, Span<float> gradient) =>
        CrossEntropy.FromProbabilities(values, target, sparseLabel: -1, gradient, LabelSmoothing);

    /// <inheritdoc/>
    protected override double RowLossFromPreActivation(ReadOnlySpan<float> logits, ReadOnlySpan<float> target, Span<float> gradient) =>
        CrossEntropy.FromLogits(logits, target, sparseLabel: -1, gradient, LabelSmoothing);

    /// <inheritdoc/>
    public override IReadOnlyDictionary<string, object?> GetConfig() => new Dictionary<string, object?>(base.GetConfig())
    {
        ["from_logits"] = FromLogits,
        ["label_smoothing"] = LabelSmoothing,
        ["axis"] = Axis,
    };
}
