using NotebookRnn.Tensors;

namespace NotebookRnn.Initializers;

/// <summary>Uniform values in [<see cref="MinValue"/>, <see cref="MaxValue"/>) (Keras <c>RandomUniform</c>, default ±0.05; the Embedding default).</summary>
public sealed class RandomUniform : Initializer
{
    /// <summary>Creates the initializer.</summary>
    /// <param name="minValue">Lower bound (Keras <c>minval</c>); default −0.05.</param>
    /// <param name="maxValue">Upper bound, above <paramref name="minValue"/> (Keras <c>maxval</c>); default 0.05.</param>
    /// <param name="seed">Seed of the initializer's own stream: every call gives the same values. Default: the layer's stream.</param>
    /// <exception cref="ArgumentException"><paramref name="maxValue"/> is not above <paramref name="minValue"/>.</exception>
    public RandomUniform(float minValue = -0.05f, float maxValue = 0.05f, long? seed = null)
    {
        Seed = seed;
        if (!(maxValue > minValue))
            throw new ArgumentException($"Expected maxValue > minValue, got minValue {minValue} and maxValue {maxValue}.", nameof(maxValue));
        MinValue = minValue;
        MaxValue = maxValue;
    }

    /// <summary>Lower bound.</summary>
    public float MinValue { get; }

    /// <summary>Upper bound.</summary>
    public float MaxValue { get; }

    /// <summary>Seed of the initializer's own stream, or <c>null</c> to draw from the layer's.</summary>
    public long? Seed { get; }

    /// <inheritdoc/>
    public override string Name => "random_uniform";

    /// <inheritdoc/>
    public override IReadOnlyDictionary<string, object?> GetConfig() =>
        new Dictionary<string, object?> { ["minval"] = MinValue, ["maxval"] = MaxValue, ["seed"] = Seed };

    /// <inheritdoc/>
    public override void Fill(Span<float> values, IReadOnlyList<int> shape, RandomGenerator random)
    {
        random = StreamFor(Seed, random);
        for (int i = 0; i < values.Length; i++) values[i] = MinValue + (MaxValue - MinValue) * random.NextFloat();
    }
}
