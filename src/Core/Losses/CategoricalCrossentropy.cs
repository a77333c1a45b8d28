using NotebookRnn.Layers;

namespace NotebookRnn.Losses;

/// <summary>
/// Categorical cross-entropy on one-hot (or soft) targets, Keras's definition: predictions are normalised to
/// sum to 1 and clipped to [ε, 1 − ε] with ε = 1e-7, then <c>ℓ = −Σ t·log p</c>. After a softmax the model uses
/// the fused form on logits z: <c>ℓ = −Σ t·z + (Σ t)·logsumexp(z)</c>, gradient <c>(Σ t)·softmax(z) − t</c>.
/// </summary>
public sealed class CategoricalCrossentropy : Loss
{
    internal const float Epsilon = 1e-7f;

    /// <inheritdoc/>
    public override string Name => "categorical_crossentropy";

    internal override ActivationKind? FusableActivation => ActivationKind.Softmax;

    /// <inheritdoc/>
    protected override double RowLoss(ReadOnlySpan<float> values, ReadOnlySpan<float> target, Span<float> gradient) =>
        CrossEntropy.FromProbabilities(values, target, sparseLabel: -1, gradient);

    /// <inheritdoc/>
    protected override double RowLossFromPreActivation(ReadOnlySpan<float> logits, ReadOnlySpan<float> target, Span<float> gradient) =>
        CrossEntropy.FromLogits(logits, target, sparseLabel: -1, gradient);
}
