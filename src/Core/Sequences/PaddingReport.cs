using System.Globalization;
using System.Text;
using NotebookRnn.Layers;

namespace NotebookRnn.Sequences;

/// <summary>
/// How much padding a set of sequences costs and what to do about it: length statistics, a histogram, the padding
/// and truncation a given <c>maxLen</c> causes, and a table comparing batching strategies, with a recommendation.
/// <see cref="ToString"/> renders it as plain text for a console.
/// </summary>
/// <remarks>
/// Percentiles use linear interpolation between order statistics, numpy's default: for the sorted lengths
/// x₀ ≤ … ≤ xₙ₋₁ and h = (n − 1)·p/100, the p-th percentile is x⌊h⌋ + (h − ⌊h⌋)·(x⌊h⌋₊₁ − x⌊h⌋).
/// The median is the 50th percentile.
/// </remarks>
public sealed class PaddingReport
{
    private readonly int[] _sorted;

    private PaddingReport(int[] lengths, int? maxLen, Padding padding, Truncating truncating, int buckets,
        double padPercentile, int histogramBins)
    {
        _sorted = lengths.Order().ToArray();
        RealTokens = lengths.Sum(l => (long)l);
        RequestedMaxLen = maxLen;
        MaxLen = maxLen ?? MaxLength;
        Padding = padding;
        Truncating = truncating;
        PadPercentile = padPercentile;
        BucketBoundaries = Sequences.AutoBuckets(lengths, buckets);
        Histogram = BuildHistogram(histogramBins);
        Strategies = BuildStrategies(lengths);
        Recommendation = Recommend();
    }

    /// <summary>Number of sequences.</summary>
    public int Count => _sorted.Length;

    /// <summary>Sum of all lengths.</summary>
    public long RealTokens { get; }

    /// <summary>Shortest length.</summary>
    public int MinLength => _sorted[0];

    /// <summary>Longest length.</summary>
    public int MaxLength => _sorted[^1];

    /// <summary>Mean length: <c>RealTokens / Count</c>.</summary>
    public double MeanLength => (double)RealTokens / Count;

    /// <summary>Median length (50th percentile, interpolated).</summary>
    public double MedianLength => Percentile(50);

    /// <summary>90th percentile of the lengths.</summary>
    public double P90 => Percentile(90);

    /// <summary>95th percentile of the lengths.</summary>
    public double P95 => Percentile(95);

    /// <summary>99th percentile of the lengths.</summary>
    public double P99 => Percentile(99);

    /// <summary>The <c>maxLen</c> asked for, or <c>null</c> when none was given.</summary>
    public int? RequestedMaxLen { get; }

    /// <summary>The row length the padding figures below use: the requested <c>maxLen</c>, else the longest length.</summary>
    public int MaxLen { get; }

    /// <summary>Where padding goes (it changes which steps are padding, not how many).</summary>
    public Padding Padding { get; }

    /// <summary>Which end is cut (it changes which tokens are lost, not how many).</summary>
    public Truncating Truncating { get; }

    /// <summary>Tokens in the padded block: <c>Count × MaxLen</c>.</summary>
    public long PaddedTokens => (long)Count * MaxLen;

    /// <summary>Real tokens that fit: Σ min(length, MaxLen).</summary>
    public long KeptTokens => PaddedTokens - PaddingTokens;

    /// <summary>Padding tokens: Σ max(0, MaxLen − length).</summary>
    public long PaddingTokens => _sorted.Sum(l => (long)Math.Max(0, MaxLen - l));

    /// <summary>Real tokens lost to truncation: Σ max(0, length − MaxLen).</summary>
    public long TruncatedTokens => _sorted.Sum(l => (long)Math.Max(0, l - MaxLen));

    /// <summary>Share of the padded block that is padding: <c>PaddingTokens / PaddedTokens</c> (0 for an empty block).</summary>
    public double PaddingRatio => PaddedTokens == 0 ? 0 : (double)PaddingTokens / PaddedTokens;

    /// <summary>Number of sequences longer than <see cref="MaxLen"/>.</summary>
    public int SamplesTruncated => _sorted.Count(l => l > MaxLen);

    /// <summary>The percentile used by the <see cref="PaddingStrategy.Percentile"/> strategy (default 95).</summary>
    public double PadPercentile { get; }

    /// <summary>The padding-optimal boundaries (<see cref="Sequences.AutoBuckets"/>) used by the bucket strategy.</summary>
    public int[] BucketBoundaries { get; }

    /// <summary>Equal-width integer bins from <see cref="MinLength"/> to <see cref="MaxLength"/>, covering every length.</summary>
    public IReadOnlyList<LengthHistogramBin> Histogram { get; }

    /// <summary>
    /// The strategies compared: pad to longest, pad to the percentile, pad to the requested maxLen (when given),
    /// auto-buckets, and packed.
    /// </summary>
    public IReadOnlyList<PaddingStrategyRow> Strategies { get; }

    /// <summary>Which strategy to use and why, in plain sentences with the figures that decide it.</summary>
    public string Recommendation { get; }

