using NotebookRnn.Losses;
using NotebookRnn.Tensors;

namespace NotebookRnn.Tests.Losses;

/// <summary>Keras 3's CategoricalCrossentropyTest (keras/src/losses/losses_test.py), one test per Keras test case.</summary>
public class CategoricalCrossentropyTests
{
    private static readonly Tensor OneHot = new float[,] { { 1, 0, 0 }, { 0, 1, 0 }, { 0, 0, 1 } };
    private static readonly Tensor YPred = new float[,] { { 0.9f, 0.05f, 0.05f }, { 0.5f, 0.89f, 0.6f }, { 0.05f, 0.01f, 0.94f } };
    private static readonly Tensor Logits = new float[,] { { 8, 1, 1 }, { 0, 9, 1 }, { 2, 3, 5 } };

    // keras/src/losses/losses_test.py: CategoricalCrossentropyTest.test_config
    [Fact]
    public void Config_holds_every_argument() =>
        Assert.Equal(new Dictionary<string, object?>
        {
            ["name"] = "cce", ["reduction"] = "sum_over_batch_size", ["from_logits"] = false, ["label_smoothing"] = 0.0, ["axis"] = -1,
        }, new CategoricalCrossentropy(name: "cce", axis: -1).GetConfig());

    // keras/src/losses/losses_test.py: CategoricalCrossentropyTest.test_all_correct_unweighted
    [Fact]
    public void All_correct_unweighted()
    {
        KerasAssert.AlmostEqual(0, new CategoricalCrossentropy().Compute(OneHot, OneHot));
        Tensor logits = new float[,] { { 10, 0, 0 }, { 0, 10, 0 }, { 0, 0, 10 } };
        KerasAssert.AlmostEqual(0, new CategoricalCrossentropy(fromLogits: true).Compute(logits, OneHot));
    }

    // keras/src/losses/losses_test.py: CategoricalCrossentropyTest.test_unweighted
    [Fact]
    public void Unweighted()
    {
        KerasAssert.AlmostEqual(0.3239, new CategoricalCrossentropy().Compute(YPred, OneHot));
        KerasAssert.AlmostEqual(0.0573, new CategoricalCrossentropy(fromLogits: true).Compute(Logits, OneHot));
    }

    // keras/src/losses/losses_test.py: CategoricalCrossentropyTest.test_scalar_weighted
    [Fact]
    public void Scalar_weighted()
    {
        KerasAssert.AlmostEqual(0.7449, new CategoricalCrossentropy().Compute(YPred, OneHot, [2.3f]));
        KerasAssert.AlmostEqual(0.1317, new CategoricalCrossentropy(fromLogits: true).Compute(Logits, OneHot, [2.3f]));
    }

    // keras/src/losses/losses_test.py: CategoricalCrossentropyTest.test_sample_weighted
    [Fact]
    public void Sample_weighted()
    {
        KerasAssert.AlmostEqual(1.0696, new CategoricalCrossentropy().Compute(YPred, OneHot, [1.2f, 3.4f, 5.6f]));
        KerasAssert.AlmostEqual(0.31829, new CategoricalCrossentropy(fromLogits: true).Compute(Logits, OneHot, [1.2f, 3.4f, 5.6f]));
    }

    // keras/src/losses/losses_test.py: CategoricalCrossentropyTest.test_no_reduction
    [Fact]
    public void No_reduction() =>
        KerasAssert.AllClose([0.001822, 0.000459, 0.169846], new CategoricalCrossentropy(fromLogits: true, reduction: "none").Unreduced(Logits, OneHot));

    // keras/src/losses/losses_test.py: CategoricalCrossentropyTest.test_label_smoothing
    [Fact]
    public void Label_smoothing() =>
        KerasAssert.AlmostEqual(400.0 * 0.1 / 3.0,
            new CategoricalCrossentropy(fromLogits: true, labelSmoothing: 0.1).Compute(new float[,] { { 100, -100, -100 } }, new float[,] { { 1, 0, 0 } }));

    // keras/src/losses/losses_test.py: CategoricalCrossentropyTest.test_label_smoothing_ndarray
    [Fact]
    public void Label_smoothing_ndarray() =>
        KerasAssert.AlmostEqual(400.0 * 0.1 / 3.0,
            new CategoricalCrossentropy(fromLogits: true, labelSmoothing: 0.1).Compute(new Tensor([100, -100, -100], 1, 3), new Tensor([1, 0, 0], 1, 3)));

    // keras/src/losses/losses_test.py: CategoricalCrossentropyTest.test_label_smoothing_with_axis
    [Fact]
    public void Label_smoothing_with_axis()
    {
        // (batch, classes, spatial): the classes are axis 1.
        float[] yTrue = [1, 0, 0, 1, 0, 0, 0, 1, 1, 0, 0, 0];
        float[] yPred = [0.8f, 0.1f, 0.1f, 0.8f, 0.1f, 0.1f, 0.1f, 0.8f, 0.8f, 0.1f, 0.1f, 0.1f];
        double expected = 0;
        for (int b = 0; b < 2; b++)
            for (int s = 0; s < 2; s++)
                for (int c = 0; c < 3; c++)
                {
                    int i = (b * 3 + c) * 2 + s;
                    expected -= (yTrue[i] * 0.9 + 0.1 / 3) * Math.Log(yPred[i]);
                }
        double loss = new CategoricalCrossentropy(labelSmoothing: 0.1, axis: 1).Compute(new Tensor(yPred, 2, 3, 2), new Tensor(yTrue, 2, 3, 2));
        KerasAssert.AlmostEqual(expected / 4, loss, decimals: 5);
    }

    // keras/src/losses/losses_test.py: CategoricalCrossentropyTest.test_shape_mismatch
    [Fact]
    public void Shape_mismatch_is_refused()
    {
        var error = Assert.Throws<ArgumentException>(() => new CategoricalCrossentropy().Compute(YPred, new float[,] { { 0 }, { 1 }, { 2 } }));
        Assert.Contains("the same shape", error.Message);
    }

    [Fact]
    public void Gradient_along_another_axis_matches_central_differences()
    {
        var loss = new CategoricalCrossentropy(labelSmoothing: 0.1, axis: 1);
        Tensor predictions = GradientCheck.Uniform(9, 0.15f, 0.85f, 2, 3, 2);
        Tensor targets = new Tensor([1, 0, 0, 1, 0, 0, 0, 1, 1, 0, 0, 0], 2, 3, 2);
        var gradient = new Tensor(2, 3, 2);
        loss.Compute(predictions, targets, default, gradient);
        GradientCheck.Compare("cce axis 1", gradient.ToArray(), GradientCheck.Numeric(predictions.Span, () => loss.Compute(predictions, targets)));
    }
}
