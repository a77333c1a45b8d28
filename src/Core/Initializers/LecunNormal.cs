namespace NotebookRnn.Initializers;

/// <summary>
/// Keras <c>LecunNormal</c> (<c>lecun_normal</c>): truncated normal with σ = √(1 / fanIn) / 0.87962566.
/// </summary>
public sealed class LecunNormal : VarianceScaling
{
    /// <summary>Creates the initializer.</summary>
    /// <param name="seed">Seed of the initializer's own stream: every call gives the same values. Default: the layer's stream.</param>
    public LecunNormal(long? seed = null) : base(1, FanMode.In, Distribution.TruncatedNormal, seed, "lecun_normal")
    {
    }

    /// <inheritdoc/>
    public override IReadOnlyDictionary<string, object?> GetConfig() => new Dictionary<string, object?> { ["seed"] = Seed };

    internal override VarianceScaling WithSeed(long? seed) => new LecunNormal(seed);
}
