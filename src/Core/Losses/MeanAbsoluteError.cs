using System.Runtime.CompilerServices;

namespace NotebookRnn.Losses;

/// <summary>Mean absolute error: <c>ℓ = mean over the row of |p − t|</c>, gradient <c>sign(p − t) / C</c> (0 where p = t).</summary>
/// <param name="reduction">How rows are reduced; null (the default) is <c>sum_over_batch_size</c>, and Keras's <c>reduction=None</c> is <c>"none"</c>.</param>
/// <param name="name">The loss's name; default <c>mean_absolute_error</c>.</param>
public sealed class MeanAbsoluteError(LossReduction? reduction = null, string name = "mean_absolute_error") : Loss(name, reduction)
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
            loss += Math.Abs(difference);
            if (!gradient.IsEmpty) gradient[j] = (float)(Math.Sign(difference) / (double)values.Length);
        }
        return loss / values.Length;
    }
}
