using System.Runtime.CompilerServices;
using NotebookRnn.Kernels;
using NotebookRnn.Layers;
using NotebookRnn.Tensors;

namespace NotebookRnn.Losses;

/// <summary>
/// A loss: the mean over rows of a per-row loss. Predictions have shape (…, C) and are seen as rows of C values
/// (a row is a sample, or a sample's step for sequence outputs). Optional row weights (a sequence mask or sample
/// weights) give <c>L = Σ wᵣ·ℓᵣ / Σ wᵣ</c>, so masked steps count for nothing. Keras names are accepted as strings.
/// </summary>
public abstract class Loss
{
    /// <summary>The Keras name, e.g. <c>categorical_crossentropy</c>.</summary>
    public abstract string Name { get; }

    /// <summary>Whether targets are class ids (one value per row) rather than one value per prediction.</summary>
    public virtual bool SparseTargets => false;

    /// <summary>The activation whose pre-activation values this loss can take directly for a stable fused path.</summary>
    internal virtual ActivationKind? FusableActivation => null;

    /// <summary>
    /// Computes the mean loss and, when <paramref name="gradient"/> is given, writes dL/d<paramref name="predictions"/> into it.
    /// </summary>
    /// <param name="predictions">Predicted values, shape (…, C).</param>
    /// <param name="targets">Targets: shape (…, C), or (…) / (…, 1) of class ids for sparse losses.</param>
    /// <param name="rowWeights">One weight per row, or empty for equal weights.</param>
    /// <param name="gradient">Receives the gradient, shape of <paramref name="predictions"/>; may be null.</param>
    /// <returns>The weighted mean loss (0 when every weight is 0).</returns>
    public double Compute(Tensor predictions, Tensor targets, ReadOnlySpan<float> rowWeights, Tensor? gradient) =>
        Reduce(predictions, targets, rowWeights, gradient, fromPreActivation: false);

    /// <summary>Same as <see cref="Compute"/> from the values before the fusable activation (logits).</summary>
    internal double ComputeFromPreActivation(Tensor logits, Tensor targets, ReadOnlySpan<float> rowWeights, Tensor? gradient) =>
        Reduce(logits, targets, rowWeights, gradient, fromPreActivation: true);

    /// <summary>
    /// The loss of one row, and when <paramref name="gradient"/> is non-empty its gradient with respect to
    /// <paramref name="values"/>.
    /// </summary>
    protected abstract double RowLoss(ReadOnlySpan<float> values, ReadOnlySpan<float> target, Span<float> gradient);

    /// <summary>The loss of one row computed from pre-activation values; only for losses with a fusable activation.</summary>
    protected virtual double RowLossFromPreActivation(ReadOnlySpan<float> logits, ReadOnlySpan<float> target, Span<float> gradient) =>
        throw new InvalidOperationException($"Loss {Name} has no fused form.");

    /// <summary>Checks that <paramref name="targets"/> fit predictions of shape (…, <paramref name="classes"/>).</summary>
    /// <exception cref="ArgumentException">They do not; the message names the first bad value or the shapes.</exception>
    public virtual void ValidateTargets(Tensor targets, int classes, string argumentName)
    {
    }

    /// <summary>Looks up a loss by Keras name.</summary>
    /// <exception cref="ArgumentException">The name is unknown.</exception>
    public static Loss Get(string name)
    {
        ArgumentNullException.ThrowIfNull(name, nameof(name));
        return Naming.Key(name) switch
        {
            "categoricalcrossentropy" => new CategoricalCrossentropy(),
            "sparsecategoricalcrossentropy" => new SparseCategoricalCrossentropy(),
            "binarycrossentropy" => new BinaryCrossentropy(),
            "mse" or "meansquarederror" => new MeanSquaredError(),
            _ => throw new ArgumentException(
                $"Loss \"{name}\" not understood; expected one of categorical_crossentropy, " +
                "sparse_categorical_crossentropy, binary_crossentropy, mse.", nameof(name)),
        };
    }

    /// <summary>Same as <see cref="Get"/>.</summary>
    public static implicit operator Loss(string name) => Get(name);

    /// <inheritdoc/>
    public override string ToString() => Name;

    // The per-batch loops here are AggressiveOptimization: fully optimised from their first call, not tier-0 code that a
    // busy notebook kernel would keep running for epochs (issue 13).
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private double Reduce(Tensor values, Tensor targets, ReadOnlySpan<float> rowWeights, Tensor? gradient, bool fromPreActivation)
    {
        int classes = values.Dim(-1), rows = values.Length / Math.Max(1, classes);
        int targetLength = SparseTargets ? 1 : classes;
        if (targets.Length != rows * targetLength)
            throw new ArgumentException(
                $"{Name} expects targets with {rows * targetLength} values for predictions of shape " +
                $"{Tensor.ShapeText(values.Shape)}, got shape {Tensor.ShapeText(targets.Shape)}.", nameof(targets));
        if (!rowWeights.IsEmpty && rowWeights.Length != rows)
            throw new ArgumentException($"Expected {rows} row weights, got {rowWeights.Length}.", nameof(rowWeights));
        double weightSum = rowWeights.IsEmpty ? rows : 0;
        foreach (float w in rowWeights) weightSum += w;
        ReadOnlySpan<float> v = values.Span, t = targets.Span;
        Span<float> g = gradient is null ? default : gradient.Span;
        double total = 0;
        for (int r = 0; r < rows; r++)
        {
            float weight = rowWeights.IsEmpty ? 1 : rowWeights[r];
            Span<float> gRow = g.IsEmpty ? default : g.Slice(r * classes, classes);
            if (weight == 0)
            {
                gRow.Clear();
                continue;
            }
            ReadOnlySpan<float> vRow = v.Slice(r * classes, classes), tRow = t.Slice(r * targetLength, targetLength);
            double loss = fromPreActivation ? RowLossFromPreActivation(vRow, tRow, gRow) : RowLoss(vRow, tRow, gRow);
            total += weight * loss;
            if (!gRow.IsEmpty)
                ElementwiseKernels.Multiply(gRow, (float)(weight / weightSum), gRow);
        }
        return weightSum == 0 ? 0 : total / weightSum;
    }
}
