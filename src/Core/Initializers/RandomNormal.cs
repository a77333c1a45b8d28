using NotebookRnn.Tensors;

namespace NotebookRnn.Initializers;

/// <summary>Normal values with mean <see cref="Mean"/> and deviation <see cref="StandardDeviation"/> (Keras <c>RandomNormal</c>, default 0 and 0.05).</summary>
public sealed class RandomNormal : Initializer
{
    /// <summary>Creates the initializer.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="standardDeviation"/> is negative.</exception>
    public RandomNormal(float mean = 0, float standardDeviation = 0.05f)
    {
        if (!(standardDeviation >= 0))
            throw new ArgumentOutOfRangeException(nameof(standardDeviation), standardDeviation, "Expected a deviation ≥ 0.");
        Mean = mean;
        StandardDeviation = standardDeviation;
    }

    /// <summary>Mean.</summary>
    public float Mean { get; }

    /// <summary>Standard deviation.</summary>
    public float StandardDeviation { get; }

    /// <inheritdoc/>
    public override string Name => "random_normal";

    /// <inheritdoc/>
    public override void Fill(Span<float> values, IReadOnlyList<int> shape, RandomGenerator random)
    {
        for (int i = 0; i < values.Length; i++) values[i] = (float)(Mean + StandardDeviation * random.NextGaussian());
    }
}
