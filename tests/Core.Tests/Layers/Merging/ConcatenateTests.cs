using NotebookRnn.Layers;
using NotebookRnn.Layers.Merging;
using NotebookRnn.Persistence;
using NotebookRnn.Tensors;

namespace NotebookRnn.Tests.Layers.Merging;

/// <summary>Concatenate; ports of keras/src/layers/merging/merging_test.py cite the Keras test.</summary>
public class ConcatenateTests
{
    private static Concatenate Built(Concatenate layer, params int?[][] shapes)
    {
        layer.Build(shapes, new RandomGenerator(1));
        return layer;
    }

    private static readonly Tensor MaskedX1 = new float[,,] { { { 0, 0 }, { 1, 2 }, { 0, 0 }, { 3, 4 } } };
    private static readonly Tensor X2 = new float[,,] { { { 0, 0 }, { 0, 0 }, { 1, 2 }, { 3, 4 } } };
    private static SequenceMask Mask1 => new([false, true, false, true], 1, 4);

    /// <summary>merging_test.py::test_correctness_static ("concat"): numpy's concatenate along −1 of random (2, 4, 5) inputs.</summary>
    [Fact]
    public void Concatenation_along_the_last_axis_matches_numpy()
    {
        Tensor x1 = GradientCheck.Uniform(1, 0, 1, 2, 4, 5), x2 = GradientCheck.Uniform(2, 0, 1, 2, 4, 5);
        Concatenate layer = Built(new Concatenate(-1), [4, 5], [4, 5]);

        Tensor y = layer.Forward([x1, x2], [], false);

        Assert.Equal([2, 4, 10], y.Shape);
        for (int b = 0; b < 2; b++)
            for (int t = 0; t < 4; t++)
                for (int f = 0; f < 10; f++) Assert.Equal(f < 5 ? x1[b, t, f] : x2[b, t, f - 5], y[b, t, f]);
        Assert.Null(layer.ComputeOutputMask([x1, x2], [null, null]));
    }

    /// <summary>merging_test.py::test_concatenate_with_mask and test_concatenate_with_mask_symbolic.</summary>
    [Fact]
    public void Along_time_the_masks_are_joined_and_along_features_a_step_is_real_when_real_in_some_input()
    {
        Concatenate inTime = Built(new Concatenate(axis: 1), [4, 2], [4, 2]);
        Concatenate inFeatures = Built(new Concatenate(axis: 2), [4, 2], [4, 2]);

        Tensor joined = inTime.Forward([MaskedX1, X2], [Mask1, null], false);
        Assert.Equal([0f, 0, 1, 2, 0, 0, 3, 4, 0, 0, 0, 0, 1, 2, 3, 4], joined.ToArray());
        Assert.Equal([false, true, false, true, true, true, true, true], inTime.ComputeOutputMask([MaskedX1, X2], [Mask1, null])!.Flags.ToArray());

        Tensor side = inFeatures.Forward([MaskedX1, X2], [Mask1, null], false);
        Assert.Equal([0f, 0, 0, 0, 1, 2, 0, 0, 0, 0, 1, 2, 3, 4, 3, 4], side.ToArray());
        Assert.Equal([true, true, true, true], inFeatures.ComputeOutputMask([MaskedX1, X2], [Mask1, null])!.Flags.ToArray());
    }

    [Fact]
    public void Along_features_two_masked_inputs_give_the_union_of_their_masks()
    {
        Concatenate layer = Built(new Concatenate(), [4, 2], [4, 2]);
        var mask2 = SequenceMask.FromLengths([1], 4, Padding.Post);

        Assert.Equal([true, true, false, true], layer.ComputeOutputMask([MaskedX1, X2], [Mask1, mask2])!.Flags.ToArray());
    }

    /// <summary>merging_test.py::test_concatenate_errors.</summary>
    [Fact]
    public void Inputs_must_match_on_every_axis_but_the_concatenation_axis()
    {
        Concatenate fits = Built(new Concatenate(-1), [1, 1, 1, 5], [1, 1, 1, 4]);
        Assert.Equal([1, 1, 1, 9], fits.OutputShape);

        var last = Assert.Throws<ArgumentException>(() => Built(new Concatenate(-1), [2, 1, 1, 5], [1, 1, 1, 4]));
        var first = Assert.Throws<ArgumentException>(() => Built(new Concatenate(1), [2, 1, 2, 1], [1, 1, 3, 1]));
        Assert.Contains("requires inputs with matching shapes except for the concatenation axis", last.Message);
        Assert.Contains("requires inputs with matching shapes except for the concatenation axis", first.Message);
    }

    [Fact]
    public void An_unknown_size_along_the_axis_makes_the_output_size_unknown() =>
        Assert.Equal([null, 3], Built(new Concatenate(1), [null, 3], [4, 3]).OutputShape);

    [Fact]
    public void The_batch_axis_and_axes_beyond_the_rank_are_refused()
    {
        Assert.Equal("axis", Assert.Throws<ArgumentOutOfRangeException>(() => new Concatenate(0)).ParamName);
        var error = Assert.Throws<ArgumentException>(() => Built(new Concatenate(3), [4, 2], [4, 2]));
        Assert.Contains("axis 3 is out of range for inputs of rank 3", error.Message);
        Assert.Throws<ArgumentException>(() => Built(new Concatenate(-3), [4, 2], [4, 2]));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(-1)]
    public void Gradients_match_central_differences(int axis)
    {
        int?[][] shapes = axis == 1 ? [[2, 3], [4, 3], [1, 3]] : [[4, 2], [4, 3], [4, 1]];
        Concatenate layer = Built(new Concatenate(axis), shapes);
        Tensor[] x = [.. shapes.Select((s, k) => GradientCheck.Uniform(40 + k, -1, 1, [2, .. s.Select(d => d!.Value)]))];

        GradientCheck.MultiInput(layer, x);
    }

    [Fact]
    public void The_configuration_round_trips_through_the_registry()
    {
        var layer = new Concatenate(axis: 1, name: "join");

        var restored = (Concatenate)LayerRegistry.FromConfig("Concatenate", layer.GetConfig());

        Assert.Equal(1, restored.Axis);
        Assert.Equal(layer.GetConfig(), LayerRegistry.Clone(layer).GetConfig());
        Assert.Equal("join", restored.Name);
        Assert.Equal(-1, ((Concatenate)LayerRegistry.FromConfig("concatenate", new Dictionary<string, object?>())).Axis);
    }
}
