using NotebookRnn.Tensors;

namespace NotebookRnn.Initializers;

/// <summary>
/// Keras <c>TruncatedNormal</c>: normal values with mean <see cref="Mean"/> and deviation <see cref="StandardDeviation"/>
/// (defaults 0 and 0.05), a draw more than two deviations from the mean drawn again.
/// </summary>
public sealed class TruncatedNormal : Initializer
{
    /// <summary>Creates the initializer.</summary>
    /// <param name="mean">Mean; default 0.</param>
    /// <param name="standardDeviation">Deviation before truncation, ≥ 0 (Keras <c>stddev</c>); default 0.05.</param>
    /// <param name="seed">Seed of the initializer's own stream: every call gives the same values. Default: the layer's stream.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="standardDeviation"/> is negative.</exception>
    public TruncatedNormal(float mean = 0, float standardDeviation = 0.05f, long? seed = null)
    {
        if (!(standardDeviation >= 0))
            throw new ArgumentOutOfRangeException(nameof(standardDeviation), standardDeviation, "Expected a deviation ≥ 0.");
        Mean = mean;
        StandardDeviation = standardDeviation;
        Seed = seed;
    }

    /// <summary>Mean.</summary>
    public float Mean { get; }

    /// <summary>Standard deviation before truncation.</summary>
    public float StandardDeviation { get; }

    /// <summary>Seed of the initializer's own stream, or <c>null</c> to draw from the layer's.</summary>
    public long? Seed { get; }

    /// <inheritdoc/>
    public override string Name => "truncated_normal";

    /// <inheritdoc/>
    public override IReadOnlyDictionary<string, object?> GetConfig() =>
        new Dictionary<string, object?> { ["mean"] = Mean, ["stddev"] = StandardDeviation, ["seed"] = Seed };

    /// <inheritdoc/>
    public override void Fill(Span<float> values, IReadOnlyList<int> shape, RandomGenerator random) =>
        FillTruncated(values, Mean, StandardDeviation, StreamFor(Seed, random));

    /// <summary>values[i] = mean + σ·z, z standard normal drawn again while |z| &gt; 2.</summary>
    internal static void FillTruncated(Span<float> values, double mean, double sigma, RandomGenerator random)
    {
        for (int i = 0; i < values.Length; i++)
        {
            double z;
            do z = random.NextGaussian(); while (Math.Abs(z) > 2);
            values[i] = (float)(mean + z * sigma);
        }
    }
}
