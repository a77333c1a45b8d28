using NotebookRnn.Datasets;
using NotebookRnn.Sequences;
using NotebookRnn.Tensors;

namespace NotebookRnn.Tests.SequencesToolkit;

public class PaddingReportTests
{
    private static readonly int[] Digits = [3, 1, 4, 1, 5, 9, 2, 6];

    [Fact]
    public void Percentiles_interpolate_linearly_like_numpy()
    {
        // numpy.percentile(range(1, 11), [50, 90, 95, 99]) = [5.5, 9.1, 9.55, 9.91]
        var report = PaddingReport.Analyse(Enumerable.Range(1, 10).ToArray());
        Assert.Equal(5.5, report.MedianLength, 12);
        Assert.Equal(9.1, report.P90, 12);
        Assert.Equal(9.55, report.P95, 12);
        Assert.Equal(9.91, report.P99, 12);
        Assert.Equal(1, report.Percentile(0));
        Assert.Equal(10, report.Percentile(100));
    }

    [Fact]
    public void Statistics_of_a_small_set_match_hand_computed_values()
    {
        // Sorted: 1 1 2 3 4 5 6 9; h = 7p/100; p90 → x6 + 0.3·(x7 − x6) = 6.9.
        var report = PaddingReport.Analyse(Digits);
        Assert.Equal(8, report.Count);
        Assert.Equal(31, report.RealTokens);
        Assert.Equal(1, report.MinLength);
        Assert.Equal(9, report.MaxLength);
        Assert.Equal(31 / 8.0, report.MeanLength, 12);
        Assert.Equal(3.5, report.MedianLength, 12);
        Assert.Equal(6.9, report.P90, 12);
        Assert.Equal(7.95, report.P95, 12);
        Assert.Equal(8.79, report.P99, 12);
    }

    [Fact]
    public void A_requested_max_len_reports_padding_and_truncation()
    {
        var report = PaddingReport.Analyse(Digits, maxLen: 4);
        Assert.Equal(4, report.MaxLen);
        Assert.Equal(32, report.PaddedTokens);
        Assert.Equal(3 + 1 + 4 + 1 + 4 + 4 + 2 + 4, report.KeptTokens);
        Assert.Equal(1 + 3 + 3 + 2, report.PaddingTokens);
        Assert.Equal(1 + 5 + 2, report.TruncatedTokens);
        Assert.Equal(3, report.SamplesTruncated);
        Assert.Equal(9 / 32.0, report.PaddingRatio, 12);
    }

    [Fact]
    public void Without_max_len_the_longest_is_used_and_nothing_is_truncated()
    {
        var report = PaddingReport.Analyse(Digits);
        Assert.Null(report.RequestedMaxLen);
        Assert.Equal(9, report.MaxLen);
        Assert.Equal(72 - 31, report.PaddingTokens);
        Assert.Equal(0, report.TruncatedTokens);
        Assert.Null(report.Strategy(PaddingStrategy.MaxLen));
    }

    [Fact]
    public void Histogram_bins_have_equal_integer_widths_and_cover_every_length()
    {
        var report = PaddingReport.Analyse(Digits, histogramBins: 4);
        Assert.Equal(
            [new LengthHistogramBin(1, 4, 4), new LengthHistogramBin(4, 7, 3), new LengthHistogramBin(7, 10, 1)],
            report.Histogram);
        Assert.All(PaddingReport.Analyse(Enumerable.Range(1, 10).ToArray()).Histogram, bin => Assert.Equal(1, bin.Count));
    }

