namespace NotebookRnn.Initializers;

/// <summary>
/// Keras <c>GlorotUniform</c> (<c>glorot_uniform</c>): uniform on [−√(6 / (fanIn + fanOut)), √(6 / (fanIn + fanOut))]; the default kernel initializer.
/// </summary>
public sealed class GlorotUniform : VarianceScaling
{
    /// <summary>Creates the initializer.</summary>
    /// <param name="seed">Seed of the initializer's own stream: every call gives the same values. Default: the layer's stream.</param>
    public GlorotUniform(long? seed = null) : base(1, FanMode.Average, Distribution.Uniform, seed, "glorot_uniform")
    {
    }

    /// <inheritdoc/>
    public override IReadOnlyDictionary<string, object?> GetConfig() => new Dictionary<string, object?> { ["seed"] = Seed };

    internal override VarianceScaling WithSeed(long? seed) => new GlorotUniform(seed);
}
