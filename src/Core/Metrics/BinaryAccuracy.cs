using System.Runtime.CompilerServices;

namespace NotebookRnn.Metrics;

/// <summary>Mean over values of <c>(p &gt; threshold) == t</c>; threshold defaults to 0.5.</summary>
public sealed class BinaryAccuracy(float threshold = 0.5f, string name = "binary_accuracy") : Metric(name)
{
    /// <summary>Predictions above this count as 1.</summary>
    public float Threshold { get; } = threshold;

    // The per-batch loops here are AggressiveOptimization: fully optimised from their first call, not tier-0 code that a
    // busy notebook kernel would keep running for epochs (issue 13).
    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    protected override double RowScore(ReadOnlySpan<float> prediction, ReadOnlySpan<float> target)
    {
        int hits = 0;
        for (int j = 0; j < prediction.Length; j++)
            if ((prediction[j] > Threshold ? 1f : 0f) == target[j]) hits++;
        return (double)hits / prediction.Length;
    }

    /// <inheritdoc/>
    public override Metric Clone() => new BinaryAccuracy(Threshold, Name);
}
