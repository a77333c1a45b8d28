using System.Globalization;
using NotebookRnn.Tensors;

namespace NotebookRnn.Datasets;

/// <summary>
/// A distribution of sequence lengths for synthetic data: uniform, normal, or log-normal (right-skewed, the
/// shape of real text lengths), always rounded to integers inside [Min, Max]. Sampling is seeded through
/// <see cref="RandomGenerator"/>.
/// </summary>
/// <remarks>
/// Normal and log-normal draws are rounded to the nearest integer (ties to even) and redrawn while outside
/// [Min, Max], so the result is the distribution truncated to the range, without spikes at its ends.
/// </remarks>
public sealed class LengthDistribution
{
    private const int MaxRedraws = 1000;
    private readonly Func<RandomGenerator, double> _draw;
    private readonly string _description;

    private LengthDistribution(int min, int max, string description, Func<RandomGenerator, double> draw)
    {
        Min = min;
        Max = max;
        _description = description;
        _draw = draw;
    }

    /// <summary>Smallest length drawn.</summary>
    public int Min { get; }

    /// <summary>Largest length drawn.</summary>
    public int Max { get; }

    /// <summary>Every integer length in [<paramref name="min"/>, <paramref name="max"/>] equally likely.</summary>
    /// <exception cref="ArgumentOutOfRangeException">min &lt; 0, max &lt; min, or max = int.MaxValue.</exception>
    public static LengthDistribution Uniform(int min, int max)
    {
        CheckRange(min, max);
        return new LengthDistribution(min, max, $"Uniform({min}, {max})", random => random.NextInt(min, max + 1));
    }

    /// <summary>round(N(<paramref name="mean"/>, <paramref name="standardDeviation"/>²)), truncated to [min, max].</summary>
    /// <exception cref="ArgumentOutOfRangeException">The standard deviation is not positive, or the range is invalid.</exception>
    public static LengthDistribution Normal(double mean, double standardDeviation, int min, int max)
    {
        CheckRange(min, max);
        CheckPositive(standardDeviation, nameof(standardDeviation));
        return new LengthDistribution(min, max, $"Normal(mean {Text(mean)}, sd {Text(standardDeviation)}, [{min}, {max}])",
            random => mean + standardDeviation * random.NextGaussian());
    }

    /// <summary>
    /// round(exp(N(<paramref name="mu"/>, <paramref name="sigma"/>²))), truncated to [min, max]: median e^mu, long
    /// right tail. Sentence and document lengths look like this; e.g. <c>LogNormal(Math.Log(20), 0.8, 1, 400)</c>
    /// has median 20 and a mean near 27.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="sigma"/> is not positive, or the range is invalid.</exception>
    public static LengthDistribution LogNormal(double mu, double sigma, int min, int max)
    {
        CheckRange(min, max);
        CheckPositive(sigma, nameof(sigma));
        return new LengthDistribution(min, max, $"LogNormal(mu {Text(mu)}, sigma {Text(sigma)}, [{min}, {max}])",
            random => Math.Exp(mu + sigma * random.NextGaussian()));
    }

    /// <summary>Draws one length.</summary>
    /// <exception cref="InvalidOperationException">1,000 draws in a row fell outside [Min, Max]: the range holds almost none of the distribution.</exception>
    public int Next(RandomGenerator random)
    {
        ArgumentNullException.ThrowIfNull(random);
        for (int attempt = 0; attempt < MaxRedraws; attempt++)
        {
            double value = Math.Round(_draw(random));
            if (value >= Min && value <= Max) return (int)value;
        }
        throw new InvalidOperationException(
            $"{_description}: {MaxRedraws} draws in a row fell outside [{Min}, {Max}]; the range holds almost none of " +
            "the distribution. Widen the range or move the distribution into it.");
    }

    /// <summary>Draws <paramref name="count"/> lengths.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="count"/> is negative.</exception>
    public int[] Sample(int count, RandomGenerator random)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        ArgumentNullException.ThrowIfNull(random);
        var lengths = new int[count];
        for (int i = 0; i < count; i++) lengths[i] = Next(random);
        return lengths;
    }

    /// <summary>The distribution and its parameters, e.g. <c>Uniform(5, 50)</c>.</summary>
    public override string ToString() => _description;

    private static void CheckRange(int min, int max)
    {
        if (min < 0) throw new ArgumentOutOfRangeException(nameof(min), min, "Expected a minimum length ≥ 0.");
        if (max < min || max == int.MaxValue)
            throw new ArgumentOutOfRangeException(nameof(max), max, $"Expected min ({min}) ≤ max < {int.MaxValue}.");
    }

    private static void CheckPositive(double value, string name)
    {
        if (!(value > 0) || double.IsInfinity(value))
            throw new ArgumentOutOfRangeException(name, value, "Expected a positive, finite value.");
    }

    private static string Text(double value) => value.ToString("0.###", CultureInfo.InvariantCulture);
}