    [Fact]
    public void Strategy_rows_of_a_small_set_match_hand_computed_values()
    {
        var report = PaddingReport.Analyse(Digits, maxLen: 4, buckets: 2);
        var longest = report.Strategy(PaddingStrategy.Longest)!;
        Assert.Equal([9], longest.PaddedLengths);
        Assert.Equal(72, longest.ComputedTokens);
        Assert.Equal(72 / 31.0, longest.ComputeRatio, 12);

        var p95 = report.Strategy(PaddingStrategy.Percentile)!;
        Assert.Equal("pad to p95", p95.Name);
        Assert.Equal([8], p95.PaddedLengths);
        Assert.Equal(64, p95.ComputedTokens);
        Assert.Equal(1, p95.TruncatedTokens);
        Assert.Equal(30, p95.RealTokens);
        Assert.Equal(34, p95.PaddingTokens);

        // Two buckets, split after 1|2|3|4|5|6: 56, 51, 48, 47, 48, 51 tokens: {1, 1, 2, 3, 4} padded to 4 and {5, 6, 9} to 9.
        var buckets = report.Strategy(PaddingStrategy.AutoBuckets)!;
        Assert.Equal("2 auto-buckets", buckets.Name);
        Assert.Equal([5], report.BucketBoundaries);
        Assert.Equal([4, 9], buckets.PaddedLengths);
        Assert.Equal(5 * 4 + 3 * 9, buckets.ComputedTokens);

        var packed = report.Strategy(PaddingStrategy.Packed)!;
        Assert.Equal(31, packed.ComputedTokens);
        Assert.Equal(1.0, packed.ComputeRatio);
        Assert.Equal(0, packed.PaddingTokens);
    }

    [Fact]
    public void Every_figure_matches_an_independent_computation_on_skewed_lengths()
    {
        int[] lengths = LengthDistribution.LogNormal(Math.Log(30), 0.9, 1, 600).Sample(3000, new RandomGenerator(11));
        const int maxLen = 80;
        var report = PaddingReport.Analyse(lengths, maxLen, buckets: 3, padPercentile: 90);

        long real = lengths.Sum(l => (long)l);
        Assert.Equal(real, report.RealTokens);
        Assert.Equal(lengths.Average(), report.MeanLength, 9);
        Assert.Equal(ReferencePercentile(lengths, 50), report.MedianLength, 9);
        Assert.Equal(ReferencePercentile(lengths, 95), report.P95, 9);
        Assert.Equal(ReferencePercentile(lengths, 99), report.P99, 9);
        Assert.Equal(lengths.Count(l => l > maxLen), report.SamplesTruncated);
        Assert.Equal(lengths.Where(l => l > maxLen).Sum(l => (long)(l - maxLen)), report.TruncatedTokens);
        Assert.Equal(lengths.Where(l => l < maxLen).Sum(l => (long)(maxLen - l)), report.PaddingTokens);
        Assert.Equal(lengths.Length, report.Histogram.Sum(b => b.Count));

        foreach (PaddingStrategyRow row in report.Strategies.Where(r => r.PaddedLengths.Count == 1))
        {
            int length = row.PaddedLengths[0];
            Assert.Equal((long)lengths.Length * length, row.ComputedTokens);
            Assert.Equal(lengths.Sum(l => (long)Math.Min(l, length)), row.RealTokens);
            Assert.Equal(lengths.Sum(l => (long)Math.Max(0, l - length)), row.TruncatedTokens);
            Assert.Equal((double)row.ComputedTokens / real, row.ComputeRatio, 12);
        }
        Assert.Equal((int)Math.Ceiling(ReferencePercentile(lengths, 90)), report.Strategy(PaddingStrategy.Percentile)!.PaddedLengths[0]);
        var bucketed = report.Strategy(PaddingStrategy.AutoBuckets)!;
        Assert.Equal(
            lengths.GroupBy(l => report.BucketBoundaries.Count(b => l >= b)).Sum(g => (long)g.Count() * g.Max()),
            bucketed.ComputedTokens);
        Assert.Equal(3, bucketed.PaddedLengths.Count);
    }

    [Fact]
    public void Equal_lengths_recommend_padding_to_the_longest()
    {
        var report = PaddingReport.Analyse([20, 20, 20, 19]);
        Assert.StartsWith("Pad to the longest sequence (20): it computes only 1.01× the real tokens", report.Recommendation);
    }

    [Fact]
    public void Two_length_clusters_recommend_buckets()
    {
        int[] lengths = [.. Enumerable.Repeat(10, 90), .. Enumerable.Repeat(200, 10)];
        var report = PaddingReport.Analyse(lengths);
        Assert.StartsWith("Use 2 auto-buckets with boundaries [11]", report.Recommendation);
        Assert.Contains("compute 1.00× the real tokens instead of 6.90×", report.Recommendation);
    }

