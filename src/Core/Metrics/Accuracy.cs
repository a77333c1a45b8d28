using System.Runtime.CompilerServices;
namespace NotebookRnn;

/// <summary>Mean over values of <c>p == t</c> (Keras <c>Accuracy</c>; what <c>"accuracy"</c> means for regression losses).</summary>
public sealed class Accuracy(string name = "accuracy") : Metric(name)
{
    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    protected override double RowScore(ReadOnlySpan<float> prediction, ReadOnlySpan<float> target)
    {
        int hits = 0;
        for (int j = 0; j < prediction.Length; j++)
            if (prediction[j] == target[j]) hits++;
        return (double)hits / prediction.Length;
    }

    /// <inheritdoc/>
    public override Metric Clone() => new Accuracy(Name);
}
