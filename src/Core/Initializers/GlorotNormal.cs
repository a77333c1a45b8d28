namespace NotebookRnn.Initializers;

/// <summary>
/// Keras <c>GlorotNormal</c> (<c>glorot_normal</c>): truncated normal with σ = √(2 / (fanIn + fanOut)) / 0.87962566.
/// </summary>
public sealed class GlorotNormal : VarianceScaling
{
    /// <summary>Creates the initializer.</summary>
    /// <param name="seed">Seed of the initializer's own stream: every call gives the same values. Default: the layer's stream.</param>
    public GlorotNormal(long? seed = null) : base(1, FanMode.Average, Distribution.TruncatedNormal, seed, "glorot_normal")
    {
    }

    /// <inheritdoc/>
    public override IReadOnlyDictionary<string, object?> GetConfig() => new Dictionary<string, object?> { ["seed"] = Seed };

    internal override VarianceScaling WithSeed(long? seed) => new GlorotNormal(seed);
}
