namespace NotebookRnn.Metrics;

/// <summary>Share of rows whose predicted class (argmax) is the target's argmax.</summary>
public sealed class CategoricalAccuracy(string name = "categorical_accuracy") : Metric(name)
{
    /// <inheritdoc/>
    protected override double RowScore(ReadOnlySpan<float> prediction, ReadOnlySpan<float> target) =>
        ArgMax(prediction) == ArgMax(target) ? 1 : 0;

    /// <inheritdoc/>
    public override Metric Clone() => new CategoricalAccuracy(Name);
}
