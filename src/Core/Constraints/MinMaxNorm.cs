namespace NotebookRnn.Constraints;

/// <summary>
/// Keras <c>MinMaxNorm</c>: each vector along <see cref="Axis"/> is rescaled towards a norm in [<see cref="MinValue"/>,
/// <see cref="MaxValue"/>]: w ← w · (rate · clip(‖w‖, min, max) + (1 − rate) · ‖w‖) / (ε + ‖w‖), ε = 1e-7.
/// </summary>
public sealed class MinMaxNorm : Constraint
{
    // The factor a vector of norm ‖w‖ is multiplied by, made once rather than per step.
    private readonly Func<double, double> _factor;

    /// <summary>Creates the constraint (Keras defaults 0, 1, rate 1, axis 0).</summary>
    /// <param name="minValue">The smallest norm, ≥ 0.</param>
    /// <param name="maxValue">The largest norm, ≥ <paramref name="minValue"/>.</param>
    /// <param name="rate">How far each step moves a norm into the range: 1 strictly, below 1 gradually.</param>
    /// <param name="axis">The axis the norms are taken over; negative counts from the end.</param>
    /// <exception cref="ArgumentOutOfRangeException">A bound is negative or NaN, or <paramref name="maxValue"/> &lt; <paramref name="minValue"/>.</exception>
    public MinMaxNorm(double minValue = 0, double maxValue = 1, double rate = 1, int axis = 0)
    {
        if (!(minValue >= 0)) throw new ArgumentOutOfRangeException(nameof(minValue), minValue, $"Expected minValue ≥ 0, got {minValue}.");
        if (!(maxValue >= minValue))
            throw new ArgumentOutOfRangeException(nameof(maxValue), maxValue, $"Expected maxValue ≥ minValue ({minValue}), got {maxValue}.");
        if (!double.IsFinite(rate)) throw new ArgumentOutOfRangeException(nameof(rate), rate, $"Expected a finite rate, got {rate}.");
        MinValue = minValue;
        MaxValue = maxValue;
        Rate = rate;
        Axis = axis;
        _factor = norm => (rate * Math.Clamp(norm, minValue, maxValue) + (1 - rate) * norm) / (Epsilon + norm);
    }

    /// <summary>The smallest norm.</summary>
    public double MinValue { get; }

    /// <summary>The largest norm.</summary>
    public double MaxValue { get; }

    /// <summary>How far each step moves a norm into the range.</summary>
    public double Rate { get; }

    /// <summary>The axis the norms are taken over.</summary>
    public int Axis { get; }

    /// <inheritdoc/>
    public override string Name => "min_max_norm";

    /// <inheritdoc/>
    public override IReadOnlyDictionary<string, object?> GetConfig() =>
        new Dictionary<string, object?> { ["min_value"] = MinValue, ["max_value"] = MaxValue, ["rate"] = Rate, ["axis"] = Axis };

    /// <inheritdoc/>
    public override void Apply(Span<float> values, IReadOnlyList<int> shape) =>
        ScaleNorms(values, shape, Axis, _factor);
}
