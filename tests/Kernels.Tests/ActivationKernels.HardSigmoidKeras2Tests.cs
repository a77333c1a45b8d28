namespace NotebookRnn.Kernels.Tests;

public class ActivationKernelsHardSigmoidKeras2Tests
{
    [Fact]
    public void Keras_2_hard_sigmoid_and_its_derivative_match_the_formulas_at_every_length()
    {
        for (int n = 0; n <= TestValues.MaxLength; n++)
        {
            float[] x = TestValues.Wave(n, 0, amplitude: 5), y = new float[n], dy = TestValues.Wave(n, 1.3), dx = new float[n];
            ActivationKernels.HardSigmoidKeras2(x, y);
            Assert.Equal(TestValues.Each(n, i => Math.Clamp(0.2f * x[i] + 0.5f, 0f, 1f)), y);
            ActivationKernels.HardSigmoidKeras2Backward(y, dy, dx);
            Assert.Equal(TestValues.Each(n, i => y[i] > 0 && y[i] < 1 ? 0.2f * dy[i] : 0), dx);
        }
    }

    [Fact]
    public void The_clip_lets_NaN_through_and_saturates_infinities()
    {
        float[] x = [float.NaN, float.PositiveInfinity, float.NegativeInfinity, -2.5f, 2.5f, 0, .. new float[20]];
        float[] y = new float[x.Length];
        ActivationKernels.HardSigmoidKeras2(x, y);
        Assert.True(float.IsNaN(y[0]));
        Assert.Equal([1f, 0f, 0f, 1f, 0.5f], y[1..6]);
    }
}
