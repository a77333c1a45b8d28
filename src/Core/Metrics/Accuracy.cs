using System.Runtime.CompilerServices;

namespace NotebookRnn.Metrics;

/// <summary>Mean over values of <c>p == t</c> (Keras <c>Accuracy</c>; what <c>"accuracy"</c> means for regression losses).</summary>
public sealed class Accuracy(string name = "accuracy") : Metric(name)
{
    // The per-batch loops here are AggressiveOptimization: fully optimised from their first call, not tier-0 code that a
    // busy notebook kernel would keep running for epochs (issue 13).
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