    /// <summary>
    /// Analyses sequence lengths.
    /// </summary>
    /// <param name="lengths">Length of each sequence (≥ 0); at least one.</param>
    /// <param name="maxLen">The row length to evaluate; <c>null</c> (default) = the longest length.</param>
    /// <param name="padding">Padding side reported; default <see cref="Padding.Pre"/>.</param>
    /// <param name="truncating">Truncation side reported; default <see cref="Truncating.Pre"/>.</param>
    /// <param name="buckets">Number of buckets of the auto-bucket strategy (≥ 1); default 4.</param>
    /// <param name="padPercentile">Percentile of the percentile strategy, in (0, 100]; default 95.</param>
    /// <param name="histogramBins">Maximum number of histogram bins (≥ 1); default 10.</param>
    /// <exception cref="ArgumentException"><paramref name="lengths"/> is empty or holds a negative length.</exception>
    /// <exception cref="ArgumentOutOfRangeException">Another argument is outside the range given above.</exception>
    public static PaddingReport Analyse(
        IReadOnlyList<int> lengths, int? maxLen = null, Padding padding = Padding.Pre,
        Truncating truncating = Truncating.Pre, int buckets = 4, double padPercentile = 95, int histogramBins = 10)
    {
        ArgumentNullException.ThrowIfNull(lengths);
        if (lengths.Count == 0)
            throw new ArgumentException("Expected at least one sequence length, got none.", nameof(lengths));
        for (int i = 0; i < lengths.Count; i++)
            if (lengths[i] < 0)
                throw new ArgumentException($"Lengths must be ≥ 0, but length {i} is {lengths[i]}.", nameof(lengths));
        if (maxLen < 0)
            throw new ArgumentOutOfRangeException(nameof(maxLen), maxLen, "Expected maxLen ≥ 0 (or null for the longest).");
        if (buckets < 1)
            throw new ArgumentOutOfRangeException(nameof(buckets), buckets, "Expected at least 1 bucket.");
        if (!(padPercentile > 0 && padPercentile <= 100))
            throw new ArgumentOutOfRangeException(nameof(padPercentile), padPercentile, "Expected a percentile in (0, 100].");
        if (histogramBins < 1)
            throw new ArgumentOutOfRangeException(nameof(histogramBins), histogramBins, "Expected at least 1 histogram bin.");
        return new PaddingReport(lengths.ToArray(), maxLen, padding, truncating, buckets, padPercentile, histogramBins);
    }

    /// <summary>Analyses token sequences by their lengths; see <see cref="Analyse(IReadOnlyList{int}, int?, Padding, Truncating, int, double, int)"/>.</summary>
    /// <exception cref="ArgumentException"><paramref name="sequences"/> is empty or holds a null sequence.</exception>
    public static PaddingReport Analyse(
        IReadOnlyList<IReadOnlyList<int>> sequences, int? maxLen = null, Padding padding = Padding.Pre,
        Truncating truncating = Truncating.Pre, int buckets = 4, double padPercentile = 95, int histogramBins = 10)
    {
        ArgumentNullException.ThrowIfNull(sequences);
        var lengths = new int[sequences.Count];
        for (int i = 0; i < lengths.Length; i++)
            lengths[i] = sequences[i]?.Count ?? throw new ArgumentException($"Sequence {i} is null.", nameof(sequences));
        return Analyse(lengths, maxLen, padding, truncating, buckets, padPercentile, histogramBins);
    }

    /// <summary>
    /// The <paramref name="p"/>-th percentile of the lengths, interpolated linearly (numpy's default, see remarks).
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="p"/> is outside [0, 100].</exception>
    public double Percentile(double p)
    {
        if (!(p >= 0 && p <= 100))
            throw new ArgumentOutOfRangeException(nameof(p), p, "Expected a percentile in [0, 100].");
        double h = (_sorted.Length - 1) * p / 100;
        int below = (int)Math.Floor(h);
        if (below >= _sorted.Length - 1) return _sorted[^1];
        return _sorted[below] + (h - below) * (_sorted[below + 1] - _sorted[below]);
    }

    /// <summary>The strategy row of the given kind, or <c>null</c> when the report has none (maxLen not given).</summary>
    public PaddingStrategyRow? Strategy(PaddingStrategy strategy) => Strategies.FirstOrDefault(r => r.Strategy == strategy);

    /// <summary>Renders the report as aligned plain text: statistics, histogram, strategy table and recommendation.</summary>
    public override string ToString() => PaddingReportText.Render(this);

    private List<LengthHistogramBin> BuildHistogram(int bins)
    {
        int span = MaxLength - MinLength + 1;
        int width = (span + bins - 1) / bins;
        var result = new List<LengthHistogramBin>();
        for (int lower = MinLength; lower <= MaxLength; lower += width)
        {
            int upper = lower + width;
            result.Add(new LengthHistogramBin(lower, upper, _sorted.Count(l => l >= lower && l < upper)));
        }
        return result;
    }

