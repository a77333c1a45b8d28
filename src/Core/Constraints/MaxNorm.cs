namespace NotebookRnn.Constraints;

/// <summary>
/// Keras <c>MaxNorm</c>: each vector along <see cref="Axis"/> (for a Dense kernel (inputDim, units) and axis 0, each
/// unit's incoming weights) is rescaled to norm ≤ <see cref="MaxValue"/>: w ← w · clip(‖w‖, 0, max) / (ε + ‖w‖), ε = 1e-7.
/// </summary>
public sealed class MaxNorm : Constraint
{
    // The factor a vector of norm ‖w‖ is multiplied by, made once rather than per step.
    private readonly Func<double, double> _factor;

    /// <summary>Creates the constraint (Keras defaults 2 and axis 0).</summary>
    /// <param name="maxValue">The largest norm, ≥ 0.</param>
    /// <param name="axis">The axis the norms are taken over; negative counts from the end.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="maxValue"/> is negative or NaN.</exception>
    public MaxNorm(double maxValue = 2, int axis = 0)
    {
        if (!(maxValue >= 0)) throw new ArgumentOutOfRangeException(nameof(maxValue), maxValue, $"Expected maxValue ≥ 0, got {maxValue}.");
        MaxValue = maxValue;
        Axis = axis;
        _factor = norm => Math.Clamp(norm, 0, maxValue) / (Epsilon + norm);
    }

    /// <summary>The largest norm.</summary>
    public double MaxValue { get; }

    /// <summary>The axis the norms are taken over.</summary>
    public int Axis { get; }

    /// <inheritdoc/>
    public override string Name => "max_norm";

    /// <inheritdoc/>
    public override IReadOnlyDictionary<string, object?> GetConfig() => new Dictionary<string, object?> { ["max_value"] = MaxValue, ["axis"] = Axis };

    /// <inheritdoc/>
    public override void Apply(Span<float> values, IReadOnlyList<int> shape) =>
        ScaleNorms(values, shape, Axis, _factor);
}
