namespace NotebookRnn.Kernels.Tests;

public class ActivationKernelsHardSigmoidTests
{
    [Fact]
    public void Hard_sigmoid_and_its_derivative_match_the_formulas_at_every_length()
    {
        for (int n = 0; n <= TestValues.MaxLength; n++)
        {
            float[] x = TestValues.Wave(n, 0, amplitude: 5), y = new float[n], dy = TestValues.Wave(n, 1.3), dx = new float[n];
            ActivationKernels.HardSigmoid(x, y);
            Assert.Equal(TestValues.Each(n, i => Math.Clamp(x[i] / 6f + 0.5f, 0f, 1f)), y);
            ActivationKernels.HardSigmoidBackward(y, dy, dx);
            Assert.Equal(TestValues.Each(n, i => y[i] > 0 && y[i] < 1 ? dy[i] / 6f : 0), dx);
        }
    }

    [Fact]
    public void It_is_relu6_of_x_plus_3_over_6_within_a_rounding()
    {
        float[] x = [.. Enumerable.Range(-40, 81).Select(i => i * 0.1f)], y = new float[x.Length];
        ActivationKernels.HardSigmoid(x, y);
        for (int i = 0; i < x.Length; i++) Assert.Equal(Math.Min(Math.Max(x[i] + 3.0, 0), 6) / 6, y[i], 1e-6);
    }

    [Fact]
    public void The_clip_lets_NaN_through_and_saturates_infinities()
    {
        float[] x = [float.NaN, float.PositiveInfinity, float.NegativeInfinity, -3f, 3f, 0, .. new float[20]];
        float[] y = new float[x.Length];
        ActivationKernels.HardSigmoid(x, y);
        Assert.True(float.IsNaN(y[0]));
        Assert.Equal([1f, 0f, 0f, 1f, 0.5f], y[1..6]);
    }
}
