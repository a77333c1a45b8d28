using NotebookRnn.Losses;
using NotebookRnn.Tensors;

namespace NotebookRnn.Tests.Losses;

/// <summary>Keras 3's SparseCategoricalCrossentropyTest (keras/src/losses/losses_test.py), one test per Keras test case.</summary>
public class SparseCategoricalCrossentropyTests
{
    private static readonly Tensor Labels = new float[,] { { 0 }, { 1 }, { 2 } };
    private static readonly Tensor YPred = new float[,] { { 0.9f, 0.05f, 0.05f }, { 0.5f, 0.89f, 0.6f }, { 0.05f, 0.01f, 0.94f } };
    private static readonly Tensor Logits = new float[,] { { 8, 1, 1 }, { 0, 9, 1 }, { 2, 3, 5 } };
    private static readonly Tensor SegmentationLabels = new float[,] { { 0, 1, 1, 0 }, { 1, 0, 1, 0 }, { 0, 0, 1, 1 }, { 1, 1, 0, 1 } };

    // keras/src/losses/losses_test.py: SparseCategoricalCrossentropyTest.test_config
    [Fact]
    public void Config_holds_from_logits_ignore_class_and_axis()
    {
        Assert.Equal("scce", new SparseCategoricalCrossentropy(name: "scce").GetConfig()["name"]);
        IReadOnlyDictionary<string, object?> config = new SparseCategoricalCrossentropy(fromLogits: true, ignoreClass: 3, axis: 0, name: "scce").GetConfig();
        Assert.Equal(true, config["from_logits"]);
        Assert.Equal(3, config["ignore_class"]);
        Assert.Equal(0, config["axis"]);
    }

    // keras/src/losses/losses_test.py: SparseCategoricalCrossentropyTest.test_all_correct_unweighted
    [Fact]
    public void All_correct_unweighted()
    {
        KerasAssert.AlmostEqual(0, new SparseCategoricalCrossentropy().Compute(new float[,] { { 1, 0, 0 }, { 0, 1, 0 }, { 0, 0, 1 } }, Labels));
        Tensor logits = new float[,] { { 10, 0, 0 }, { 0, 10, 0 }, { 0, 0, 10 } };
        KerasAssert.AlmostEqual(0, new SparseCategoricalCrossentropy(fromLogits: true).Compute(logits, Labels));
    }

    // keras/src/losses/losses_test.py: SparseCategoricalCrossentropyTest.test_unweighted
    [Fact]
    public void Unweighted()
    {
        KerasAssert.AlmostEqual(0.3239, new SparseCategoricalCrossentropy().Compute(YPred, new float[] { 0, 1, 2 }));
        KerasAssert.AlmostEqual(0.0573, new SparseCategoricalCrossentropy(fromLogits: true).Compute(Logits, new float[] { 0, 1, 2 }));
    }

    // keras/src/losses/losses_test.py: SparseCategoricalCrossentropyTest.test_scalar_weighted
    [Fact]
    public void Scalar_weighted()
    {
        KerasAssert.AlmostEqual(0.7449, new SparseCategoricalCrossentropy().Compute(YPred, Labels, [2.3f]));
        KerasAssert.AlmostEqual(0.1317, new SparseCategoricalCrossentropy(fromLogits: true).Compute(Logits, Labels, [2.3f]));
    }

    // keras/src/losses/losses_test.py: SparseCategoricalCrossentropyTest.test_sample_weighted
    [Fact]
    public void Sample_weighted()
    {
        KerasAssert.AlmostEqual(1.0696, new SparseCategoricalCrossentropy().Compute(YPred, Labels, [1.2f, 3.4f, 5.6f]));
        KerasAssert.AlmostEqual(0.31829, new SparseCategoricalCrossentropy(fromLogits: true).Compute(Logits, Labels, [1.2f, 3.4f, 5.6f]));
    }

    // keras/src/losses/losses_test.py: SparseCategoricalCrossentropyTest.test_no_reduction
    [Fact]
    public void No_reduction() =>
        KerasAssert.AllClose([0.001822, 0.000459, 0.169846], new SparseCategoricalCrossentropy(fromLogits: true, reduction: "none").Unreduced(Logits, Labels));

    // keras/src/losses/losses_test.py: SparseCategoricalCrossentropyTest.test_ignore_class
    [Fact]
    public void Ignore_class()
    {
        var logits = new Tensor([0.854f, 0.698f, 0.598f, 0.088f, 0.86f, 0.018f], 1, 2, 3);
        var loss = new SparseCategoricalCrossentropy(fromLogits: true, ignoreClass: -1, reduction: "none");
        Tensor values = loss.Unreduced(logits, new float[,] { { -1, 2 } });
        Assert.Equal([1, 2], values.Shape);
        KerasAssert.AllClose([0.0, 1.480129], values);
        KerasAssert.AllClose([0.0, 1.480129], loss.Unreduced(logits, new Tensor([-1, 2], 1, 2, 1)));
    }

