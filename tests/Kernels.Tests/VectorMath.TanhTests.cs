namespace NotebookRnn.Kernels.Tests;

/// <summary>The vector tanh on every width this machine runs, against double precision.</summary>
public class VectorMathTanhTests
{
    [Theory, MemberData(nameof(Lanes.Supported), MemberType = typeof(Lanes))]
    public void Tanh_has_relative_error_below_2e_7_even_near_zero(int lanes)
    {
        float[] x = VectorMathInputs.Sweep(), y = new float[x.Length];
        VectorMath.Tanh(x, y, lanes);
        VectorMathInputs.AssertRelativeError(x, y, Math.Tanh);
    }

    [Theory, MemberData(nameof(Lanes.Supported), MemberType = typeof(Lanes))]
    public void Special_values_saturate_and_NaN_passes_through(int lanes)
    {
        float[] x = VectorMathInputs.Special, y = new float[x.Length];
        VectorMath.Tanh(x, y, lanes);
        Assert.True(float.IsNaN(y[0]));
        Assert.Equal([1f, -1f, 0f, 0f, 1f, -1f, 1f, -1f], y[1..]);
        Assert.True(float.IsNegative(y[3]), "tanh(-0) keeps the sign of zero");
    }
}
