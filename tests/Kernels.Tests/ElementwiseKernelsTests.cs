namespace NotebookRnn.Kernels.Tests;

/// <summary>Every length 0..70, so that the 16-, 8- and 4-lane loops and the scalar tail each run, in place too.</summary>
public class ElementwiseKernelsTests
{
    private static float[] Values(int n, double phase) => [.. Enumerable.Range(0, n).Select(i => (float)(Math.Sin(i * 0.7 + phase) * 3))];

    [Fact]
    public void Each_operation_matches_its_scalar_formula_at_every_length()
    {
        for (int n = 0; n <= 70; n++)
        {
            float[] x = Values(n, 0), y = Values(n, 1), z = Values(n, 2), d = new float[n];
            ElementwiseKernels.Add(x, y, d);
            Assert.Equal([.. x.Select((v, i) => v + y[i])], d);
            ElementwiseKernels.Multiply(x, y, d);
            Assert.Equal([.. x.Select((v, i) => v * y[i])], d);
            ElementwiseKernels.Multiply(x, 0.3f, d);
            Assert.Equal([.. x.Select(v => v * 0.3f)], d);
            ElementwiseKernels.MultiplyAdd(x, y, z, d);
            Assert.Equal([.. x.Select((v, i) => v * y[i] + z[i])], d);
            ElementwiseKernels.MultiplyAdd(x, -1.5f, z, d);
            Assert.Equal([.. x.Select((v, i) => v * -1.5f + z[i])], d);
        }
    }

    [Fact]
    public void In_place_updates_read_each_value_before_writing_it()
    {
        for (int n = 0; n <= 70; n++)
        {
            float[] x = Values(n, 0), target = Values(n, 1), expected = [.. target.Select((v, i) => x[i] * 2f + v)];
            ElementwiseKernels.MultiplyAdd(x, 2f, target, target);
            Assert.Equal(expected, target);
            expected = [.. target.Select((v, i) => v + x[i])];
            ElementwiseKernels.Add(target, x, target);
            Assert.Equal(expected, target);
        }
    }

    [Fact]
    public void Only_the_destination_length_is_written()
    {
        float[] x = Values(20, 0), destination = new float[24];
        ElementwiseKernels.Multiply(x, 2f, destination.AsSpan(0, 17));
        Assert.Equal([.. x[..17].Select(v => v * 2f)], destination[..17]);
        Assert.All(destination[17..], v => Assert.Equal(0f, v));
    }

    [Fact]
    public void A_short_input_is_an_error_that_gives_the_lengths()
    {
        var error = Assert.Throws<ArgumentException>(() => ElementwiseKernels.Add(new float[3], new float[5], new float[5]));
        Assert.Contains("5 values, got 3, 5 and 5", error.Message);
    }

    [Fact]
    public void Max_and_IndexOfMax_find_the_first_largest_value_and_stop_at_NaN()
    {
        Assert.Equal(3f, ElementwiseKernels.Max([1, 3, -2, 3]));
        Assert.Equal(1, ElementwiseKernels.IndexOfMax([1, 3, -2, 3]));
        Assert.True(float.IsNaN(ElementwiseKernels.Max([1, float.NaN, 5])));
        Assert.Equal(1, ElementwiseKernels.IndexOfMax([1, float.NaN, 5, float.NaN]));
        Assert.Equal(-1, ElementwiseKernels.IndexOfMax([]));
        Assert.Equal(float.NegativeInfinity, ElementwiseKernels.Max([]));
    }

    [Fact]
    public void AllFinite_finds_NaN_and_infinity_at_every_position_but_not_negative_values()
    {
        for (int n = 1; n <= 40; n++)
        {
            float[] x = [.. Values(n, 0).Select(v => -Math.Abs(v) - 1)];
            Assert.True(ElementwiseKernels.AllFinite(x));
            foreach (float bad in new[] { float.NaN, float.PositiveInfinity, float.NegativeInfinity })
                for (int at = 0; at < n; at++)
                {
                    float[] withBad = [.. x];
                    withBad[at] = bad;
                    Assert.False(ElementwiseKernels.AllFinite(withBad), $"{bad} at {at} of {n}");
                }
        }
    }
}
