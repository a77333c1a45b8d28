using NotebookRnn.Layers;
using NotebookRnn.Tensors;

namespace NotebookRnn.Losses;

/// <summary>
/// Cross-entropy with integer class targets: <c>ℓ = −log p[label]</c> (predictions normalised and clipped as in
/// <see cref="CategoricalCrossentropy"/>); fused with softmax: <c>ℓ = logsumexp(z) − z[label]</c>.
/// Targets have shape (…) or (…, 1) and hold ids in [0, C).
/// </summary>
public sealed class SparseCategoricalCrossentropy : Loss
{
    /// <inheritdoc/>
    public override string Name => "sparse_categorical_crossentropy";

    /// <inheritdoc/>
    public override bool SparseTargets => true;

    internal override ActivationKind? FusableActivation => ActivationKind.Softmax;

    /// <inheritdoc/>
    protected override double RowLoss(ReadOnlySpan<float> values, ReadOnlySpan<float> target, Span<float> gradient) =>
        CrossEntropy.FromProbabilities(values, default, (int)target[0], gradient);

    /// <inheritdoc/>
    protected override double RowLossFromPreActivation(ReadOnlySpan<float> logits, ReadOnlySpan<float> target, Span<float> gradient) =>
        CrossEntropy.FromLogits(logits, default, (int)target[0], gradient);

    /// <inheritdoc/>
    /// <exception cref="ArgumentException">A label is not an integer in [0, <paramref name="classes"/>).</exception>
    public override void ValidateTargets(Tensor targets, int classes, string argumentName)
    {
        ReadOnlySpan<float> labels = targets.Span;
        int perSample = targets.Length / Math.Max(1, targets.Dim(0));
        for (int i = 0; i < labels.Length; i++)
        {
            float label = labels[i];
            if (label >= 0 && label < classes && label == MathF.Floor(label)) continue;
            throw new ArgumentException(
                $"Label {label} of sample {i / Math.Max(1, perSample)} is outside [0, {classes}): " +
                $"{Name} needs integer class ids below the model's {classes} outputs.", argumentName);
        }
    }
}
