namespace NotebookRnn.Kernels.Tests;

public class ElementwiseKernelsAddTests
{
    [Fact]
    public void Add_matches_the_scalar_sum_at_every_length_and_in_place()
    {
        for (int n = 0; n <= TestValues.MaxLength; n++)
        {
            float[] x = TestValues.Wave(n, 0), y = TestValues.Wave(n, 1), d = new float[n];
            float[] expected = TestValues.Each(n, i => x[i] + y[i]);
            ElementwiseKernels.Add(x, y, d);
            Assert.Equal(expected, d);
            float[] inFirst = [.. x];
            ElementwiseKernels.Add(inFirst, y, inFirst);
            Assert.Equal(expected, inFirst);
            ElementwiseKernels.Add(x, y, y);
            Assert.Equal(expected, y);
        }
    }

    [Fact]
    public void A_short_input_is_an_error_that_names_it_and_gives_the_lengths()
    {
        var error = Assert.Throws<ArgumentException>(() => ElementwiseKernels.Add(new float[3], new float[5], new float[5]));
        Assert.Equal("x", error.ParamName);
        Assert.Contains("at least 5 values", error.Message);
        Assert.Contains("got 3", error.Message);
        Assert.Equal("y", Assert.Throws<ArgumentException>(() => ElementwiseKernels.Add(new float[5], new float[4], new float[5])).ParamName);
    }

    [Fact]
    public void Longer_inputs_are_read_only_as_far_as_the_destination()
    {
        float[] x = TestValues.Wave(30, 0), y = TestValues.Wave(30, 2), d = new float[17];
        ElementwiseKernels.Add(x, y, d);
        Assert.Equal(TestValues.Each(17, i => x[i] + y[i]), d);
    }
}
