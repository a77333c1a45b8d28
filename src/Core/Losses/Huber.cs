using System.Runtime.CompilerServices;

namespace NotebookRnn.Losses;

/// <summary>
/// Huber loss, with e = p − t: <c>ℓ = mean over the row of (|e| ≤ δ ? e²/2 : δ·|e| − δ²/2)</c>, gradient
/// <c>(|e| ≤ δ ? e : δ·sign(e)) / C</c>.
/// </summary>
/// <param name="delta">δ &gt; 0, where the loss turns from quadratic to linear; default 1.</param>
/// <param name="reduction">How rows are reduced; null (the default) is <c>sum_over_batch_size</c>, and Keras's <c>reduction=None</c> is <c>"none"</c>.</param>
/// <param name="name">The loss's name; default <c>huber_loss</c>.</param>
/// <exception cref="ArgumentOutOfRangeException"><paramref name="delta"/> is not positive and finite.</exception>
public sealed class Huber(double delta = 1.0, LossReduction? reduction = null, string name = "huber_loss") : Loss(name, reduction)
{
    /// <summary>δ (Keras <c>delta</c>).</summary>
    public double Delta { get; } = delta > 0 && double.IsFinite(delta)
        ? delta
        : throw new ArgumentOutOfRangeException(nameof(delta), delta, $"delta must be positive and finite, got {delta}.");

    // The per-batch loops here are AggressiveOptimization: fully optimised from their first call, not tier-0 code that a
    // busy notebook kernel would keep running for epochs (issue 13).
    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    protected override double RowLoss(ReadOnlySpan<float> values, ReadOnlySpan<float> target, Span<float> gradient)
    {
        double loss = 0;
        for (int j = 0; j < values.Length; j++)
        {
            double error = values[j] - target[j], size = Math.Abs(error);
            bool quadratic = size <= Delta;
            loss += quadratic ? 0.5 * error * error : Delta * size - 0.5 * Delta * Delta;
            if (!gradient.IsEmpty) gradient[j] = (float)((quadratic ? error : Delta * Math.Sign(error)) / values.Length);
        }
        return loss / values.Length;
    }

    /// <inheritdoc/>
    public override IReadOnlyDictionary<string, object?> GetConfig() => new Dictionary<string, object?>(base.GetConfig()) { ["delta"] = Delta };
}
