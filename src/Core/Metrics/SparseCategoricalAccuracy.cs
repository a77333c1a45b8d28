namespace NotebookRnn.Metrics;

/// <summary>Share of rows whose predicted class (argmax) equals the integer target.</summary>
public sealed class SparseCategoricalAccuracy(string name = "sparse_categorical_accuracy") : Metric(name)
{
    /// <inheritdoc/>
    protected override double RowScore(ReadOnlySpan<float> prediction, ReadOnlySpan<float> target) =>
        ArgMax(prediction) == (int)target[0] ? 1 : 0;

    /// <inheritdoc/>
    public override Metric Clone() => new SparseCategoricalAccuracy(Name);
}
