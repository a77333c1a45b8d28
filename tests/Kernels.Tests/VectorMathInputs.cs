namespace NotebookRnn.Kernels.Tests;

/// <summary>Inputs and the error measure shared by the vector math tests.</summary>
internal static class VectorMathInputs
{
    /// <summary>NaN, ±∞, ±0, ±200 and the extreme finite floats.</summary>
    public static float[] Special => [float.NaN, float.PositiveInfinity, float.NegativeInfinity, -0f, 0f, 200f, -200f, float.MaxValue, float.MinValue];

    /// <summary>Every float step of 2⁻¹⁰ across [-40, 40], where sigmoid and tanh move, plus magnitudes from 10⁻³⁰ to 10⁴.</summary>
    public static float[] Sweep()
    {
        var values = new List<float>();
        for (int i = -40 * 1024; i <= 40 * 1024; i++) values.Add(i / 1024f);
        for (int e = -30; e <= 4; e++)
            foreach (float m in new[] { 1f, 1.37f, 2.5f, 7.9f }) values.AddRange([m * MathF.Pow(10, e), -m * MathF.Pow(10, e)]);
        return [.. values];
    }

    public static void AssertRelativeError(float[] x, float[] y, Func<double, double> exact)
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
