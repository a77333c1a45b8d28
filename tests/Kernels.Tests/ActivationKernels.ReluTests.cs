namespace NotebookRnn.Kernels.Tests;

public class ActivationKernelsReluTests
{
    [Fact]
    public void Relu_and_its_derivative_match_the_formulas_at_every_length()
    {
        for (int n = 0; n <= TestValues.MaxLength; n++)
        {
            float[] x = TestValues.Wave(n, 0), y = new float[n], dy = TestValues.Wave(n, 1.3), dx = new float[n];
            ActivationKernels.Relu(x, y);
            Assert.Equal(TestValues.Each(n, i => Math.Max(0, x[i])), y);
            ActivationKernels.ReluBackward(y, dy, dx);
            Assert.Equal(TestValues.Each(n, i => y[i] > 0 ? dy[i] : 0), dx);
        }
    }

    [Fact]
    public void NaN_stays_NaN_and_negative_zero_becomes_zero_in_every_lane()
    {
        for (int at = 0; at < 37; at++)
        {
            float[] x = TestValues.Wave(37, 0), y = new float[37];
            x[at] = float.NaN;
            x[(at + 5) % 37] = -0f;
            ActivationKernels.Relu(x, y);
            Assert.True(float.IsNaN(y[at]));
            Assert.False(float.IsNegative(y[(at + 5) % 37]), "relu(-0) is +0");
        }
    }

    [Fact]
    public void A_short_destination_throws()
    {
        Assert.Equal("y", Assert.Throws<ArgumentException>(() => ActivationKernels.Relu(new float[9], new float[8])).ParamName);
        Assert.Equal("dx", Assert.Throws<ArgumentException>(() => ActivationKernels.ReluBackward(new float[9], new float[9], new float[8])).ParamName);
    }
}
