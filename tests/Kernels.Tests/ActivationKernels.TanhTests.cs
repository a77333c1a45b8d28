namespace NotebookRnn.Kernels.Tests;

public class ActivationKernelsTanhTests
{
    [Fact]
    public void Tanh_and_its_derivative_match_the_formulas_at_every_length()
    {
        for (int n = 0; n <= TestValues.MaxLength; n++)
        {
            float[] x = TestValues.Wave(n, 0, amplitude: 4), y = new float[n], dy = TestValues.Wave(n, 1.3, amplitude: 1), dx = new float[n];
            ActivationKernels.Tanh(x, y);
            for (int i = 0; i < n; i++) Assert.Equal(Math.Tanh(x[i]), y[i], 1e-6);
            ActivationKernels.TanhBackward(y, dy, dx);
            Assert.Equal(TestValues.Each(n, i => dy[i] * (1 - y[i] * y[i])), dx);
        }
    }

    [Fact]
    public void A_short_destination_throws_and_nothing_beyond_it_is_written()
    {
        float[] x = [.. Enumerable.Range(0, 40).Select(i => i * 0.1f)], buffer = new float[64];
        Array.Fill(buffer, 7f);
        Assert.Equal("y", Assert.Throws<ArgumentException>(() => ActivationKernels.Tanh(x, buffer.AsSpan(0, 33))).ParamName);
        Assert.Equal("dx", Assert.Throws<ArgumentException>(() => ActivationKernels.TanhBackward(x, x, buffer.AsSpan(0, 39))).ParamName);
        Assert.All(buffer, v => Assert.Equal(7f, v));
    }
}
