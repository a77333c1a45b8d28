namespace NotebookRnn.Initializers;

/// <summary>
/// Keras <c>HeNormal</c> (<c>he_normal</c>): truncated normal with σ = √(2 / fanIn) / 0.87962566.
/// </summary>
public sealed class HeNormal : VarianceScaling
{
    /// <summary>Creates the initializer.</summary>
    /// <param name="seed">Seed of the initializer's own stream: every call gives the same values. Default: the layer's stream.</param>
    public HeNormal(long? seed = null) : base(2, FanMode.In, Distribution.TruncatedNormal, seed, "he_normal")
    {
    }

    /// <inheritdoc/>
    public override IReadOnlyDictionary<string, object?> GetConfig() => new Dictionary<string, object?> { ["seed"] = Seed };

    internal override VarianceScaling WithSeed(long? seed) => new HeNormal(seed);
}
