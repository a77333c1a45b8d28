using NotebookRnn.Tensors;

namespace NotebookRnn.Initializers;

/// <summary>
/// Keras <c>VarianceScaling</c>: with n the chosen fan, uniform draws from [-√(3·scale/n), √(3·scale/n)]
/// (Glorot uniform: √(6/(fanIn+fanOut))); normal draws from a normal truncated at two standard deviations,
/// σ = √(scale/n) / 0.87962566.
/// </summary>
public sealed class VarianceScaling : Initializer
{
    private readonly string _name;

    /// <summary>Creates the initializer.</summary>
    /// <param name="scale">Variance scale (1 for Glorot and LeCun, 2 for He).</param>
    /// <param name="mode">Which fan to divide by.</param>
    /// <param name="uniform">Uniform (true) or truncated normal (false).</param>
    /// <param name="name">Keras name reported by <see cref="Name"/>.</param>
    public VarianceScaling(double scale = 1, FanMode mode = FanMode.In, bool uniform = false, string name = "variance_scaling")
    {
        if (!(scale > 0)) throw new ArgumentOutOfRangeException(nameof(scale), scale, "Expected scale > 0.");
        Scale = scale;
        Mode = mode;
        Uniform = uniform;
        _name = name;
    }

    /// <summary>Variance scale.</summary>
    public double Scale { get; }

    /// <summary>Which fan to divide by.</summary>
    public FanMode Mode { get; }

    /// <summary>Uniform (true) or truncated normal (false).</summary>
    public bool Uniform { get; }

    /// <inheritdoc/>
    public override string Name => _name;

    /// <summary>Keras's default kernel initializer, <c>glorot_uniform</c>.</summary>
    public static VarianceScaling GlorotUniform() => new(1, FanMode.Average, uniform: true, "glorot_uniform");

    /// <inheritdoc/>
    public override void Fill(Span<float> values, IReadOnlyList<int> shape, RandomGenerator random)
    {
        var (fanIn, fanOut) = Fans(shape);
        double n = Mode switch { FanMode.In => fanIn, FanMode.Out => fanOut, _ => (fanIn + fanOut) / 2 };
        double variance = Scale / Math.Max(1, n);
        if (Uniform)
        {
            double limit = Math.Sqrt(3 * variance);
            for (int i = 0; i < values.Length; i++) values[i] = (float)((2 * random.NextDouble() - 1) * limit);
            return;
        }
        double sigma = Math.Sqrt(variance) / 0.87962566103423978;
        for (int i = 0; i < values.Length; i++)
        {
            double z;
            do z = random.NextGaussian(); while (Math.Abs(z) > 2);
            values[i] = (float)(z * sigma);
        }
    }
}
