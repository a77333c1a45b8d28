namespace NotebookRnn.Kernels.Tests;

public class ElementwiseKernelsIndexOfMaxTests
{
    [Fact]
    public void IndexOfMax_finds_the_first_largest_value_and_counts_NaN_as_largest()
    {
        Assert.Equal(1, ElementwiseKernels.IndexOfMax([1, 3, -2, 3]));
        Assert.Equal(1, ElementwiseKernels.IndexOfMax([1, float.NaN, 5, float.NaN]));
        Assert.Equal(-1, ElementwiseKernels.IndexOfMax([]));
    }
}
