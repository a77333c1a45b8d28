using System.Runtime.CompilerServices;

namespace NotebookRnn.Losses;

/// <summary>Mean squared error: <c>ℓ = mean over the row of (p − t)²</c>, gradient <c>2(p − t) / C</c>.</summary>
/// <param name="reduction">How rows are reduced; null (the default) is <c>sum_over_batch_size</c>, and Keras's <c>reduction=None</c> is <c>"none"</c>.</param>
/// <param name="name">The loss's name; default <c>mse</c>.</param>
public sealed class MeanSquaredError(LossReduction? reduction = null, string name = "mse") : Loss(name, reduction)
{
    // The per-batch loops here are AggressiveOptimization: fully optimised from their first call, not tier-0 code that a
    // busy notebook kernel would keep running for epochs (issue 13).
    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    protected override double RowLoss(ReadOnlySpan<float> values, ReadOnlySpan<float> target, Span<float> gradient)
    {
        double loss = 0;
        for (int j = 0; j < values.Length; j++)
        {
            double difference = values[j] - target[j];
            loss += difference * difference;
            if (!gradient.IsEmpty) gradient[j] = (float)(2 * difference / values.Length);
        }
        return loss / values.Length;
    }
}
