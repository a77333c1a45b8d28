namespace NotebookRnn.Kernels.Tests;

public class ActivationKernelsAddBiasTests
{
    [Fact]
    public void The_bias_is_added_to_every_row()
    {
        float[] values = [1, 2, 3, 4, 5, 6], bias = [10, 20, 30];
        ActivationKernels.AddBias(values, bias);
        Assert.Equal([11f, 22f, 33f, 14f, 25f, 36f], values);
    }

    [Fact]
    public void Values_that_end_inside_a_row_are_an_error()
    {
        var error = Assert.Throws<ArgumentException>(() => ActivationKernels.AddBias(new float[7], new float[3]));
        Assert.Equal("values", error.ParamName);
        Assert.Contains("bias.Length = 3", error.Message);
        Assert.Throws<ArgumentException>(() => ActivationKernels.AddBias(new float[4], []));
    }
}
