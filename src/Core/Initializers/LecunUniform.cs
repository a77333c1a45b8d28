namespace NotebookRnn.Initializers;

/// <summary>
/// Keras <c>LecunUniform</c> (<c>lecun_uniform</c>): uniform on [−√(3 / fanIn), √(3 / fanIn)].
/// </summary>
public sealed class LecunUniform : VarianceScaling
{
    /// <summary>Creates the initializer.</summary>
    /// <param name="seed">Seed of the initializer's own stream: every call gives the same values. Default: the layer's stream.</param>
    public LecunUniform(long? seed = null) : base(1, FanMode.In, Distribution.Uniform, seed, "lecun_uniform")
    {
    }

    /// <inheritdoc/>
    public override IReadOnlyDictionary<string, object?> GetConfig() => new Dictionary<string, object?> { ["seed"] = Seed };

    internal override VarianceScaling WithSeed(long? seed) => new LecunUniform(seed);
}
