namespace NotebookRnn.Kernels.Tests;

public class ElementwiseKernelsMultiplyAddTests
{
    [Fact]
    public void MultiplyAdd_rounds_twice_like_the_scalar_formula_at_every_length()
    {
        for (int n = 0; n <= TestValues.MaxLength; n++)
        {
            float[] x = TestValues.Wave(n, 0), y = TestValues.Wave(n, 1), z = TestValues.Wave(n, 2), d = new float[n];
            ElementwiseKernels.MultiplyAdd(x, y, z, d);
            Assert.Equal(TestValues.Each(n, i => x[i] * y[i] + z[i]), d);
            ElementwiseKernels.MultiplyAdd(x, -1.5f, z, d);
            Assert.Equal(TestValues.Each(n, i => x[i] * -1.5f + z[i]), d);
        }
    }

    [Fact]
    public void In_place_updates_read_each_value_before_writing_it()
    {
        for (int n = 0; n <= TestValues.MaxLength; n++)
        {
            float[] x = TestValues.Wave(n, 0), target = TestValues.Wave(n, 1);
            float[] expected = TestValues.Each(n, i => x[i] * 2f + target[i]);
            ElementwiseKernels.MultiplyAdd(x, 2f, target, target);
            Assert.Equal(expected, target);
            expected = TestValues.Each(n, i => target[i] * x[i] + target[i]);
            ElementwiseKernels.MultiplyAdd(target, x, target, target);
            Assert.Equal(expected, target);
        }
    }

    [Fact]
    public void A_short_addend_is_an_error_that_names_it()
    {
        Assert.Equal("addend", Assert.Throws<ArgumentException>(() =>
            ElementwiseKernels.MultiplyAdd(new float[9], new float[9], new float[8], new float[9])).ParamName);
        Assert.Equal("addend", Assert.Throws<ArgumentException>(() =>
            ElementwiseKernels.MultiplyAdd(new float[9], 1f, new float[8], new float[9])).ParamName);
    }
}
