using NotebookRnn.Layers;
using NotebookRnn.Layers.Reshaping;
using NotebookRnn.Tensors;

namespace NotebookRnn.Tests.Layers.Reshaping;

public class PermuteTests
{
    private static Permute Built(int[] dims, params int?[] inputShape)
    {
        var layer = new Permute(dims);
        layer.Build(inputShape, new RandomGenerator(1));
        return layer;
    }

    /// <summary>
    /// keras/src/layers/reshaping/permute_test.py::test_permute (dense): (10, 3, 5, 5) with about 80% zeros, dims
    /// (3, 1, 2), equals np.transpose(x, axes=(0, 3, 1, 2)).
    /// </summary>
    [Fact]
    public void Axes_are_reordered_as_numpy_transpose_with_the_batch_axis_first()
    {
        Tensor x = GradientCheck.Uniform(1, 0, 1, 10, 3, 5, 5);
        Span<float> values = x.Span;
        for (int i = 0; i < values.Length; i++) values[i] = values[i] >= 0.8f ? values[i] : 0;

        Tensor y = Built([3, 1, 2], 3, 5, 5).Forward(x, null, training: true);

        Assert.Equal([10, 5, 3, 5], y.Shape);
        for (int b = 0; b < 10; b++)
            for (int i = 0; i < 5; i++)
                for (int j = 0; j < 3; j++)
                    for (int k = 0; k < 5; k++)
                        Assert.Equal(x[b, j, k, i], y[b, i, j, k]);
    }

    [Fact]
    public void Swapping_steps_and_features_transposes_each_sample()
    {
        Tensor x = new float[,,] { { { 0, 1, 2 }, { 3, 4, 5 } } };

        Tensor y = Built([2, 1], 2, 3).Forward(x, null, training: false);

        Assert.Equal([1, 3, 2], y.Shape);
        Assert.Equal([0f, 3, 1, 4, 2, 5], y.ToArray());
    }

    /// <summary>permute_test.py::test_permute_with_dynamic_batch_size: (None, 3, 5) with dims (2, 1) is (None, 5, 3).</summary>
    [Fact]
    public void The_output_shape_takes_each_dimension_from_its_source_axis()
    {
        Assert.Equal([5, 3], new Permute([2, 1]).ComputeOutputShape([3, 5]));
        Assert.Equal([null, 4, 3], new Permute([3, 1, 2]).ComputeOutputShape([4, 3, null]));
    }

    [Fact]
    public void The_input_gradient_is_the_output_gradient_permuted_back()
    {
        Permute layer = Built([2, 3, 1], 2, 3, 4);
        Tensor x = GradientCheck.Uniform(2, -1, 1, 2, 2, 3, 4);
        layer.Forward(x, null, training: true);
        Tensor dy = GradientCheck.Uniform(3, -1, 1, 2, 3, 4, 2);

        Tensor dx = layer.Backward(dy, needInputGradient: true)!;

        Assert.Equal([2, 2, 3, 4], dx.Shape);
        for (int b = 0; b < 2; b++)
            for (int i = 0; i < 2; i++)
                for (int j = 0; j < 3; j++)
                    for (int k = 0; k < 4; k++)
                        Assert.Equal(dy[b, j, k, i], dx[b, i, j, k]);
        GradientCheck.Layer(layer, x);
    }

    /// <summary>permute_test.py::test_permute_errors_on_invalid_starting_dims_index and ::test_permute_errors_on_invalid_set_of_dims_indices.</summary>
    [Theory]
    [InlineData(new[] { 0, 1, 2 })]
    [InlineData(new[] { 1, 4, 2 })]
    [InlineData(new[] { 1, 1 })]
    [InlineData(new int[0])]
    public void Dims_that_are_not_a_permutation_of_one_to_n_are_rejected(int[] dims)
    {
        var error = Assert.Throws<ArgumentException>(() => new Permute(dims));
        Assert.Equal("dims", error.ParamName);
        Assert.StartsWith("Invalid permutation dims", error.Message);
        Assert.Contains($"got {Tensor.ShapeText(dims)}", error.Message);
    }

    [Fact]
    public void Input_with_another_number_of_axes_than_dims_is_rejected()
    {
        var error = Assert.Throws<ArgumentException>(() => Built([2, 1], 3, 4, 5));
        Assert.Equal("inputShape", error.ParamName);
        Assert.Contains("expects input with 3 axes, got (None, 3, 4, 5)", error.Message);
    }

    [Fact]
    public void Like_keras_it_does_not_support_masking_and_its_output_has_no_mask()
    {
        Permute layer = Built([2, 1], 2, 3);
        Assert.False(layer.SupportsMasking);
        Assert.Null(layer.ComputeOutputMask(new Tensor(1, 2, 3), SequenceMask.FromLengths([1], 2, Padding.Post)));
    }
}
