using NotebookRnn.Kernels;

namespace NotebookRnn.Kernels.Tests;

/// <summary>
/// The 16- and 8-lane sigmoid and tanh against double precision (each runs emulated where its instructions are missing).
/// </summary>
public class VectorMathTests
{
    // Every float step of 2⁻¹⁰ across [-40, 40], where both functions move, plus magnitudes from 10⁻³⁰ to 10⁴.
    private static float[] Inputs()
    {
        var values = new List<float>();
        for (int i = -40 * 1024; i <= 40 * 1024; i++) values.Add(i / 1024f);
        for (int e = -30; e <= 4; e++)
            foreach (float m in new[] { 1f, 1.37f, 2.5f, 7.9f }) values.AddRange([m * MathF.Pow(10, e), -m * MathF.Pow(10, e)]);
        return [.. values];
    }

    [Theory]
    [InlineData(16)]
    [InlineData(8)]
    public void Sigmoid_has_relative_error_below_2e_7(int lanes)
    {
        float[] x = Inputs(), y = new float[x.Length];
        VectorMath.Sigmoid(x, y, lanes);
        AssertRelativeError(x, y, v => 1 / (1 + Math.Exp(-v)));
    }

    [Theory]
    [InlineData(16)]
    [InlineData(8)]
    public void Tanh_has_relative_error_below_2e_7_even_near_zero(int lanes)
    {
        float[] x = Inputs(), y = new float[x.Length];
        VectorMath.Tanh(x, y, lanes);
        AssertRelativeError(x, y, Math.Tanh);
    }

    [Theory]
    [InlineData(16)]
    [InlineData(8)]
    public void Special_values_saturate_and_NaN_passes_through(int lanes)
    {
        float[] x = [float.NaN, float.PositiveInfinity, float.NegativeInfinity, -0f, 0f, 200f, -200f, float.MaxValue, float.MinValue];
        float[] sigmoid = new float[x.Length], tanh = new float[x.Length];
        VectorMath.Sigmoid(x, sigmoid, lanes);
        VectorMath.Tanh(x, tanh, lanes);
        Assert.True(float.IsNaN(sigmoid[0]) && float.IsNaN(tanh[0]));
        Assert.Equal([1f, 0f, 0.5f, 0.5f, 1f, 0f, 1f, 0f], sigmoid[1..].Select(v => v < 1e-30f ? 0f : v));
        Assert.Equal([1f, -1f, 0f, 0f, 1f, -1f, 1f, -1f], tanh[1..]);
        Assert.True(float.IsNegative(tanh[3]), "tanh(-0) keeps the sign of zero");
    }

    [Theory]
    [InlineData(16)]
    [InlineData(8)]
    public void Every_length_and_in_place_call_matches_the_vector_loop(int lanes)
    {
        for (int n = 0; n <= 50; n++)
        {
            float[] x = [.. Enumerable.Range(0, n).Select(i => (float)Math.Sin(i * 0.9) * 5)];
            float[] expected = new float[64], copy = [.. x];
            VectorMath.Sigmoid([.. x, .. new float[64 - n]], expected, lanes);
            VectorMath.Sigmoid(copy, copy, lanes);
            Assert.Equal(expected[..n], copy);
            VectorMath.Tanh([.. x, .. new float[64 - n]], expected, lanes);
            copy = [.. x];
            VectorMath.Tanh(copy, copy, lanes);
            Assert.Equal(expected[..n], copy);
        }
    }

    [Fact]
    public void Only_whole_vector_widths_fit_the_fused_kernels()
    {
        Assert.False(VectorMath.FitsLanes(10));
        Assert.Equal(VectorMath.IsAccelerated, VectorMath.FitsLanes(128));
    }

    private static void AssertRelativeError(float[] x, float[] y, Func<double, double> exact)
    {
        double worst = 0;
        float worstAt = 0;
        for (int i = 0; i < x.Length; i++)
        {
            double expected = exact(x[i]);
            if (Math.Abs(expected) < 1e-37) continue;
            double error = Math.Abs(y[i] - expected) / Math.Abs(expected);
            if (error > worst) (worst, worstAt) = (error, x[i]);
        }
        Assert.True(worst < 2e-7, $"relative error {worst:E2} at x = {worstAt:R}");
    }
}
