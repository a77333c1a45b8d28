using NotebookRnn.Datasets;
using NotebookRnn.Tensors;

namespace NotebookRnn.Tests.Datasets;

public class LengthDistributionTests
{
    [Fact]
    public void Uniform_draws_every_length_in_the_range_about_equally_often()
    {
        int[] lengths = LengthDistribution.Uniform(3, 7).Sample(10_000, new RandomGenerator(1));
        var counts = lengths.GroupBy(l => l).OrderBy(g => g.Key).ToArray();
        Assert.Equal([3, 4, 5, 6, 7], counts.Select(g => g.Key));
        Assert.All(counts, g => Assert.InRange(g.Count(), 1800, 2200));
    }

    [Fact]
    public void Normal_has_the_requested_mean_and_spread_inside_the_range()
    {
        int[] lengths = LengthDistribution.Normal(50, 10, 0, 200).Sample(20_000, new RandomGenerator(2));
        double mean = lengths.Average();
        double sd = Math.Sqrt(lengths.Average(l => (l - mean) * (l - mean)));
        Assert.InRange(mean, 49.5, 50.5);
        Assert.InRange(sd, 9.7, 10.3);
    }

    [Fact]
    public void Truncation_redraws_instead_of_piling_up_at_the_bounds()
    {
        int[] lengths = LengthDistribution.Normal(10, 5, 8, 12).Sample(10_000, new RandomGenerator(3));
        Assert.All(lengths, l => Assert.InRange(l, 8, 12));
        int atBound = lengths.Count(l => l == 12), inside = lengths.Count(l => l == 11);
        Assert.True(atBound < inside, $"Expected fewer 12s than 11s for a normal centred on 10, got {atBound} and {inside}.");
    }

    [Fact]
    public void Log_normal_is_skewed_right_like_text_lengths()
    {
        int[] lengths = LengthDistribution.LogNormal(Math.Log(20), 0.8, 1, 400).Sample(20_000, new RandomGenerator(4));
        double median = lengths.Order().ElementAt(lengths.Length / 2);
        Assert.InRange(median, 19, 21);
        Assert.InRange(lengths.Average(), 26, 29);
        Assert.True(lengths.Max() > 5 * median, "Expected a long right tail.");
    }

    [Fact]
    public void The_same_seed_gives_the_same_lengths()
    {
        var distribution = LengthDistribution.LogNormal(3, 1, 1, 500);
        Assert.Equal(distribution.Sample(100, new RandomGenerator(9)), distribution.Sample(100, new RandomGenerator(9)));
        Assert.Equal("LogNormal(mu 3, sigma 1, [1, 500])", distribution.ToString());
    }

    [Fact]
    public void Invalid_parameters_and_empty_ranges_are_explained()
    {
        Assert.Equal("max", Assert.Throws<ArgumentOutOfRangeException>(() => LengthDistribution.Uniform(5, 4)).ParamName);
        Assert.Equal("min", Assert.Throws<ArgumentOutOfRangeException>(() => LengthDistribution.Uniform(-1, 4)).ParamName);
        Assert.Equal("standardDeviation",
            Assert.Throws<ArgumentOutOfRangeException>(() => LengthDistribution.Normal(5, 0, 1, 9)).ParamName);
        var far = LengthDistribution.Normal(1000, 1, 1, 10);
        var error = Assert.Throws<InvalidOperationException>(() => far.Next(new RandomGenerator(5)));
        Assert.Contains("1000 draws in a row fell outside [1, 10]", error.Message);
    }
}
