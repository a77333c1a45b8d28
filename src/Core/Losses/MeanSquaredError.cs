using System.Runtime.CompilerServices;
namespace NotebookRnn;

/// <summary>Mean squared error: <c>ℓ = mean over the row of (p − t)²</c>, gradient <c>2(p − t) / C</c>.</summary>
public sealed class MeanSquaredError : Loss
{
    /// <inheritdoc/>
    public override string Name => "mse";

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
