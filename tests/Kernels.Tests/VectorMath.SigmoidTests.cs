namespace NotebookRnn.Kernels.Tests;

/// <summary>The vector sigmoid on every width this machine runs, against double precision.</summary>
public class VectorMathSigmoidTests
{
    [Theory, MemberData(nameof(Lanes.Supported), MemberType = typeof(Lanes))]
    public void Sigmoid_has_relative_error_below_2e_7(int lanes)
    {
        float[] x = VectorMathInputs.Sweep(), y = new float[x.Length];
        VectorMath.Sigmoid(x, y, lanes);
        VectorMathInputs.AssertRelativeError(x, y, v => 1 / (1 + Math.Exp(-v)));
    }

    [Theory, MemberData(nameof(Lanes.Supported), MemberType = typeof(Lanes))]
    public void Special_values_saturate_and_NaN_passes_through(int lanes)
    {
        float[] x = VectorMathInputs.Special, y = new float[x.Length];
        VectorMath.Sigmoid(x, y, lanes);
        Assert.True(float.IsNaN(y[0]));
        Assert.Equal([1f, 0f, 0.5f, 0.5f, 1f, 0f, 1f, 0f], y[1..].Select(v => v < 1e-30f ? 0f : v));
    }
}
