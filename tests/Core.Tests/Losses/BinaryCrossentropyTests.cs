using NotebookRnn.Losses;
using NotebookRnn.Tensors;

namespace NotebookRnn.Tests.Losses;

/// <summary>Keras 3's BinaryCrossentropyTest (keras/src/losses/losses_test.py), one test per Keras test case, and the float32 clip.</summary>
public class BinaryCrossentropyTests
{
    private static readonly Tensor OneHot = new float[,] { { 1, 0, 0 }, { 0, 1, 0 }, { 0, 0, 1 } };
    private static readonly Tensor HardTrue = new float[,] { { 1, 0 }, { 1, 0 } }, HardPred = new float[,] { { 1, 1 }, { 1, 0 } };
    private static readonly Tensor LogitTrue = new float[,] { { 1, 0, 1 }, { 0, 1, 1 } };
    private static readonly Tensor Logits = new float[,] { { 10, -10, 10 }, { 10, 10, -10 } };

    // keras/src/losses/losses_test.py: BinaryCrossentropyTest.test_config
    [Fact]
    public void Config_holds_every_argument() =>
        Assert.Equal(new Dictionary<string, object?>
        {
            ["name"] = "bce", ["reduction"] = "sum_over_batch_size", ["from_logits"] = false, ["label_smoothing"] = 0.0, ["axis"] = -1,
        }, new BinaryCrossentropy(name: "bce", axis: -1).GetConfig());

    // keras/src/losses/losses_test.py: BinaryCrossentropyTest.test_all_correct_unweighted
    [Fact]
    public void All_correct_unweighted()
    {
        KerasAssert.AlmostEqual(0, new BinaryCrossentropy().Compute(OneHot, OneHot));
        Tensor logits = new float[,] { { 10, -10, -10 }, { -10, 10, -10 }, { -10, -10, 10 } };
        KerasAssert.AlmostEqual(0, new BinaryCrossentropy(fromLogits: true).Compute(logits, OneHot));
    }

    // keras/src/losses/losses_test.py: BinaryCrossentropyTest.test_unweighted
    [Fact]
    public void Unweighted()
    {
        Tensor yPred = new float[,] { { 0.9f, 0.1f, 0.2f }, { 0.3f, 0.8f, 0.1f }, { 0.1f, 0.2f, 0.7f } };
        KerasAssert.AllClose(0.20046903, new BinaryCrossentropy().Compute(yPred, OneHot));
        KerasAssert.AlmostEqual(3.98559, new BinaryCrossentropy().Compute(HardPred, HardTrue));
        KerasAssert.AlmostEqual(3.3333, new BinaryCrossentropy(fromLogits: true).Compute(Logits, LogitTrue));
    }

    // keras/src/losses/losses_test.py: BinaryCrossentropyTest.test_scalar_weighted
    [Fact]
    public void Scalar_weighted()
    {
        KerasAssert.AlmostEqual(9.1668, new BinaryCrossentropy().Compute(HardPred, HardTrue, [2.3f]));
        KerasAssert.AlmostEqual(7.666, new BinaryCrossentropy(fromLogits: true).Compute(Logits, LogitTrue, [2.3f]));
    }

    // keras/src/losses/losses_test.py: BinaryCrossentropyTest.test_sample_weighted
    [Fact]
    public void Sample_weighted()
    {
        KerasAssert.AlmostEqual(4.7827, new BinaryCrossentropy().Compute(HardPred, HardTrue, [1.2f, 3.4f]));
        KerasAssert.AlmostEqual(10.0, new BinaryCrossentropy(fromLogits: true).Compute(Logits, LogitTrue, [4f, 3f]));
    }

    // keras/src/losses/losses_test.py: BinaryCrossentropyTest.test_no_reduction
    [Fact]
    public void No_reduction() =>
        KerasAssert.AllClose([0.0, 6.666], new BinaryCrossentropy(fromLogits: true, reduction: "none").Unreduced(Logits, LogitTrue), atol: 1e-3);

    // keras/src/losses/losses_test.py: BinaryCrossentropyTest.test_label_smoothing
    [Fact]
    public void Label_smoothing() =>
        KerasAssert.AlmostEqual((10.0 + 5.0 * 0.1) / 3.0,
            new BinaryCrossentropy(fromLogits: true, labelSmoothing: 0.1).Compute(new float[,] { { 10, -10, -10 } }, new float[,] { { 1, 0, 1 } }));

    // keras/src/losses/losses_test.py: BinaryCrossentropyTest.test_shape_mismatch
    [Fact]
    public void Shape_mismatch_is_refused()
    {
        Tensor yPred = new float[,] { { 0.9f, 0.05f, 0.05f }, { 0.5f, 0.89f, 0.6f }, { 0.05f, 0.01f, 0.94f } };
        var error = Assert.Throws<ArgumentException>(() => new BinaryCrossentropy().Compute(yPred, new float[,] { { 0 }, { 1 }, { 2 } }));
        Assert.Contains("the same shape", error.Message);
    }

    [Fact]
    public void Probabilities_of_exactly_0_and_1_are_clipped_in_float32_as_keras_clips()
    {
        // 1 − 1e-7 is 0.99999988 in float32, so −log(1 − p) for p = 1 is −log(1.1920929e-7) = 15.942385, not 16.118096.
        double loss = new BinaryCrossentropy().Compute(new float[,] { { 1 } }, new float[,] { { 0 } });
        Assert.Equal(-Math.Log(1 - (double)(float)(1 - 1e-7)), loss, 9);
        Assert.Equal(15.942385, loss, 1e-6);
    }

    [Fact]
    public void Label_smoothing_squeezes_targets_towards_one_half_and_its_gradient_matches_central_differences()
    {
        var loss = new BinaryCrossentropy(labelSmoothing: 0.2);
        Tensor predictions = GradientCheck.Uniform(8, 0.15f, 0.85f, 3, 2);
        Tensor targets = new float[,] { { 1, 0 }, { 0, 1 }, { 1, 1 } };
        // t = 1 becomes 0.9 and t = 0 becomes 0.1.
        Tensor soft = new float[,] { { 0.9f, 0.1f }, { 0.1f, 0.9f }, { 0.9f, 0.9f } };
        Assert.Equal(new BinaryCrossentropy().Compute(predictions, soft), loss.Compute(predictions, targets), 6);
        var gradient = new Tensor(3, 2);
        loss.Compute(predictions, targets, default, gradient);
        GradientCheck.Compare("bce smoothed", gradient.ToArray(), GradientCheck.Numeric(predictions.Span, () => loss.Compute(predictions, targets)));
    }
}
