using NotebookRnn.Tensors;

namespace NotebookRnn.Tests;

/// <summary>
/// The tolerances of Keras's own tests (keras/src/testing/test_case.py), for ported test cases: <c>assertAlmostEqual</c>
/// is numpy's <c>assert_almost_equal</c> with <c>decimal=3</c> by default, |actual − desired| &lt; 1.5·10^−decimal;
/// <c>assertAllClose</c> is |actual − desired| ≤ atol + rtol·|desired| with atol = rtol = 1e-6 by default.
/// </summary>
internal static class KerasAssert
{
    public static void AlmostEqual(double desired, double actual, int decimals = 3)
    {
        double tolerance = 1.5 * Math.Pow(10, -decimals);
        Assert.True(Math.Abs(actual - desired) < tolerance, $"Expected {desired} to {decimals} decimals, got {actual}.");
    }

    public static void AlmostEqual(double[] desired, Tensor actual, int decimals = 3)
    {
        Assert.Equal(desired.Length, actual.Length);
        for (int i = 0; i < desired.Length; i++) AlmostEqual(desired[i], actual.Span[i], decimals);
    }

    public static void AllClose(double desired, double actual, double atol = 1e-6, double rtol = 1e-6) =>
        Assert.True(Math.Abs(actual - desired) <= atol + rtol * Math.Abs(desired), $"Expected {desired} (atol {atol}, rtol {rtol}), got {actual}.");

    public static void AllClose(double[] desired, Tensor actual, double atol = 1e-6, double rtol = 1e-6)
    {
        Assert.Equal(desired.Length, actual.Length);
        for (int i = 0; i < desired.Length; i++) AllClose(desired[i], actual.Span[i], atol, rtol);
    }
}
