namespace NotebookRnn.Regularizers;

/// <summary>Keras <c>L2</c>: penalty = factor · Σx²; gradient 2 · factor · x.</summary>
public sealed class L2 : Regularizer
{
    /// <summary>Creates the regularizer.</summary>
    /// <param name="l2">The factor (Keras <c>l2</c>), a finite number ≥ 0; default 0.01.</param>
    /// <exception cref="ArgumentOutOfRangeException">The factor is negative, infinite or NaN.</exception>
    public L2(double l2 = 0.01) => Factor = CheckFactor(l2, nameof(l2));

    /// <summary>The factor of Σx² (Keras <c>l2</c>).</summary>
    public double Factor { get; }

    /// <inheritdoc/>
    public override string Name => "l2";

    /// <inheritdoc/>
    public override IReadOnlyDictionary<string, object?> GetConfig() => new Dictionary<string, object?> { ["l2"] = Factor };

    /// <inheritdoc/>
    public override double Penalty(ReadOnlySpan<float> values, IReadOnlyList<int> shape) => L1L2.PenaltyOf(values, 0, Factor);

    /// <inheritdoc/>
    public override void AddGradient(ReadOnlySpan<float> values, IReadOnlyList<int> shape, Span<float> gradient, float scale = 1) =>
        L1L2.AddGradientOf(values, gradient, 0, scale * Factor);
}
