using NotebookRnn.Losses;
using NotebookRnn.Tensors;

namespace NotebookRnn.Tests.Losses;

/// <summary>Keras 3's MeanSquaredErrorTest (keras/src/losses/losses_test.py), one test per Keras test case.</summary>
public class MeanSquaredErrorTests
{
    private static readonly Tensor YTrue = new float[,] { { 1, 9, 2 }, { -5, -2, 6 } };
    private static readonly Tensor YPred = new float[,] { { 4, 8, 12 }, { 8, 1, 3 } };

    // keras/src/losses/losses_test.py: MeanSquaredErrorTest.test_config
    [Fact]
    public void Config_holds_the_name_and_the_reduction()
    {
        var loss = new MeanSquaredError(name: "mymse");
        Assert.Equal(new Dictionary<string, object?> { ["name"] = "mymse", ["reduction"] = "sum_over_batch_size" }, loss.GetConfig());
    }

    // keras/src/losses/losses_test.py: MeanSquaredErrorTest.test_base_function_reduction
    [Fact]
    public void Unreduced_values_have_one_value_per_row()
    {
        Tensor values = new MeanSquaredError().Unreduced(new float[,] { { 3 }, { 0 }, { 1 } }, new float[] { 4, 8, 12 });
        Assert.Equal([3], values.Shape);
    }

    // keras/src/losses/losses_test.py: MeanSquaredErrorTest.test_all_correct_unweighted
    [Fact]
    public void All_correct_unweighted() => KerasAssert.AlmostEqual(0, new MeanSquaredError().Compute(YPred, YPred));

    // keras/src/losses/losses_test.py: MeanSquaredErrorTest.test_unweighted
    [Fact]
    public void Unweighted() => KerasAssert.AlmostEqual(49.5, new MeanSquaredError().Compute(YPred, YTrue));

    // keras/src/losses/losses_test.py: MeanSquaredErrorTest.test_scalar_weighted
    [Fact]
    public void Scalar_weighted() => KerasAssert.AlmostEqual(113.85, new MeanSquaredError().Compute(YPred, YTrue, [2.3f]));

    // keras/src/losses/losses_test.py: MeanSquaredErrorTest.test_sample_weighted
    [Fact]
    public void Sample_weighted() => KerasAssert.AlmostEqual(767.8 / 6, new MeanSquaredError().Compute(YPred, YTrue, [1.2f, 3.4f]));

    // keras/src/losses/losses_test.py: MeanSquaredErrorTest.test_timestep_weighted
    [Fact]
    public void Timestep_weighted()
    {
        var yTrue = new Tensor([1, 9, 2, -5, -2, 6], 2, 3, 1);
        var yPred = new Tensor([4, 8, 12, 8, 1, 3], 2, 3, 1);
        KerasAssert.AlmostEqual(97.833336, new MeanSquaredError().Compute(yPred, yTrue, [3, 6, 5, 0, 4, 2]));
    }

    // keras/src/losses/losses_test.py: MeanSquaredErrorTest.test_zero_weighted
    [Fact]
    public void Zero_weighted() => KerasAssert.AlmostEqual(0, new MeanSquaredError().Compute(YPred, YTrue, [0f]));

    // keras/src/losses/losses_test.py: MeanSquaredErrorTest.test_no_reduction
    [Fact]
    public void No_reduction() =>
        KerasAssert.AlmostEqual([84.3333, 143.3666], new MeanSquaredError(reduction: "none").Unreduced(YPred, YTrue, [2.3f]));

    // keras/src/losses/losses_test.py: MeanSquaredErrorTest.test_sum_reduction
    [Fact]
    public void Sum_reduction() => KerasAssert.AlmostEqual(227.69998, new MeanSquaredError(reduction: "sum").Compute(YPred, YTrue, [2.3f]));

    // keras/src/losses/losses_test.py: MeanSquaredErrorTest.test_mean_with_sample_weight_reduction
    [Fact]
    public void Mean_with_sample_weight_reduction() =>
        KerasAssert.AlmostEqual((110 / 3.0 * 1.2 + 187 / 3.0 * 3.4) / (1.2 + 3.4),
            new MeanSquaredError(reduction: LossReduction.MeanWithSampleWeight).Compute(YPred, YTrue, [1.2f, 3.4f]));
}
