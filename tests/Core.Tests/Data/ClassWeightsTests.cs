using NotebookRnn.Data;
using NotebookRnn.Tensors;

namespace NotebookRnn.Tests.Data;

/// <summary>
/// Keras 3's class_weight conversion (keras/src/trainers/data_adapters/data_adapter_utils_test.py and
/// array_data_adapter_test.py), one test per Keras test case; string and float keys cannot occur with a typed dictionary.
/// </summary>
public class ClassWeightsTests
{
    private static readonly Dictionary<int, double> OneTwoThree = new() { [0] = 1.0, [1] = 2.0, [2] = 3.0 };

    // keras/src/trainers/data_adapters/data_adapter_utils_test.py: TestClassWeightToSampleWeights.test_class_weight_to_sample_weights (simple_class_labels)
    [Fact]
    public void Simple_class_labels() =>
        KerasAssert.AllClose([1.0, 2.0, 1.0, 3.0], ClassWeights.ToSampleWeights(new float[] { 0, 1, 0, 2 }, OneTwoThree, "classWeight"));

    // keras/src/trainers/data_adapters/data_adapter_utils_test.py: TestClassWeightToSampleWeights.test_class_weight_to_sample_weights (one_hot_encoded_labels)
    [Fact]
    public void One_hot_encoded_labels() =>
        KerasAssert.AllClose([1.0, 2.0, 1.0, 3.0],
            ClassWeights.ToSampleWeights(new float[,] { { 1, 0, 0 }, { 0, 1, 0 }, { 1, 0, 0 }, { 0, 0, 1 } }, OneTwoThree, "classWeight"));

    // keras/src/trainers/data_adapters/data_adapter_utils_test.py: TestClassWeightToSampleWeights.test_class_weight_to_sample_weights (unmapped_class)
    [Fact]
    public void Unmapped_class_weighs_one() =>
        KerasAssert.AllClose([1.0, 1.0, 1.0, 3.0], ClassWeights.ToSampleWeights(new float[] { 0, 3, 0, 2 }, OneTwoThree, "classWeight"));

    // keras/src/trainers/data_adapters/data_adapter_utils_test.py: TestClassWeightToSampleWeights.test_class_weight_to_sample_weights (multi_dimensional_input)
    [Fact]
    public void Multi_dimensional_input() =>
        KerasAssert.AllClose([1.0, 2.0, 1.0, 3.0], ClassWeights.ToSampleWeights(new float[,] { { 0 }, { 1 }, { 0 }, { 2 } }, OneTwoThree, "classWeight"));

    // keras/src/trainers/data_adapters/data_adapter_utils_test.py: TestClassWeightToSampleWeights.test_class_weight_to_sample_weights (all_unmapped)
    [Fact]
    public void All_unmapped() =>
        KerasAssert.AllClose([1.0, 1.0, 1.0, 1.0], ClassWeights.ToSampleWeights(new float[] { 0, 1, 0, 2 }, new Dictionary<int, double>(), "classWeight"));

    // keras/src/trainers/data_adapters/array_data_adapter_test.py: ArrayDataAdapterTest.test_class_weights (int and categorical)
    [Fact]
    public void Class_weights_of_int_and_categorical_targets()
    {
        var weights = new Dictionary<int, double> { [0] = 0.1, [1] = 0.2, [2] = 0.3, [3] = 0.4 };
        KerasAssert.AllClose([0.1, 0.2, 0.3, 0.4], ClassWeights.ToSampleWeights(new float[,] { { 0 }, { 1 }, { 2 }, { 3 } }, weights, "classWeight"));
        Tensor oneHot = new float[,] { { 1, 0, 0, 0 }, { 0, 1, 0, 0 }, { 0, 0, 1, 0 }, { 0, 0, 0, 1 } };
        KerasAssert.AllClose([0.1, 0.2, 0.3, 0.4], ClassWeights.ToSampleWeights(oneHot, weights, "classWeight"));
    }

    [Fact]
    public void Probabilities_of_a_binary_target_round_half_to_even_as_numpy_does() =>
        KerasAssert.AllClose([1.0, 5.0, 1.0, 5.0], ClassWeights.ToSampleWeights(new float[] { 0.5f, 0.51f, 0.2f, 1.5f }, new Dictionary<int, double> { [1] = 5, [2] = 5 }, "w"));

    [Fact]
    public void Targets_with_more_than_two_axes_are_refused()
    {
        var error = Assert.Throws<ArgumentException>(() => ClassWeights.ToSampleWeights(new Tensor(2, 3, 4), OneTwoThree, "classWeight"));
        Assert.Equal("classWeight", error.ParamName);
        Assert.Contains("(2, 3, 4)", error.Message);
    }
}
