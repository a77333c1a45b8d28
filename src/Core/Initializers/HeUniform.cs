namespace NotebookRnn.Initializers;

/// <summary>
/// Keras <c>HeUniform</c> (<c>he_uniform</c>): uniform on [−√(6 / fanIn), √(6 / fanIn)].
/// </summary>
public sealed class HeUniform : VarianceScaling
{
    /// <summary>Creates the initializer.</summary>
    /// <param name="seed">Seed of the initializer's own stream: every call gives the same values. Default: the layer's stream.</param>
    public HeUniform(long? seed = null) : base(2, FanMode.In, Distribution.Uniform, seed, "he_uniform")
    {
    }

    /// <inheritdoc/>
    public override IReadOnlyDictionary<string, object?> GetConfig() => new Dictionary<string, object?> { ["seed"] = Seed };

    internal override VarianceScaling WithSeed(long? seed) => new HeUniform(seed);
}
