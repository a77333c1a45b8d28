using NotebookRnn.Layers;
using NotebookRnn.Layers.Reshaping;
using NotebookRnn.Tensors;

namespace NotebookRnn.Tests.Layers.Reshaping;

public class RepeatVectorTests
{
    private static RepeatVector Built(int n, params int?[] inputShape)
    {
        var layer = new RepeatVector(n);
        layer.Build(inputShape, new RandomGenerator(1));
        return layer;
    }

    /// <summary>keras/src/layers/reshaping/repeat_vector_test.py::test_repeat_vector: (2, 5) with n = 3 equals np.repeat(x.reshape(2, 1, 5), 3, axis=1).</summary>
    [Fact]
    public void Each_vector_is_repeated_n_times_along_a_new_step_axis()
    {
        Tensor x = GradientCheck.Uniform(1, 0, 1, 2, 5);

        Tensor y = Built(3, 5).Forward(x, null, training: false);

        Assert.Equal([2, 3, 5], y.Shape);
        for (int b = 0; b < 2; b++)
            for (int i = 0; i < 3; i++)
                for (int f = 0; f < 5; f++)
                    Assert.Equal(x[b, f], y[b, i, f]);
    }

    /// <summary>repeat_vector_test.py::test_repeat_vector_with_dynamic_batch_size and ::test_repeat_vector_with_dynamic_dimension.</summary>
    [Fact]
    public void The_output_shape_is_n_steps_of_the_input_features_known_or_not()
    {
        Assert.Equal([3, 5], new RepeatVector(3).ComputeOutputShape([5]));
        Assert.Equal([3, null], new RepeatVector(3).ComputeOutputShape([null]));
    }

    [Fact]
    public void The_input_gradient_sums_the_gradients_of_the_copies()
    {
        RepeatVector layer = Built(2, 3);
        layer.Forward(new Tensor(2, 3), null, training: true);
        Tensor dy = new float[,,] { { { 1, 2, 3 }, { 10, 20, 30 } }, { { -1, 0, 1 }, { 0.5f, 0.5f, 0.5f } } };

        Tensor? dx = layer.Backward(dy, needInputGradient: true);

        Assert.Equal([11f, 22, 33, -0.5f, 0.5f, 1.5f], dx!.ToArray());
    }

    [Fact]
    public void Gradients_match_central_differences_for_every_batch_size()
    {
        RepeatVector layer = Built(4, 3);
        GradientCheck.Layer(layer, GradientCheck.Uniform(2, -1, 1, 5, 3));
        GradientCheck.Layer(layer, GradientCheck.Uniform(3, -1, 1, 2, 3));
    }

    /// <summary>repeat_vector_test.py::test_repeat_vector_with_invalid_n: Keras rejects an n that is not an integer; C# types do that, and n &lt; 1 is rejected here.</summary>
    [Theory]
    [InlineData(0)]
    [InlineData(-2)]
    public void A_repetition_count_below_one_is_rejected(int n)
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => new RepeatVector(n));
        Assert.Equal("n", error.ParamName);
        Assert.Contains($"got {n}", error.Message);
    }

    [Fact]
    public void Input_with_more_than_one_axis_after_the_batch_is_rejected()
    {
        var error = Assert.Throws<ArgumentException>(() => Built(3, 4, 5));
        Assert.Equal("inputShape", error.ParamName);
        Assert.Contains("(batch, features)", error.Message);
        Assert.Contains("(None, 4, 5)", error.Message);
    }

    [Fact]
    public void Like_keras_it_does_not_support_masking_and_its_output_has_no_mask()
    {
        RepeatVector layer = Built(2, 3);
        SequenceMask mask = SequenceMask.FromLengths([1, 3], 3, Padding.Post);

        Assert.False(layer.SupportsMasking);
        Assert.Null(layer.ComputeOutputMask(new Tensor(2, 3), mask));
    }
}
