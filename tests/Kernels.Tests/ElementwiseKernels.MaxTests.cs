namespace NotebookRnn.Kernels.Tests;

public class ElementwiseKernelsMaxTests
{
    [Fact]
    public void Max_finds_the_largest_value_and_stops_at_NaN()
    {
        Assert.Equal(3f, ElementwiseKernels.Max([1, 3, -2, 3]));
        Assert.True(float.IsNaN(ElementwiseKernels.Max([1, float.NaN, 5])));
        Assert.Equal(float.NegativeInfinity, ElementwiseKernels.Max([]));
    }
}
