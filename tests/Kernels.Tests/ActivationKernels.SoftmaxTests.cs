namespace NotebookRnn.Kernels.Tests;

public class ActivationKernelsSoftmaxTests
{
    [Fact]
    public void Softmax_rows_sum_to_one_and_backward_matches_the_jacobian()
    {
        float[] x = [1, 2, 3, -1, 0, 1000];
        float[] y = new float[6];
        ActivationKernels.Softmax(x, y, 3);
        Assert.Equal(1, y[0] + y[1] + y[2], 6);
        Assert.Equal(1f, y[5]);
        float[] dy = [0.5f, -1, 2, 0, 0, 0], dx = new float[6];
        ActivationKernels.SoftmaxBackward(y, dy, dx, 3);
        for (int j = 0; j < 3; j++)
        {
            double expected = 0;
            for (int i = 0; i < 3; i++) expected += dy[i] * y[i] * ((i == j ? 1 : 0) - y[j]);
            Assert.Equal(expected, dx[j], 6);
        }
    }

    [Fact]
    public void Values_that_end_inside_a_row_are_an_error_that_gives_the_row_length()
    {
        var error = Assert.Throws<ArgumentException>(() => ActivationKernels.Softmax(new float[7], new float[7], 3));
        Assert.Equal("x", error.ParamName);
        Assert.Contains("whole rows of rowLength = 3", error.Message);
        Assert.Equal("y", Assert.Throws<ArgumentException>(() => ActivationKernels.SoftmaxBackward(new float[6], new float[6], new float[6], 0)).ParamName);
        Assert.Equal("dx", Assert.Throws<ArgumentException>(() => ActivationKernels.SoftmaxBackward(new float[6], new float[6], new float[5], 3)).ParamName);
        ActivationKernels.Softmax([], [], 0);
    }
}
