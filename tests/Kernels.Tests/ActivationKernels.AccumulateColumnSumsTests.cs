namespace NotebookRnn.Kernels.Tests;

public class ActivationKernelsAccumulateColumnSumsTests
{
    [Fact]
    public void Column_sums_are_added_to_what_the_sums_held()
    {
        float[] values = [1, 2, 3, 4, 5, 6], sums = [100, 200, 300];
        ActivationKernels.AccumulateColumnSums(values, sums);
        Assert.Equal([105f, 207f, 309f], sums);
    }

    [Fact]
    public void Values_that_end_inside_a_row_are_an_error()
    {
        var error = Assert.Throws<ArgumentException>(() => ActivationKernels.AccumulateColumnSums(new float[5], new float[2]));
        Assert.Equal("values", error.ParamName);
        Assert.Contains("sums.Length = 2", error.Message);
    }
}
