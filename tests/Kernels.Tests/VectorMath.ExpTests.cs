using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace NotebookRnn.Kernels.Tests;

/// <summary>The exponential the sigmoid and tanh are built on: e^x = scale·(1 + fraction), on every width this machine runs.</summary>
public class VectorMathExpTests
{
    [Theory, MemberData(nameof(Lanes.Supported), MemberType = typeof(Lanes))]
    public void Exp_has_relative_error_below_2e_7_across_its_clamped_range(int lanes)
    {
        double worst = 0;
        for (float x = -87f; x <= 88f; x += 1f / 64)
        {
            double actual = lanes == 16 ? Exp512(x) : Exp256(x);
            worst = Math.Max(worst, Math.Abs(actual - Math.Exp(x)) / Math.Exp(x));
        }
        Assert.True(worst < 2e-7, $"relative error {worst:E2}");
    }

    [Theory, MemberData(nameof(Lanes.Supported), MemberType = typeof(Lanes))]
    public void Exp_minus_one_keeps_its_precision_near_zero(int lanes)
    {
        // fraction = e^x - 1 exactly when n = 0, which sigmoid and tanh rely on for small arguments.
        foreach (float x in new[] { 1e-7f, -3e-6f, 2.5e-4f, -0.01f, 0.3f })
        {
            float fraction = lanes == 16 ? Parts512(x).Fraction : Parts256(x).Fraction;
            Assert.Equal(Math.Exp(x) - 1, fraction, Math.Abs(Math.Exp(x) - 1) * 2e-7);
        }
    }

    private static double Exp512(float x) { var (f, s) = Parts512(x); return s * (1.0 + f); }

    private static double Exp256(float x) { var (f, s) = Parts256(x); return s * (1.0 + f); }

    private static (float Fraction, float Scale) Parts512(float x)
    {
        Assert.True(Avx512F.IsSupported);
        Vector512<float> fraction = VectorMath.ExpParts<Vector512<float>, Simd512>(Vector512.Create(x), out Vector512<float> scale);
        return (fraction[0], scale[0]);
    }

    private static (float Fraction, float Scale) Parts256(float x)
    {
        Vector256<float> fraction = VectorMath.ExpParts<Vector256<float>, Simd256>(Vector256.Create(x), out Vector256<float> scale);
        return (fraction[0], scale[0]);
    }
}
