namespace NotebookRnn.Kernels.Tests;

public class ElementwiseKernelsAllFiniteTests
{
    [Fact]
    public void AllFinite_finds_NaN_and_infinity_at_every_position_but_not_negative_values()
    {
        for (int n = 1; n <= 40; n++)
        {
            float[] x = [.. TestValues.Wave(n, 0).Select(v => -Math.Abs(v) - 1)];
            Assert.True(ElementwiseKernels.AllFinite(x));
            foreach (float bad in new[] { float.NaN, float.PositiveInfinity, float.NegativeInfinity })
                for (int at = 0; at < n; at++)
                {
                    float[] withBad = [.. x];
                    withBad[at] = bad;
                    Assert.False(ElementwiseKernels.AllFinite(withBad), $"{bad} at {at} of {n}");
                }
        }
    }
}
