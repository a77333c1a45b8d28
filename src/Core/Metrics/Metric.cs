using System.Runtime.CompilerServices;
using NotebookRnn.Kernels;
using NotebookRnn.Layers;
using NotebookRnn.Losses;
using NotebookRnn.Tensors;

namespace NotebookRnn.Metrics;

/// <summary>
/// A streaming metric: <see cref="Update"/> with each batch, <see cref="Result"/> gives the weighted mean so far
/// (Keras reports epoch metrics this way). Keras names are accepted as strings; <c>"accuracy"</c> is resolved
/// against the loss at compile time, as Keras does. Given to <c>Compile</c> as a metric, it weighs the rows by the mask
/// alone; as a weighted metric (Keras <c>weighted_metrics</c>), by the sample weights too.
/// </summary>
public abstract class Metric
{
    private double _total, _weight;

    /// <summary>Creates a metric reported under <paramref name="name"/>.</summary>
    protected Metric(string name) => Name = name;

    /// <summary>The name under which the metric is reported (e.g. <c>accuracy</c>, <c>val_accuracy</c>).</summary>
    public string Name { get; private set; }

    /// <summary>Whether the training loop weighs this metric's rows by the sample weights (Keras <c>weighted_metrics</c>).</summary>
    internal bool WeighsSamples { get; private set; }

    // The per-batch loops here are AggressiveOptimization: fully optimised from their first call, not tier-0 code that a
    // busy notebook kernel would keep running for epochs (issue 13).
    /// <summary>Adds a batch: predictions (…, C), targets like the loss's, optional per-row weights.</summary>
    public void Update(Tensor predictions, Tensor targets, ReadOnlySpan<float> rowWeights)
    {
        var (total, weight) = Score(predictions, targets, rowWeights);
        Add(total, weight);
    }

    /// <summary>A batch's Σ weight · score and Σ weight, without adding them: a shard's part, added in shard order by <see cref="Add"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    internal (double Total, double Weight) Score(Tensor predictions, Tensor targets, ReadOnlySpan<float> rowWeights)
    {
        int classes = predictions.Dim(-1), rows = predictions.Length / Math.Max(1, classes);
        int targetLength = targets.Length / Math.Max(1, rows);
        ReadOnlySpan<float> p = predictions.Span, t = targets.Span;
        double total = 0, sum = 0;
        for (int r = 0; r < rows; r++)
        {
            float weight = rowWeights.IsEmpty ? 1 : rowWeights[r];
            if (weight == 0) continue;
            total += weight * RowScore(p.Slice(r * classes, classes), t.Slice(r * targetLength, targetLength));
            sum += weight;
        }
        return (total, sum);
    }

    /// <summary>Adds a part made by <see cref="Score"/>.</summary>
    internal void Add(double total, double weight) => (_total, _weight) = (_total + total, _weight + weight);

    /// <summary>The weighted mean over all rows since the last <see cref="Reset"/> (0 before any row).</summary>
    public double Result() => _weight == 0 ? 0 : _total / _weight;

    /// <summary>Forgets all rows.</summary>
    public void Reset() => (_total, _weight) = (0, 0);

    /// <summary>The score of one row.</summary>
    protected abstract double RowScore(ReadOnlySpan<float> prediction, ReadOnlySpan<float> target);

    /// <summary>A fresh metric of the same kind and name (each model, and validation, keeps its own state).</summary>
    public abstract Metric Clone();

    /// <summary>
    /// Looks up a metric by Keras name: <c>accuracy</c>/<c>acc</c> (kind chosen from the loss),
    /// <c>categorical_accuracy</c>, <c>sparse_categorical_accuracy</c>, <c>binary_accuracy</c>.
    /// </summary>
    /// <exception cref="ArgumentException">The name is unknown.</exception>
    public static Metric Get(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        return Naming.Key(name) switch
        {
            "accuracy" or "acc" => new AccuracyByLoss(name),
            "categoricalaccuracy" => new CategoricalAccuracy(name),
            "sparsecategoricalaccuracy" => new SparseCategoricalAccuracy(name),
            "binaryaccuracy" => new BinaryAccuracy(name: name),
            _ => throw new ArgumentException(
                $"Metric \"{name}\" not understood; expected one of accuracy, categorical_accuracy, " +
                "sparse_categorical_accuracy, binary_accuracy.", nameof(name)),
        };
    }

    /// <summary>Same as <see cref="Get"/>.</summary>
    public static implicit operator Metric(string name) => Get(name);

    /// <summary>The concrete metric to use with <paramref name="loss"/> (resolves <c>"accuracy"</c>).</summary>
    internal virtual Metric ResolveFor(Loss loss) => Clone();

    /// <summary>Marks this metric as weighted by sample weights or not, renamed when <paramref name="name"/> is given; returns it.</summary>
    internal Metric Weighted(bool weighsSamples, string? name = null)
    {
        WeighsSamples = weighsSamples;
        Name = name ?? Name;
        return this;
    }

    /// <summary>A fresh metric of the same kind, name and weighting.</summary>
    internal Metric Fresh() => Clone().Weighted(WeighsSamples);

    /// <inheritdoc/>
    public override string ToString() => Name;

    internal static int ArgMax(ReadOnlySpan<float> values) =>
        values.IsEmpty ? -1 : ElementwiseKernels.IndexOfMax(values);
}