    [Fact]
    public void A_few_long_outliers_recommend_the_percentile_when_buckets_are_not_allowed()
    {
        int[] lengths = [.. Enumerable.Repeat(100, 990), .. Enumerable.Repeat(150, 10)];
        var report = PaddingReport.Analyse(lengths, buckets: 1);
        Assert.StartsWith("Pad to 100 (pad to p95): it computes 1.00× the real tokens instead of 1.49× and truncates " +
                          "only 10 samples (0.5% of the real tokens).", report.Recommendation);
    }

    [Fact]
    public void Without_a_saving_strategy_the_longest_is_recommended_with_the_reason()
    {
        var report = PaddingReport.Analyse(Enumerable.Range(1, 100).ToArray(), buckets: 1);
        Assert.StartsWith("Pad to the longest sequence (100, 1.98× the real tokens): neither 1 auto-bucket (1.98×) " +
                          "nor pad to p95 (1.90×, 0.2% truncated)", report.Recommendation);
    }

    [Fact]
    public void A_truncating_max_len_is_called_out_in_the_recommendation()
    {
        var report = PaddingReport.Analyse(Digits, maxLen: 4);
        Assert.Contains("The requested maxLen 4 truncates 3 of 8 samples, losing 8 tokens (25.8%); truncating 'pre' " +
                        "keeps the last 4 steps of each.", report.Recommendation);
    }

    [Fact]
    public void Plain_text_rendering_lists_every_figure_in_aligned_columns()
    {
        var report = PaddingReport.Analyse(Digits, maxLen: 4, buckets: 2);
        string text = report.ToString();
        Assert.StartsWith("Padding report: 8 sequences, 31 real tokens", text);
        Assert.Contains("Lengths: min 1, median 3.5, mean 3.88, p90 6.9, p95 7.95, p99 8.79, max 9", text);
        Assert.Contains("maxLen 4 (requested; padding 'pre', truncating 'pre' keeps the last steps): 32 tokens = " +
                        "23 real + 9 padding (28.1%); 3 samples truncated, 8 tokens lost", text);
        Assert.Contains("Recommendation: " + report.Recommendation, text);

        string[] lines = text.Split('\n').Select(l => l.TrimEnd('\r')).ToArray();
        int header = Array.FindIndex(lines, l => l.StartsWith("Strategy"));
        string[] table = lines[header..(header + 1 + report.Strategies.Count)];
        Assert.All(table, line => Assert.Equal(table[0].Length, line.Length));
        Assert.Contains(table, line => line.StartsWith("2 auto-buckets") && line.Contains("4, 9") && line.EndsWith("1.52"));
        Assert.Contains(table, line => line.StartsWith("packed (no padding)") && line.EndsWith("1.00"));
        Assert.Contains("  [1, 2)", text);
    }

    [Fact]
    public void Token_sequences_are_analysed_by_their_lengths()
    {
        int[][] sequences = [[1, 2, 3], [4], [], [5, 6]];
        var report = PaddingReport.Analyse(sequences);
        Assert.Equal(6, report.RealTokens);
        Assert.Equal(0, report.MinLength);
        Assert.Equal(12, report.PaddedTokens);
    }

    [Fact]
    public void Invalid_input_is_rejected_with_the_value()
    {
        Assert.Contains("at least one", Assert.Throws<ArgumentException>(() => PaddingReport.Analyse(Array.Empty<int>())).Message);
        Assert.Contains("length 1 is -3", Assert.Throws<ArgumentException>(() => PaddingReport.Analyse([2, -3])).Message);
        Assert.Equal("padPercentile",
            Assert.Throws<ArgumentOutOfRangeException>(() => PaddingReport.Analyse([2], padPercentile: 120)).ParamName);
        Assert.Equal("maxLen", Assert.Throws<ArgumentOutOfRangeException>(() => PaddingReport.Analyse([2], maxLen: -1)).ParamName);
    }

    // Written apart from the library: numpy's "linear" method via the (n − 1)·p rank.
    private static double ReferencePercentile(int[] values, double p)
    {
        double[] sorted = values.Select(v => (double)v).OrderBy(v => v).ToArray();
        double rank = p / 100 * (sorted.Length - 1);
        int low = (int)rank, high = Math.Min(low + 1, sorted.Length - 1);
        return sorted[low] * (1 - (rank - low)) + sorted[high] * (rank - low);
    }
}
