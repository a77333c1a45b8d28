using NotebookRnn.Losses;
using NotebookRnn.Tensors;

namespace NotebookRnn.Tests.Losses;

/// <summary>Keras 3's MeanAbsoluteErrorTest (keras/src/losses/losses_test.py), one test per Keras test case.</summary>
public class MeanAbsoluteErrorTests
{
    private static readonly Tensor YTrue = new float[,] { { 1, 9, 2 }, { -5, -2, 6 } };
    private static readonly Tensor YPred = new float[,] { { 4, 8, 12 }, { 8, 1, 3 } };

    // keras/src/losses/losses_test.py: MeanAbsoluteErrorTest.test_config
    [Fact]
    public void Config_holds_the_name_and_the_reduction() =>
        Assert.Equal(new Dictionary<string, object?> { ["name"] = "myname", ["reduction"] = "sum_over_batch_size" },
            new MeanAbsoluteError(name: "myname").GetConfig());

    // keras/src/losses/losses_test.py: MeanAbsoluteErrorTest.test_all_correct_unweighted
    [Fact]
    public void All_correct_unweighted() => KerasAssert.AlmostEqual(0, new MeanAbsoluteError().Compute(YPred, YPred));

    // keras/src/losses/losses_test.py: MeanAbsoluteErrorTest.test_unweighted
    [Fact]
    public void Unweighted() => KerasAssert.AlmostEqual(5.5, new MeanAbsoluteError().Compute(YPred, YTrue));

    // keras/src/losses/losses_test.py: MeanAbsoluteErrorTest.test_scalar_weighted
    [Fact]
    public void Scalar_weighted() => KerasAssert.AlmostEqual(12.65, new MeanAbsoluteError().Compute(YPred, YTrue, [2.3f]));

    // keras/src/losses/losses_test.py: MeanAbsoluteErrorTest.test_sample_weighted
    [Fact]
    public void Sample_weighted() => KerasAssert.AlmostEqual(81.4 / 6, new MeanAbsoluteError().Compute(YPred, YTrue, [1.2f, 3.4f]));

    // keras/src/losses/losses_test.py: MeanAbsoluteErrorTest.test_timestep_weighted
    [Fact]
    public void Timestep_weighted()
    {
        var yTrue = new Tensor([1, 9, 2, -5, -2, 6], 2, 3, 1);
        var yPred = new Tensor([4, 8, 12, 8, 1, 3], 2, 3, 1);
        KerasAssert.AlmostEqual(13.833333, new MeanAbsoluteError().Compute(yPred, yTrue, [3, 6, 5, 0, 4, 2]));
    }

    // keras/src/losses/losses_test.py: MeanAbsoluteErrorTest.test_zero_weighted
    [Fact]
    public void Zero_weighted() => KerasAssert.AlmostEqual(0, new MeanAbsoluteError().Compute(YPred, YTrue, [0f]));

    // keras/src/losses/losses_test.py: MeanAbsoluteErrorTest.test_no_reduction
    [Fact]
    public void No_reduction() =>
        KerasAssert.AlmostEqual([10.7333, 14.5666], new MeanAbsoluteError(reduction: "none").Unreduced(YPred, YTrue, [2.3f]));

    // keras/src/losses/losses_test.py: MeanAbsoluteErrorTest.test_sum_reduction
    [Fact]
    public void Sum_reduction() => KerasAssert.AlmostEqual(25.29999, new MeanAbsoluteError(reduction: "sum").Compute(YPred, YTrue, [2.3f]));

    // keras/src/losses/losses_test.py: MeanAbsoluteErrorTest.test_mean_with_sample_weight_reduction
    [Fact]
    public void Mean_with_sample_weight_reduction() =>
        KerasAssert.AlmostEqual((14 / 3.0 * 1.2 + 19 / 3.0 * 3.4) / (1.2 + 3.4),
            new MeanAbsoluteError(reduction: "mean_with_sample_weight").Compute(YPred, YTrue, [1.2f, 3.4f]));
}
