using NotebookRnn.Layers;
using NotebookRnn.Layers.Reshaping;
using NotebookRnn.Tensors;

namespace NotebookRnn.Tests.Layers.Reshaping;

public class ReshapeTests
{
    private static Reshape Built(int[] targetShape, params int?[] inputShape)
    {
        var layer = new Reshape(targetShape);
        layer.Build(inputShape, new RandomGenerator(1));
        return layer;
    }

    /// <summary>
    /// keras/src/layers/reshaping/reshape_test.py::test_reshape (dense): each target shape with the expected output shape
    /// for a batch of 3, and the values in the same row-major order.
    /// </summary>
    [Theory]
    [InlineData(new[] { 8, 1 }, new[] { 2, 4 }, new[] { 3, 8, 1 })]
    [InlineData(new[] { 8 }, new[] { 2, 4 }, new[] { 3, 8 })]
    [InlineData(new[] { 2, 4 }, new[] { 8 }, new[] { 3, 2, 4 })]
    [InlineData(new[] { -1, 1 }, new[] { 2, 4 }, new[] { 3, 8, 1 })]
    [InlineData(new[] { 1, -1 }, new[] { 2, 4 }, new[] { 3, 1, 8 })]
    [InlineData(new[] { -1 }, new[] { 2, 4 }, new[] { 3, 8 })]
    [InlineData(new[] { 2, -1 }, new[] { 2, 4 }, new[] { 3, 2, 4 })]
    public void Samples_take_the_target_shape_with_their_values_in_order(int[] targetShape, int[] inputShape, int[] expectedOutputShape)
    {
        Reshape layer = Built(targetShape, [.. inputShape.Select(d => (int?)d)]);
        Tensor x = GradientCheck.Uniform(1, -1, 1, [3, .. inputShape]);

        Tensor y = layer.Forward(x, null, training: true);

        Assert.Equal(expectedOutputShape, y.Shape);
        Assert.Equal([.. expectedOutputShape.Skip(1).Select(d => (int?)d)], layer.OutputShape);
        Assert.Equal(x.ToArray(), y.ToArray());
        GradientCheck.Layer(layer, x);
    }

    /// <summary>reshape_test.py::test_reshape_with_dynamic_batch_size and ::test_reshape_with_dynamic_batch_size_and_minus_one.</summary>
    [Fact]
    public void A_minus_one_is_inferred_from_the_known_input_size()
    {
        Assert.Equal([8], new Reshape([8]).ComputeOutputShape([2, 4]));
        Assert.Equal([3, 8], new Reshape([-1, 8]).ComputeOutputShape([6, 4]));
    }

    /// <summary>reshape_test.py::test_reshape_with_dynamic_dim_and_minus_one: (6, None, 3) reshaped to (-1, 3) is (None, 3).</summary>
    [Fact]
    public void A_minus_one_stays_unknown_when_an_input_dimension_is_unknown()
    {
        Assert.Equal([null, 3], new Reshape([-1, 3]).ComputeOutputShape([6, null, 3]));
    }

    /// <summary>
    /// reshape_test.py::test_reshape_with_varying_static_batch_size_and_minus_one: built for (None, 4), batches of
    /// (1, 6, 4) and (1, 10, 4) reshaped to (-1, 8) give (1, 3, 8) and (1, 5, 8).
    /// </summary>
    [Fact]
    public void The_inferred_dimension_follows_each_batch()
    {
        Reshape layer = Built([-1, 8], null, 4);

        Assert.Equal([1, 3, 8], layer.Forward(new Tensor(1, 6, 4), null, training: false).Shape);
        Assert.Equal([1, 5, 8], layer.Forward(new Tensor(1, 10, 4), null, training: false).Shape);
        var error = Assert.Throws<ArgumentException>(() => layer.Forward(new Tensor(1, 3, 4), null, training: false));
        Assert.Equal("input", error.ParamName);
        Assert.Contains("cannot be divided by the 8 values", error.Message);
    }

    /// <summary>reshape_test.py::test_reshape_sets_static_shape: input (None,) reshaped to (3, 5) has the static shape (3, 5).</summary>
    [Fact]
    public void A_full_target_shape_is_the_output_shape_even_from_an_unknown_input()
    {
        Reshape layer = Built([3, 5], [null]);

        Assert.Equal([3, 5], layer.OutputShape);
        Assert.Equal([2, 3, 5], layer.Forward(new Tensor(2, 15), null, training: false).Shape);
        var error = Assert.Throws<ArgumentException>(() => layer.Forward(new Tensor(2, 14), null, training: false));
        Assert.Contains("holds 14 values, targetShape (3, 5) holds 15", error.Message);
    }

    [Fact]
    public void A_target_with_more_than_one_minus_one_is_rejected_as_keras_rejects_it()
    {
        var error = Assert.Throws<ArgumentException>(() => new Reshape([-1, 2, -1]));
        Assert.Equal("targetShape", error.ParamName);
        Assert.Contains("must not contain more than one -1 value", error.Message);
        Assert.Contains("(-1, 2, -1)", error.Message);
    }

    [Theory]
    [InlineData(new[] { 0, 2 })]
    [InlineData(new[] { 3, -2 })]
    [InlineData(new int[0])]
    public void A_target_with_dimensions_below_one_other_than_minus_one_is_rejected(int[] targetShape)
    {
        var error = Assert.Throws<ArgumentException>(() => new Reshape(targetShape));
        Assert.Equal("targetShape", error.ParamName);
        Assert.Contains($"got {Tensor.ShapeText(targetShape)}", error.Message);
    }

    [Fact]
    public void A_target_of_another_size_is_rejected_when_the_layer_is_built()
    {
        var unchanged = Assert.Throws<ArgumentException>(() => Built([3, 3], 2, 4));
        Assert.Equal("inputShape", unchanged.ParamName);
        Assert.Contains("the total size of a sample must be unchanged: input shape (2, 4) holds 8 values, targetShape (3, 3) holds 9", unchanged.Message);

        var indivisible = Assert.Throws<ArgumentException>(() => Built([3, -1], 2, 4));
        Assert.Contains("input shape (2, 4) (8 values) cannot be divided by the 3 values", indivisible.Message);
    }

    [Fact]
    public void Like_keras_it_does_not_support_masking_and_its_output_has_no_mask()
    {
        Reshape layer = Built([-1], 2, 4);
        Assert.False(layer.SupportsMasking);
        Assert.Null(layer.ComputeOutputMask(new Tensor(3, 2, 4), SequenceMask.FromLengths([1, 2, 2], 2, Padding.Post)));
    }
}