    // keras/src/losses/losses_test.py: SparseCategoricalCrossentropyTest.test_binary_segmentation
    [Fact]
    public void Binary_segmentation()
    {
        float[] exact = [1, 0, 0, 1, 0, 1, 1, 0, 0, 1, 1, 0, 0, 1, 1, 0, 1, 0, 1, 0, 0, 1, 0, 1, 0, 1, 0, 1, 1, 0, 0, 1];
        KerasAssert.AllClose(0.0, new SparseCategoricalCrossentropy().Compute(new Tensor(exact, 4, 4, 2), SegmentationLabels));
        float[] off = (float[])exact.Clone();
        (off[6], off[7], off[30], off[31]) = (0.2f, 0.8f, 0.6f, 0.4f);
        KerasAssert.AllClose((-Math.Log(0.2) - Math.Log(0.4)) / 16, new SparseCategoricalCrossentropy().Compute(new Tensor(off, 4, 4, 2), SegmentationLabels));
    }

    // keras/src/losses/losses_test.py: SparseCategoricalCrossentropyTest.test_binary_segmentation_different_axis
    [Fact]
    public void Binary_segmentation_different_axis_is_refused_as_keras_tensorflow_does()
    {
        var error = Assert.Throws<ArgumentException>(() => new SparseCategoricalCrossentropy(axis: 0).Compute(new Tensor(2, 4, 4), SegmentationLabels));
        Assert.Contains("Only axis=-1 is currently supported. Received: axis=0", error.Message);
    }

    // keras/src/losses/losses_test.py: SparseCategoricalCrossentropyTest.test_multi_class_segmentation
    [Fact]
    public void Multi_class_segmentation()
    {
        Tensor labels = new float[,] { { 0, 1, 2, 0 }, { 1, 0, 1, 0 }, { 0, 0, 1, 1 }, { 1, 1, 0, 1 } };
        float[] exact = new float[48];
        for (int pixel = 0; pixel < 16; pixel++) exact[pixel * 3 + (int)labels.Span[pixel]] = 1;
        KerasAssert.AllClose(0.0, new SparseCategoricalCrossentropy().Compute(new Tensor(exact, 4, 4, 3), labels));
        float[] off = (float[])exact.Clone();
        (off[9], off[10], off[11]) = (0.2f, 0f, 0.8f);
        (off[12], off[13], off[14]) = (0.7f, 0.3f, 0f);
        (off[42], off[43], off[44]) = (0.5f, 0.5f, 0f);
        double expected = (-Math.Log(0.2) - Math.Log(0.3) - Math.Log(0.5)) / 16;
        KerasAssert.AllClose(expected, new SparseCategoricalCrossentropy().Compute(new Tensor(off, 4, 4, 3), labels));
    }

    // keras/src/losses/losses_test.py: SparseCategoricalCrossentropyTest.test_multi_class_segmentation_different_axis
    [Fact]
    public void Multi_class_segmentation_different_axis_is_refused_as_keras_tensorflow_does()
    {
        Tensor labels = new float[,] { { 0, 1, 2, 0 }, { 1, 0, 1, 0 }, { 0, 0, 1, 1 }, { 1, 1, 0, 1 } };
        var error = Assert.Throws<ArgumentException>(() => new SparseCategoricalCrossentropy(axis: 0).Compute(new Tensor(3, 4, 4), labels));
        Assert.Contains("Only axis=-1 is currently supported. Received: axis=0", error.Message);
    }

    [Fact]
    public void Ignored_rows_are_masked_so_the_mean_is_over_the_rows_left()
    {
        Tensor logits = new float[,] { { 2, 0, 0 }, { 0, 5, 0 }, { 1, 1, 1 } };
        var loss = new SparseCategoricalCrossentropy(fromLogits: true, ignoreClass: 255);
        double kept = new SparseCategoricalCrossentropy(fromLogits: true).Compute(new float[,] { { 2, 0, 0 }, { 1, 1, 1 } }, new float[] { 0, 2 });
        Assert.Equal(kept, loss.Compute(logits, new float[] { 0, 255, 2 }), 6);
        loss.ValidateTargets(new float[] { 0, 255, 2 }, 3, "y");
        Assert.Throws<ArgumentException>(() => loss.ValidateTargets(new float[] { 0, 254, 2 }, 3, "y"));
    }
}
