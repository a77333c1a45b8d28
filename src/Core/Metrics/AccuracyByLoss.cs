using NotebookRnn.Losses;

namespace NotebookRnn.Metrics;

/// <summary>Keras's <c>"accuracy"</c>: stands for the accuracy that fits the loss, chosen at compile time.</summary>
internal sealed class AccuracyByLoss(string name) : Metric(name)
{
    protected override double RowScore(ReadOnlySpan<float> prediction, ReadOnlySpan<float> target) =>
        throw new InvalidOperationException($"Metric \"{Name}\" must be resolved against a loss by Compile.");

    public override Metric Clone() => new AccuracyByLoss(Name);

    internal override Metric ResolveFor(Loss loss) => loss switch
    {
        CategoricalCrossentropy => new CategoricalAccuracy(Name),
        SparseCategoricalCrossentropy => new SparseCategoricalAccuracy(Name),
        BinaryCrossentropy => new BinaryAccuracy(name: Name),
        _ => new Accuracy(Name),
    };
}
