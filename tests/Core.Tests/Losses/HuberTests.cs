using NotebookRnn.Losses;
using NotebookRnn.Tensors;

namespace NotebookRnn.Tests.Losses;

/// <summary>Keras 3's HuberLossTest (keras/src/losses/losses_test.py), one test per Keras test case.</summary>
public class HuberTests
{
    private static readonly float[] Pred = [0.9f, 0.2f, 0.2f, 0.8f, 0.4f, 0.6f];
    private static readonly float[] True = [1, 0, 1, 1, 0, 0];
    private static readonly Tensor YPred = new(Pred, 2, 3), YTrue = new(True, 2, 3);

    // The test's own reference: 0.5·min(|e|, δ)² + δ·(|e| − min(|e|, δ)), element by element.
    private static double[] ExpectedLosses(double delta = 1.0) => [.. Pred.Zip(True, (p, t) =>
    {
        double error = Math.Abs((double)p - t), quadratic = Math.Min(error, delta);
        return 0.5 * quadratic * quadratic + delta * (error - quadratic);
    })];

    // keras/src/losses/losses_test.py: HuberLossTest.test_config
    [Fact]
    public void Config_holds_name_reduction_and_delta()
    {
        var loss = new Huber(delta: 2.0, reduction: "sum", name: "huber");
        Assert.Equal("huber", loss.Name);
        Assert.Same(LossReduction.Sum, loss.Reduction);
        Assert.Equal(new Dictionary<string, object?> { ["name"] = "huber", ["reduction"] = "sum", ["delta"] = 2.0 }, loss.GetConfig());
    }

    // keras/src/losses/losses_test.py: HuberLossTest.test_all_correct
    [Fact]
    public void All_correct() => KerasAssert.AlmostEqual(0, new Huber().Compute(YTrue, YTrue));

    // keras/src/losses/losses_test.py: HuberLossTest.test_unweighted
    [Fact]
    public void Unweighted() => KerasAssert.AlmostEqual(ExpectedLosses().Sum() / 6, new Huber().Compute(YPred, YTrue));

    // keras/src/losses/losses_test.py: HuberLossTest.test_scalar_weighted
    [Fact]
    public void Scalar_weighted()
    {
        var huber = new Huber();
        double loss = huber.Compute(YPred, YTrue, [2.3f]);
        KerasAssert.AlmostEqual(2.3 * ExpectedLosses().Sum() / 6, loss);
        KerasAssert.AlmostEqual(loss, huber.Compute(YPred, YTrue, [2.3f]));
    }

    // keras/src/losses/losses_test.py: HuberLossTest.test_sample_weighted
    [Fact]
    public void Sample_weighted()
    {
        double[] weights = [1.2, 1.2, 1.2, 3.4, 3.4, 3.4];
        KerasAssert.AlmostEqual(ExpectedLosses().Zip(weights, (l, w) => l * w).Sum() / 6, new Huber().Compute(YPred, YTrue, [1.2f, 3.4f]));
    }

    // keras/src/losses/losses_test.py: HuberLossTest.test_timestep_weighted
    [Fact]
    public void Timestep_weighted()
    {
        float[] weights = [3, 6, 5, 0, 4, 2];
        double expected = ExpectedLosses().Zip(weights, (l, w) => l * w).Sum() / 6;
        KerasAssert.AlmostEqual(expected, new Huber().Compute(new Tensor(Pred, 2, 3, 1), new Tensor(True, 2, 3, 1), weights));
    }

    // keras/src/losses/losses_test.py: HuberLossTest.test_zero_weighted
    [Fact]
    public void Zero_weighted() => KerasAssert.AlmostEqual(0, new Huber().Compute(YPred, YTrue, [0f]));

    // keras/src/losses/losses_test.py: HuberLossTest.test_non_default_delta
    [Fact]
    public void Non_default_delta() =>
        KerasAssert.AlmostEqual(2.3 * ExpectedLosses(0.8).Sum() / 6, new Huber(delta: 0.8).Compute(YPred, YTrue, [2.3f]));

    [Fact]
    public void Gradient_matches_central_differences()
    {
        var huber = new Huber(delta: 0.5);
        Tensor predictions = GradientCheck.Uniform(5, -2, 2, 4, 3);
        Tensor targets = GradientCheck.Uniform(6, -2, 2, 4, 3);
        var gradient = new Tensor(4, 3);
        huber.Compute(predictions, targets, [1, 0, 0.5f, 2], gradient);
        GradientCheck.Compare("huber", gradient.ToArray(), GradientCheck.Numeric(predictions.Span, () => huber.Compute(predictions, targets, [1, 0, 0.5f, 2])));
    }
}
