namespace NotebookRnn.Regularizers;

/// <summary>Keras <c>L1</c>: penalty = factor · Σ|x|; gradient factor · sign(x) (sign(0) = 0).</summary>
public sealed class L1 : Regularizer
{
    /// <summary>Creates the regularizer.</summary>
    /// <param name="l1">The factor (Keras <c>l1</c>), a finite number ≥ 0; default 0.01.</param>
    /// <exception cref="ArgumentOutOfRangeException">The factor is negative, infinite or NaN.</exception>
    public L1(double l1 = 0.01) => Factor = CheckFactor(l1, nameof(l1));

    /// <summary>The factor of Σ|x| (Keras <c>l1</c>).</summary>
    public double Factor { get; }

    /// <inheritdoc/>
    public override string Name => "l1";

    /// <inheritdoc/>
    public override IReadOnlyDictionary<string, object?> GetConfig() => new Dictionary<string, object?> { ["l1"] = Factor };

    /// <inheritdoc/>
    public override double Penalty(ReadOnlySpan<float> values, IReadOnlyList<int> shape) => L1L2.PenaltyOf(values, Factor, 0);

    /// <inheritdoc/>
    public override void AddGradient(ReadOnlySpan<float> values, IReadOnlyList<int> shape, Span<float> gradient, float scale = 1) =>
        L1L2.AddGradientOf(values, gradient, scale * Factor, 0);
}
