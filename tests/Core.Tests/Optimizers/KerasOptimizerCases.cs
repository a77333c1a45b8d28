using NotebookRnn.Layers;
using NotebookRnn.Optimizers;
using NotebookRnn.Persistence;
using NotebookRnn.Tensors;

namespace NotebookRnn.Tests.Optimizers;

/// <summary>
/// The shapes shared by Keras 3's optimizer tests (keras/src/optimizers/*_test.py), written once: each test class calls
/// these with its optimizer and its file's numbers, at its file's tolerance.
/// </summary>
internal static class KerasOptimizerCases
{
    /// <summary><c>test_single_step</c>: gradients [1, 6, 7, 2] applied once to [1, 2, 3, 4]; the weights after.</summary>
    public static float[] SingleStep(Optimizer optimizer)
    {
        Parameter variable = Variable("variable", [1, 2, 3, 4]);
        SetGradient(variable, [1, 6, 7, 2]);
        optimizer.Apply([variable]);
        return variable.Value.ToArray();
    }

    /// <summary>
    /// <c>test_correctness_with_golden</c>: ten weights at 1, one step with gradients 0.01, then for each golden row an
    /// assertion and a step with gradients 0.1, 0.2, …, 1.0.
    /// </summary>
    public static void AssertGolden(Optimizer optimizer, double[][] golden, double rtol = 5e-4, double atol = 5e-4)
    {
        Parameter x = Variable("variable", [.. Enumerable.Repeat(1f, 10)]);
        float[] firstGrads = [.. Enumerable.Repeat(0.01f, 10)];
        float[] grads = [.. Enumerable.Range(1, 10).Select(i => (float)(i * 0.1))];
        SetGradient(x, firstGrads);
        optimizer.Apply([x]);
        foreach (double[] row in golden)
        {
            AssertAllClose(row, x.Value.ToArray(), rtol, atol);
            SetGradient(x, grads);
            optimizer.Apply([x]);
        }
    }

    /// <summary>
    /// <c>test_weight_decay</c>: three optimizers with learning rate 1 and weight decay 0.004 step three scalars at 2 with zero
    /// gradients; the second excludes <c>exclude</c> by name, the third its variable by reference; only the first scalar,
    /// decayed by all three, moves: 2·0.996³ = 1.9760959.
    /// </summary>
    public static void AssertWeightDecay(Func<Optimizer> create)
    {
        Parameter var1 = Variable("variable", [2]), var2 = Variable("exclude", [2]), var3 = Variable("variable", [2]);
        create().Apply([var1]);
        Optimizer optimizer2 = create();
        optimizer2.ExcludeFromWeightDecay(varNames: ["exclude"]);
        optimizer2.Apply([var1, var2]);
        Optimizer optimizer3 = create();
        optimizer3.ExcludeFromWeightDecay(varList: [var3]);
        optimizer3.Apply([var1, var3]);

        AssertAlmostEqual(1.9760959, var1.Value.Span[0]);
        AssertAlmostEqual(2.0, var2.Value.Span[0]);
        AssertAlmostEqual(2.0, var3.Value.Span[0]);
    }

    /// <summary><c>test_clip_norm</c> and <c>test_clip_value</c>: the gradient [100, 100] as the optimizer clips it (in place) before its rule.</summary>
    public static float[] ClippedGradient(Optimizer optimizer)
    {
        Parameter variable = Variable("variable", [0, 0]);
        SetGradient(variable, [100, 100]);
        optimizer.Apply([variable]);
        return variable.Gradient.ToArray();
    }

    /// <summary>
    /// <c>test_config</c> (Keras's <c>run_class_serialization_test</c>): the configuration, written as JSON and read back,
    /// makes an optimizer of the same type with the same configuration.
    /// </summary>
    public static void AssertConfigRoundTrips(Optimizer optimizer)
    {
        var description = new Dictionary<string, object?> { ["class_name"] = optimizer.GetType().Name, ["config"] = optimizer.GetConfig() };
        Optimizer loaded = OptimizerConfig.Read(new ConfigReader(ConfigJson.ToElement(description, "optimizer"), "optimizer"));

        Assert.IsType(optimizer.GetType(), loaded);
        Assert.Equal(optimizer.GetConfig(), loaded.GetConfig());
    }

    /// <summary>Keras's <c>assertAllClose</c>: <c>|actual − expected| ≤ atol + rtol·|expected|</c> everywhere (defaults 1e-6).</summary>
    public static void AssertAllClose(double[] expected, float[] actual, double rtol = 1e-6, double atol = 1e-6)
    {
        Assert.Equal(expected.Length, actual.Length);
        for (int i = 0; i < expected.Length; i++)
            Assert.True(Math.Abs(actual[i] - expected[i]) <= atol + rtol * Math.Abs(expected[i]),
                $"Element {i}: expected {expected[i]}, got {actual[i]} (rtol {rtol}, atol {atol}).");
    }

    /// <summary>Keras's <c>assertAlmostEqual(…, decimal=6)</c>: the difference rounds to 0 at six decimals.</summary>
    public static void AssertAlmostEqual(double expected, double actual) =>
        Assert.True(Math.Round(actual - expected, 6) == 0, $"Expected {expected}, got {actual}, to 6 decimals.");

    /// <summary>A weight named <paramref name="name"/> holding <paramref name="values"/>, its gradient zero.</summary>
    public static Parameter Variable(string name, float[] values) => new(name, new Tensor(values, values.Length));

    /// <summary>Writes <paramref name="gradient"/> into the weight's gradient.</summary>
    public static void SetGradient(Parameter variable, float[] gradient) => gradient.CopyTo(variable.Gradient.Span);
}
