namespace NotebookRnn.Kernels.Tests;

public class ElementwiseKernelsMultiplyTests
{
    [Fact]
    public void Multiply_matches_the_scalar_products_at_every_length_and_in_place()
    {
        for (int n = 0; n <= TestValues.MaxLength; n++)
        {
            float[] x = TestValues.Wave(n, 0), y = TestValues.Wave(n, 1), d = new float[n];
            ElementwiseKernels.Multiply(x, y, d);
            Assert.Equal(TestValues.Each(n, i => x[i] * y[i]), d);
            ElementwiseKernels.Multiply(x, 0.3f, d);
            Assert.Equal(TestValues.Each(n, i => x[i] * 0.3f), d);
            float[] expected = TestValues.Each(n, i => x[i] * -1.5f);
            ElementwiseKernels.Multiply(x, -1.5f, x);
            Assert.Equal(expected, x);
        }
    }

    [Fact]
    public void Only_the_destination_length_is_written()
    {
        float[] x = TestValues.Wave(20, 0), destination = new float[24];
        ElementwiseKernels.Multiply(x, 2f, destination.AsSpan(0, 17));
        Assert.Equal([.. x[..17].Select(v => v * 2f)], destination[..17]);
        Assert.All(destination[17..], v => Assert.Equal(0f, v));
    }

    [Fact]
    public void A_short_input_is_an_error_that_names_it()
    {
        Assert.Equal("y", Assert.Throws<ArgumentException>(() => ElementwiseKernels.Multiply(new float[8], new float[7], new float[8])).ParamName);
        Assert.Equal("x", Assert.Throws<ArgumentException>(() => ElementwiseKernels.Multiply(new float[7], 2f, new float[8])).ParamName);
    }
}
