namespace NotebookRnn.Constraints;

/// <summary>Keras <c>UnitNorm</c>: each vector along <see cref="Axis"/> is divided by its norm: w ← w / (ε + ‖w‖), ε = 1e-7.</summary>
public sealed class UnitNorm : Constraint
{
    // The factor a vector of norm ‖w‖ is multiplied by, made once rather than per step.
    private readonly Func<double, double> _factor;

    /// <summary>Creates the constraint.</summary>
    /// <param name="axis">The axis the norms are taken over (default 0); negative counts from the end.</param>
    public UnitNorm(int axis = 0)
    {
        Axis = axis;
        _factor = norm => 1 / (Epsilon + norm);
    }

    /// <summary>The axis the norms are taken over.</summary>
    public int Axis { get; }

    /// <inheritdoc/>
    public override string Name => "unit_norm";

    /// <inheritdoc/>
    public override IReadOnlyDictionary<string, object?> GetConfig() => new Dictionary<string, object?> { ["axis"] = Axis };

    /// <inheritdoc/>
    public override void Apply(Span<float> values, IReadOnlyList<int> shape) => ScaleNorms(values, shape, Axis, _factor);
}