    private List<PaddingStrategyRow> BuildStrategies(int[] lengths)
    {
        int percentileLength = (int)Math.Ceiling(Percentile(PadPercentile));
        var rows = new List<PaddingStrategyRow>
        {
            FixedLength(PaddingStrategy.Longest, "pad to longest", MaxLength),
            FixedLength(PaddingStrategy.Percentile,
                "pad to p" + PadPercentile.ToString("0.##", CultureInfo.InvariantCulture), percentileLength),
        };
        if (RequestedMaxLen is int maxLen) rows.Add(FixedLength(PaddingStrategy.MaxLen, "pad to maxLen", maxLen));
        rows.Add(Bucketed(lengths));
        rows.Add(new PaddingStrategyRow(PaddingStrategy.Packed, "packed (no padding)", [], RealTokens, RealTokens, 0, 0, RealTokens));
        return rows;
    }

    private PaddingStrategyRow FixedLength(PaddingStrategy strategy, string name, int length)
    {
        long truncated = _sorted.Sum(l => (long)Math.Max(0, l - length));
        long computed = (long)Count * length;
        return new PaddingStrategyRow(strategy, name, [length], computed, RealTokens - truncated, truncated,
            _sorted.Count(l => l > length), RealTokens);
    }

    private PaddingStrategyRow Bucketed(int[] lengths)
    {
        int buckets = BucketBoundaries.Length + 1;
        var longest = new int[buckets];
        var samples = new long[buckets];
        foreach (int length in lengths)
        {
            int bucket = BucketBoundaries.Count(b => length >= b);
            longest[bucket] = Math.Max(longest[bucket], length);
            samples[bucket]++;
        }
        long computed = 0;
        for (int b = 0; b < buckets; b++) computed += samples[b] * longest[b];
        string name = buckets == 1 ? "1 auto-bucket" : $"{buckets} auto-buckets";
        return new PaddingStrategyRow(PaddingStrategy.AutoBuckets, name, longest, computed, RealTokens, 0, 0, RealTokens);
    }

    private string Recommend()
    {
        if (RealTokens == 0) return "Every sequence is empty: there is nothing to compute.";
        var text = new StringBuilder(ChooseStrategy());
        if (Strategy(PaddingStrategy.MaxLen) is { } requested)
            text.Append(' ').Append(DescribeRequestedMaxLen(requested));
        text.Append(" The packed row is the floor: what a loop that skips padded steps computes.");
        return text.ToString();
    }

    private string ChooseStrategy()
    {
        PaddingStrategyRow longest = Strategy(PaddingStrategy.Longest)!;
        PaddingStrategyRow bucketed = Strategy(PaddingStrategy.AutoBuckets)!;
        PaddingStrategyRow percentile = Strategy(PaddingStrategy.Percentile)!;
        if (longest.ComputeRatio <= 1.10)
            return $"Pad to the longest sequence ({MaxLength}): it computes only {Ratio(longest)} the real tokens, " +
                   "so bucketing or truncation would save little.";
        if (bucketed.ComputedTokens <= 0.8 * longest.ComputedTokens)
            return $"Use {bucketed.Name} with boundaries [{string.Join(", ", BucketBoundaries)}] " +
                   $"(Sequences.BucketBySequenceLength): they compute {Ratio(bucketed)} the real tokens instead of " +
                   $"{Ratio(longest)} when padding to the longest ({MaxLength}), and lose nothing.";
        if (percentile.TruncatedTokens <= 0.01 * RealTokens && percentile.ComputedTokens <= 0.8 * longest.ComputedTokens)
            return $"Pad to {percentile.PaddedLengths[0]} ({percentile.Name}): it computes {Ratio(percentile)} the real " +
                   $"tokens instead of {Ratio(longest)} and truncates only {percentile.SamplesTruncated} samples " +
                   $"({Share(percentile.TruncatedTokens)} of the real tokens).";
        return $"Pad to the longest sequence ({MaxLength}, {Ratio(longest)} the real tokens): neither " +
               $"{bucketed.Name} ({Ratio(bucketed)}) nor {percentile.Name} ({Ratio(percentile)}, " +
               $"{Share(percentile.TruncatedTokens)} truncated) saves a fifth of the work without losing tokens.";
    }

    private string DescribeRequestedMaxLen(PaddingStrategyRow requested)
    {
        if (requested.SamplesTruncated == 0)
            return $"The requested maxLen {MaxLen} truncates nothing and computes {Ratio(requested)} the real tokens.";
        string kept = Truncating == Truncating.Pre ? "last" : "first";
        return $"The requested maxLen {MaxLen} truncates {Number(requested.SamplesTruncated)} of {Number(Count)} samples, losing " +
               $"{Number(requested.TruncatedTokens)} tokens " +
               $"({Share(requested.TruncatedTokens)}); truncating '{Truncating.ToString().ToLowerInvariant()}' keeps " +
               $"the {kept} {MaxLen} steps of each.";
    }

    private static string Number(long value) => value.ToString("N0", CultureInfo.InvariantCulture);

    private static string Ratio(PaddingStrategyRow row) => row.ComputeRatio.ToString("0.00", CultureInfo.InvariantCulture) + "×";

    private string Share(long tokens) => ((double)tokens / RealTokens).ToString("0.0%", CultureInfo.InvariantCulture);
}
