using NotebookRnn.Tensors;

namespace NotebookRnn.Initializers;

/// <summary>Uniform values in [<see cref="MinValue"/>, <see cref="MaxValue"/>) (Keras <c>RandomUniform</c>, default ±0.05; the Embedding default).</summary>
public sealed class RandomUniform : Initializer
{
    /// <summary>Creates the initializer.</summary>
    /// <exception cref="ArgumentException"><paramref name="maxValue"/> is not above <paramref name="minValue"/>.</exception>
    public RandomUniform(float minValue = -0.05f, float maxValue = 0.05f)
    {
        if (!(maxValue > minValue))
            throw new ArgumentException($"Expected maxValue > minValue, got minValue {minValue} and maxValue {maxValue}.", nameof(maxValue));
        MinValue = minValue;
        MaxValue = maxValue;
    }

    /// <summary>Lower bound.</summary>
    public float MinValue { get; }

    /// <summary>Upper bound.</summary>
    public float MaxValue { get; }

    /// <inheritdoc/>
    public override string Name => "random_uniform";

    /// <inheritdoc/>
    public override void Fill(Span<float> values, IReadOnlyList<int> shape, RandomGenerator random)
    {
        for (int i = 0; i < values.Length; i++) values[i] = MinValue + (MaxValue - MinValue) * random.NextFloat();
    }
}
