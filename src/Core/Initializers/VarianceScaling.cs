using NotebookRnn.Tensors;

namespace NotebookRnn.Initializers;

/// <summary>
/// Keras <c>VarianceScaling</c>: with n the chosen fan (<see cref="Mode"/>) and v = scale / max(1, n), draws from a normal
/// truncated at two standard deviations with σ = √v / 0.87962566 (default), a plain normal with σ = √v, or a uniform on
/// [−√(3v), √(3v)]. Glorot, He and LeCun initializers are its named forms.
/// </summary>
public class VarianceScaling : Initializer
{
    private readonly string _name;

    /// <summary>Creates the initializer (Keras defaults: scale 1, fan_in, truncated normal, no seed).</summary>
    /// <param name="scale">Variance scale, &gt; 0 (1 for Glorot and LeCun, 2 for He).</param>
    /// <param name="mode">Which fan to divide by.</param>
    /// <param name="distribution">What to draw from.</param>
    /// <param name="seed">Seed of the initializer's own stream: every call gives the same values. Default: the layer's stream.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="scale"/> is not positive.</exception>
    public VarianceScaling(double scale = 1, FanMode mode = FanMode.In, Distribution distribution = Distribution.TruncatedNormal, long? seed = null)
        : this(scale, mode, distribution, seed, "variance_scaling")
    {
    }

    /// <summary>Creates a named form (e.g. <c>glorot_uniform</c>) whose configuration is its seed alone.</summary>
    private protected VarianceScaling(double scale, FanMode mode, Distribution distribution, long? seed, string name)
    {
        if (!(scale > 0)) throw new ArgumentOutOfRangeException(nameof(scale), scale, $"Argument scale must be a positive number, got {scale}.");
        Scale = scale;
        Mode = mode;
        Distribution = distribution;
        Seed = seed;
        _name = name;
    }

    /// <summary>Variance scale.</summary>
    public double Scale { get; }

    /// <summary>Which fan to divide by.</summary>
    public FanMode Mode { get; }

    /// <summary>What values are drawn from.</summary>
    public Distribution Distribution { get; }

    /// <summary>Seed of the initializer's own stream, or <c>null</c> to draw from the layer's.</summary>
    public long? Seed { get; }

    /// <inheritdoc/>
    public override string Name => _name;

    /// <inheritdoc/>
    public override IReadOnlyDictionary<string, object?> GetConfig() => new Dictionary<string, object?>
    {
        ["scale"] = Scale,
        ["mode"] = Mode switch { FanMode.In => "fan_in", FanMode.Out => "fan_out", _ => "fan_avg" },
        ["distribution"] = Naming.SnakeCase(Distribution.ToString()),
        ["seed"] = Seed,
    };

    /// <inheritdoc/>
    public override void Fill(Span<float> values, IReadOnlyList<int> shape, RandomGenerator random)
    {
        random = StreamFor(Seed, random);
        var (fanIn, fanOut) = Fans(shape);
        double n = Mode switch { FanMode.In => fanIn, FanMode.Out => fanOut, _ => (fanIn + fanOut) / 2 };
        double variance = Scale / Math.Max(1, n);
        switch (Distribution)
        {
            case Distribution.Uniform:
                double limit = Math.Sqrt(3 * variance);
                for (int i = 0; i < values.Length; i++) values[i] = (float)((2 * random.NextDouble() - 1) * limit);
                break;
            case Distribution.UntruncatedNormal:
                for (int i = 0; i < values.Length; i++) values[i] = (float)(Math.Sqrt(variance) * random.NextGaussian());
                break;
            default:
                TruncatedNormal.FillTruncated(values, 0, Math.Sqrt(variance) / 0.87962566103423978, random);
                break;
        }
    }

    /// <summary>The same initializer with another seed (used when reading a configuration).</summary>
    internal virtual VarianceScaling WithSeed(long? seed) => new(Scale, Mode, Distribution, seed);

    /// <summary>Keras's <c>mode</c> string: <c>fan_in</c>, <c>fan_out</c> or <c>fan_avg</c>.</summary>
    /// <exception cref="ArgumentException">Another string.</exception>
    internal static FanMode ParseMode(string mode) => mode switch
    {
        "fan_in" => FanMode.In,
        "fan_out" => FanMode.Out,
        "fan_avg" => FanMode.Average,
        _ => throw new ArgumentException($"Invalid mode argument: expected one of fan_in, fan_out, fan_avg, got \"{mode}\".", nameof(mode)),
    };

    /// <summary>Keras's <c>distribution</c> string: <c>truncated_normal</c> (or its alias <c>normal</c>), <c>untruncated_normal</c>, <c>uniform</c>.</summary>
    /// <exception cref="ArgumentException">Another string.</exception>
    internal static Distribution ParseDistribution(string distribution) => distribution switch
    {
        "truncated_normal" or "normal" => Distribution.TruncatedNormal,
        "untruncated_normal" => Distribution.UntruncatedNormal,
        "uniform" => Distribution.Uniform,
        _ => throw new ArgumentException(
            $"Invalid distribution argument: expected one of truncated_normal, untruncated_normal, uniform, got \"{distribution}\".", nameof(distribution)),
    };
}
