using NotebookRnn.Tensors;

namespace NotebookRnn.Initializers;

/// <summary>Normal values with mean <see cref="Mean"/> and deviation <see cref="StandardDeviation"/> (Keras <c>RandomNormal</c>, default 0 and 0.05).</summary>
public sealed class RandomNormal : Initializer
{
    /// <summary>Creates the initializer.</summary>
    /// <param name="mean">Mean; default 0.</param>
    /// <param name="standardDeviation">Deviation, ≥ 0 (Keras <c>stddev</c>); default 0.05.</param>
    /// <param name="seed">Seed of the initializer's own stream: every call gives the same values. Default: the layer's stream.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="standardDeviation"/> is negative.</exception>
    public RandomNormal(float mean = 0, float standardDeviation = 0.05f, long? seed = null)
    {
        Seed = seed;
        if (!(standardDeviation >= 0))
            throw new ArgumentOutOfRangeException(nameof(standardDeviation), standardDeviation, "Expected a deviation ≥ 0.");
        Mean = mean;
        StandardDeviation = standardDeviation;
    }

    /// <summary>Mean.</summary>
    public float Mean { get; }

    /// <summary>Standard deviation.</summary>
    public float StandardDeviation { get; }

    /// <summary>Seed of the initializer's own stream, or <c>null</c> to draw from the layer's.</summary>
    public long? Seed { get; }

    /// <inheritdoc/>
    public override string Name => "random_normal";

    /// <inheritdoc/>
    public override IReadOnlyDictionary<string, object?> GetConfig() =>
        new Dictionary<string, object?> { ["mean"] = Mean, ["stddev"] = StandardDeviation, ["seed"] = Seed };

    /// <inheritdoc/>
    public override void Fill(Span<float> values, IReadOnlyList<int> shape, RandomGenerator random)
    {
        random = StreamFor(Seed, random);
        for (int i = 0; i < values.Length; i++) values[i] = (float)(Mean + StandardDeviation * random.NextGaussian());
    }
}
