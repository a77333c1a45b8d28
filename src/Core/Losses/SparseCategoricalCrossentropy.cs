using NotebookRnn.Layers;
using NotebookRnn.Tensors;

namespace NotebookRnn.Losses;

/// <summary>
/// Cross-entropy with integer class targets: <c>ℓ = −log p[label]</c> (predictions normalised and clipped as in
/// <see cref="CategoricalCrossentropy"/>); on logits (<c>fromLogits</c>, or the model's own softmax fused):
/// <c>ℓ = logsumexp(z) − z[label]</c>. Targets have shape (…) or (…, 1) and hold ids in [0, C); a row whose label is
/// <c>ignoreClass</c> counts for nothing and is masked, so the default reduction divides by the rows left.
/// </summary>
/// <param name="fromLogits">Whether predictions are logits rather than probabilities; default false.</param>
/// <param name="ignoreClass">A label whose rows are left out (e.g. −1 for padding); default none.</param>
/// <param name="reduction">How rows are reduced; null (the default) is <c>sum_over_batch_size</c>, and Keras's <c>reduction=None</c> is <c>"none"</c>.</param>
/// <param name="axis">The class axis; only −1 (the last) is supported, as Keras's TensorFlow and JAX backends.</param>
/// <param name="name">The loss's name; default <c>sparse_categorical_crossentropy</c>.</param>
public sealed class SparseCategoricalCrossentropy(bool fromLogits = false, int? ignoreClass = null, LossReduction? reduction = null, int axis = -1,
    string name = "sparse_categorical_crossentropy") : Loss(name, reduction)
{
    /// <summary>Whether predictions are logits (Keras <c>from_logits</c>).</summary>
    public bool FromLogits { get; } = fromLogits;

    /// <summary>The label whose rows are left out (Keras <c>ignore_class</c>), or null.</summary>
    public int? IgnoreClass { get; } = ignoreClass;

    /// <summary>The class axis (Keras <c>axis</c>).</summary>
    public int Axis { get; } = axis;

    /// <inheritdoc/>
    public override bool SparseTargets => true;

    /// <inheritdoc/>
    protected override int LossAxis => Axis;

    /// <inheritdoc/>
    protected override bool PredictionsAreLogits => FromLogits;

    /// <inheritdoc/>
    protected override bool MasksByTarget => IgnoreClass is not null;

    internal override ActivationKind? FusableActivation => FromLogits ? null : ActivationKind.Softmax;

    /// <inheritdoc/>
    protected override double RowLoss(ReadOnlySpan<float> values, ReadOnlySpan<float> target, Span<float> gradient) =>
        CrossEntropy.FromProbabilities(values, default, (int)target[0], gradient);

    /// <inheritdoc/>
    protected override double RowLossFromPreActivation(ReadOnlySpan<float> logits, ReadOnlySpan<float> target, Span<float> gradient) =>
        CrossEntropy.FromLogits(logits, default, (int)target[0], gradient);

    /// <inheritdoc/>
    protected override bool IgnoresRow(ReadOnlySpan<float> target) => IgnoreClass is int ignored && target[0] == ignored;

    /// <inheritdoc/>
    /// <exception cref="ArgumentException">A label is not an integer in [0, <paramref name="classes"/>) nor the ignored class.</exception>
    public override void ValidateTargets(Tensor targets, int classes, string argumentName)
    {
        ReadOnlySpan<float> labels = targets.Span;
        int perSample = targets.Length / Math.Max(1, targets.Dim(0));
        for (int i = 0; i < labels.Length; i++)
        {
            float label = labels[i];
            if ((label >= 0 && label < classes && label == MathF.Floor(label)) || IgnoresRow(labels.Slice(i, 1))) continue;
            throw new ArgumentException(
                $"Label {label} of sample {i / Math.Max(1, perSample)} is outside [0, {classes}): " +
                $"{Name} needs integer class ids below the model's {classes} outputs" +
                (IgnoreClass is int ignored ? $" or the ignored class {ignored}." : "."), argumentName);
        }
    }

    /// <inheritdoc/>
    public override IReadOnlyDictionary<string, object?> GetConfig() => new Dictionary<string, object?>(base.GetConfig())
    {
        ["from_logits"] = FromLogits,
        ["ignore_class"] = IgnoreClass,
        ["axis"] = Axis,
    };
}
