namespace NotebookRnn.Kernels.Tests;

public class ActivationKernelsSigmoidTests
{
    [Fact]
    public void Sigmoid_and_its_derivative_match_the_formulas_at_every_length()
    {
        for (int n = 0; n <= TestValues.MaxLength; n++)
        {
            float[] x = TestValues.Wave(n, 0, amplitude: 4), y = new float[n], dy = TestValues.Wave(n, 1.3, amplitude: 1), dx = new float[n];
            ActivationKernels.Sigmoid(x, y);
            for (int i = 0; i < n; i++) Assert.Equal(1 / (1 + Math.Exp(-x[i])), y[i], 1e-6);
            ActivationKernels.SigmoidBackward(y, dy, dx);
            Assert.Equal(TestValues.Each(n, i => dy[i] * y[i] * (1 - y[i])), dx);
        }
    }

    [Fact]
    public void A_short_destination_throws_and_nothing_beyond_it_is_written()
    {
        float[] x = [.. Enumerable.Range(0, 40).Select(i => i * 0.1f)], buffer = new float[64];
        Array.Fill(buffer, 7f);
        var error = Assert.Throws<ArgumentException>(() => ActivationKernels.Sigmoid(x, buffer.AsSpan(0, 20)));
        Assert.Equal("y", error.ParamName);
        Assert.Contains("at least 40 values", error.Message);
        Assert.Equal("dx", Assert.Throws<ArgumentException>(() => ActivationKernels.SigmoidBackward(x, x, buffer.AsSpan(0, 39))).ParamName);
        Assert.Equal("dy", Assert.Throws<ArgumentException>(() => ActivationKernels.SigmoidBackward(x, x.AsSpan(1), buffer)).ParamName);
        Assert.All(buffer, v => Assert.Equal(7f, v));
    }
}
