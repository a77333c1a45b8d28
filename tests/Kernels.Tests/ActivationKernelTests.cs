namespace NotebookRnn.Kernels.Tests;

/// <summary>Every length 0..256 so that each vector tail path runs.</summary>
public class ActivationKernelTests
{
    [Fact]
    public void Kernels_match_scalar_formulas_at_every_length()
    {
        for (int n = 0; n <= 256; n++)
        {
            float[] x = [.. Enumerable.Range(0, n).Select(i => (float)Math.Sin(i * 0.7) * 4)];
            float[] y = new float[n], dy = [.. Enumerable.Range(0, n).Select(i => (float)Math.Cos(i))], dx = new float[n];
            ActivationKernels.Sigmoid(x, y);
            for (int i = 0; i < n; i++) Assert.Equal(1 / (1 + Math.Exp(-x[i])), y[i], 1e-6);
            ActivationKernels.SigmoidBackward(y, dy, dx);
            for (int i = 0; i < n; i++) Assert.Equal(dy[i] * y[i] * (1 - y[i]), dx[i], 1e-6);
            ActivationKernels.Tanh(x, y);
            for (int i = 0; i < n; i++) Assert.Equal(Math.Tanh(x[i]), y[i], 1e-6);
            ActivationKernels.TanhBackward(y, dy, dx);
            for (int i = 0; i < n; i++) Assert.Equal(dy[i] * (1 - y[i] * y[i]), dx[i], 1e-6);
            ActivationKernels.Relu(x, y);
            for (int i = 0; i < n; i++) Assert.Equal(Math.Max(0, x[i]), y[i]);
        }
    }

    [Fact]
    public void A_short_destination_throws_and_nothing_beyond_it_is_written()
    {
        float[] x = [.. Enumerable.Range(0, 40).Select(i => i * 0.1f)], buffer = new float[64];
        Array.Fill(buffer, 7f);
        Assert.Equal("y", Assert.Throws<ArgumentException>(() => ActivationKernels.Sigmoid(x, buffer.AsSpan(0, 20))).ParamName);
        Assert.Equal("y", Assert.Throws<ArgumentException>(() => ActivationKernels.Tanh(x, buffer.AsSpan(0, 33))).ParamName);
        Assert.All(buffer, v => Assert.Equal(7f, v));
    }

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
}
