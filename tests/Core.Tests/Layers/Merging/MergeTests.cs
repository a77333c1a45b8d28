using NotebookRnn.Layers;
using NotebookRnn.Layers.Merging;
using NotebookRnn.Persistence;
using NotebookRnn.Tensors;

namespace NotebookRnn.Tests.Layers.Merging;

/// <summary>
/// The elementwise merge layers. Ports of keras/src/layers/merging/merging_test.py cite the Keras test; Keras's masked
/// inputs come from <c>Masking()</c>, whose mask is written here directly.
/// </summary>
public class MergeTests
{
    public static TheoryData<string> Elementwise => ["add", "subtract", "minimum", "maximum", "multiply", "average"];

    private static Merge Create(string op) => op switch
    {
        "add" => new Add(),
        "subtract" => new Subtract(),
        "minimum" => new Minimum(),
        "maximum" => new Maximum(),
        "multiply" => new Multiply(),
        _ => new Average(),
    };

    private static float Expected(string op, float a, float b) => op switch
    {
        "add" => a + b,
        "subtract" => a - b,
        "minimum" => Math.Min(a, b),
        "maximum" => Math.Max(a, b),
        "multiply" => a * b,
        _ => (a + b) * 0.5f,
    };

    private static T Built<T>(T layer, params int?[][] shapes) where T : MultiInputLayer
    {
        layer.Build(shapes, new RandomGenerator(1));
        return layer;
    }

    // Keras's [[[0, 0], [1, 2], [0, 0], [3, 4]]] under Masking(): steps 0 and 2 are padding.
    private static readonly Tensor MaskedX1 = new float[,,] { { { 0, 0 }, { 1, 2 }, { 0, 0 }, { 3, 4 } } };
    private static readonly Tensor X2 = new float[,,] { { { 0, 0 }, { 0, 0 }, { 1, 2 }, { 3, 4 } } };
    private static SequenceMask Mask(params bool[] real) => new(real, 1, real.Length);
    private static SequenceMask Mask1 => Mask(false, true, false, true);
    private static SequenceMask Mask2 => Mask(false, false, true, true);

    /// <summary>merging_test.py::test_correctness_static and test_correctness_dynamic: numpy's operation on random (2, 4, 5) inputs, no mask out.</summary>
    [Theory]
    [MemberData(nameof(Elementwise))]
    public void Each_merge_computes_its_operation_on_random_inputs_and_passes_no_mask_without_masks(string op)
    {
        Tensor x1 = GradientCheck.Uniform(1, 0, 1, 2, 4, 5), x2 = GradientCheck.Uniform(2, 0, 1, 2, 4, 5);
        Merge layer = Built(Create(op), [4, 5], [4, 5]);

        Tensor y = layer.Forward([x1, x2], [], training: false);

        Assert.Equal([2, 4, 5], y.Shape);
        KerasAssert.AllClose([.. Enumerable.Range(0, y.Length).Select(i => (double)Expected(op, x1.Span[i], x2.Span[i]))], y, atol: 1e-4);
        Assert.Null(layer.ComputeOutputMask([x1, x2], [null, null]));
        SequenceMask full = SequenceMask.FromLengths([4, 4], 4, Padding.Post);
        Assert.All(layer.ComputeOutputMask([x1, x2], [full, full])!.Flags.ToArray(), Assert.True);
    }

    /// <summary>merging_test.py::test_errors: the mask list must match the inputs.</summary>
    [Theory]
    [MemberData(nameof(Elementwise))]
    public void A_mask_list_of_another_length_than_the_inputs_is_refused(string op)
    {
        Tensor x = GradientCheck.Uniform(1, 0, 1, 2, 4, 5);
        Merge layer = Built(Create(op), [4, 5], [4, 5]);

        var error = Assert.Throws<ArgumentException>(() => layer.ComputeOutputMask([x, x], [null]));
        Assert.Contains("should have the same length", error.Message);
        Assert.Equal("masks", error.ParamName);
    }

    /// <summary>merging_test.py::test_add_with_mask.</summary>
    [Fact]
    public void Add_adds_masked_steps_too_and_masks_the_union_only_when_both_inputs_are_masked() =>
        AssertMasked(new Add(), [0, 0, 1, 2, 1, 2, 6, 8], [0, 0, 1, 2, 1, 2, 6, 8]);

    /// <summary>merging_test.py::test_subtract_with_mask.</summary>
    [Fact]
    public void Subtract_subtracts_masked_steps_too() => AssertMasked(new Subtract(), [0, 0, 1, 2, -1, -2, 0, 0], [0, 0, 1, 2, -1, -2, 0, 0]);

    /// <summary>merging_test.py::test_average_with_mask.</summary>
    [Fact]
    public void Average_averages_masked_steps_too() => AssertMasked(new Average(), [0, 0, 0.5f, 1, 0.5f, 1, 3, 4], [0, 0, 0.5f, 1, 0.5f, 1, 3, 4]);

    /// <summary>merging_test.py::test_multiply_with_mask: a masked step counts as 1, and is 0 when masked in every input.</summary>
    [Fact]
    public void Multiply_treats_masked_steps_as_one() => AssertMasked(new Multiply(), [0, 0, 0, 0, 1, 2, 9, 16], [0, 0, 1, 2, 1, 2, 9, 16]);

    /// <summary>merging_test.py::test_minimum_with_mask.</summary>
    [Fact]
    public void Minimum_leaves_masked_steps_out() => AssertMasked(new Minimum(), [0, 0, 0, 0, 1, 2, 3, 4], [0, 0, 1, 2, 1, 2, 3, 4]);

    /// <summary>merging_test.py::test_maximum_with_mask (negative values, so a masked 0 would win if it took part).</summary>
    [Fact]
    public void Maximum_leaves_masked_steps_out()
    {
        Tensor x1 = new float[,,] { { { 0, 0 }, { -1, -2 }, { 0, 0 }, { -3, -4 } } };
        Tensor x2 = new float[,,] { { { 0, 0 }, { 0, 0 }, { -1, -2 }, { -3, -4 } } };
        Maximum layer = Built(new Maximum(), [4, 2], [4, 2]);

        Assert.Equal([0f, 0, 0, 0, -1, -2, -3, -4], layer.Forward([x1, x2], [Mask1, null], false).ToArray());
        Assert.Null(layer.ComputeOutputMask([x1, x2], [Mask1, null]));
        Assert.Equal([0f, 0, -1, -2, -1, -2, -3, -4], layer.Forward([x1, x2], [Mask1, Mask2], false).ToArray());
        Assert.Equal([false, true, true, true], layer.ComputeOutputMask([x1, x2], [Mask1, Mask2])!.Flags.ToArray());
    }

    // The first input masked: values as expectedOneMask and no output mask; both masked: expectedBothMasked and mask [0, 1, 1, 1].
    private static void AssertMasked(Merge layer, float[] expectedOneMask, float[] expectedBothMasked)
    {
        Built(layer, [4, 2], [4, 2]);

        Assert.Equal(expectedOneMask, layer.Forward([MaskedX1, X2], [Mask1, null], false).ToArray());
        Assert.Null(layer.ComputeOutputMask([MaskedX1, X2], [Mask1, null]));
        Assert.Equal(expectedBothMasked, layer.Forward([MaskedX1, X2], [Mask1, Mask2], false).ToArray());
        Assert.Equal([false, true, true, true], layer.ComputeOutputMask([MaskedX1, X2], [Mask1, Mask2])!.Flags.ToArray());
    }

    /// <summary>merging_test.py::test_subtract_layer_inputs_length_errors.</summary>
    [Fact]
    public void Subtract_takes_exactly_two_inputs()
    {
        var three = Assert.Throws<ArgumentException>(() => new Subtract().Build([[4, 5], [4, 5], [4, 5]], new RandomGenerator(1)));
        var one = Assert.Throws<ArgumentException>(() => new Subtract().Build([[4, 5]], new RandomGenerator(1)));

        Assert.Contains("takes 2 inputs, got 3", three.Message);
        Assert.Contains("takes 2 inputs, got 1", one.Message);
    }

    [Fact]
    public void A_merge_of_one_input_is_refused() =>
        Assert.Contains("takes at least 2 inputs, got 1", Assert.Throws<ArgumentException>(() => new Add().Build([[3]], new RandomGenerator(1))).Message);

    [Fact]
    public void Shapes_that_do_not_broadcast_are_refused_naming_both()
    {
        var error = Assert.Throws<ArgumentException>(() => new Add().Build([[3, 4], [3, 5]], new RandomGenerator(1)));

        Assert.Contains("(None, 3, 4)", error.Message);
        Assert.Contains("(None, 3, 5)", error.Message);
    }

    [Fact]
    public void Inputs_broadcast_as_in_Keras_a_lower_rank_input_gaining_axes_after_the_batch_axis()
    {
        Add layer = Built(new Add(), [2, 3], [1, 3], [3]);
        Tensor a = new float[,,] { { { 1, 2, 3 }, { 4, 5, 6 } } }, b = new float[,,] { { { 10, 20, 30 } } }, c = new float[,] { { 100, 200, 300 } };

        Tensor y = layer.Forward([a, b, c], [], false);

        Assert.Equal([2, 3], layer.OutputShape.Select(d => d!.Value));
        Assert.Equal([111f, 222, 333, 114, 225, 336], y.ToArray());
    }

    [Fact]
    public void The_gradient_of_a_broadcast_input_sums_over_the_axes_it_was_repeated_along()
    {
        Add layer = Built(new Add(), [2, 3], [1, 3], [3]);
        Tensor a = new float[,,] { { { 1, 2, 3 }, { 4, 5, 6 } } }, b = new float[,,] { { { 10, 20, 30 } } }, c = new float[,] { { 100, 200, 300 } };
        layer.Forward([a, b, c], [], true);

        IReadOnlyList<Tensor?> gradients = layer.BackwardAll(new float[,,] { { { 1, 2, 3 }, { 4, 5, 6 } } }, [true, true, true]);

        Assert.Equal([1f, 2, 3, 4, 5, 6], gradients[0]!.ToArray());
        Assert.Equal([5f, 7, 9], gradients[1]!.ToArray());
        Assert.Equal([1, 3], gradients[2]!.Shape);
        Assert.Equal([5f, 7, 9], gradients[2]!.ToArray());
    }

    [Fact]
    public void An_output_gradient_of_another_shape_than_the_output_is_refused()
    {
        Add add = Built(new Add(), [4, 2], [4, 2]);
        Concatenate concatenate = new();
        concatenate.Build([[4, 2], [4, 2]], new RandomGenerator(1));
        Dot dot = new([2]);
        dot.Build([[4, 2], [4, 2]], new RandomGenerator(1));
        add.Forward([MaskedX1, X2], [], true);
        concatenate.Forward([MaskedX1, X2], [], true);
        dot.Forward([MaskedX1, X2], [], true);

        Assert.Contains("got (1, 4, 3)", Assert.Throws<ArgumentException>(() => add.BackwardAll(new Tensor(1, 4, 3), [true, true])).Message);
        Assert.Contains("output's shape (1, 4, 4)", Assert.Throws<ArgumentException>(() => concatenate.BackwardAll(new Tensor(1, 4, 3), [true, true])).Message);
        Assert.Equal("outputGradient", Assert.Throws<ArgumentException>(() => dot.BackwardAll(new Tensor(1, 4, 3), [true, true])).ParamName);
    }

    [Fact]
    public void A_mask_that_does_not_cover_the_outputs_steps_is_refused()
    {
        Add layer = Built(new Add(), [4, 2], [4, 2]);

        var error = Assert.Throws<ArgumentException>(() => layer.Forward([MaskedX1, X2], [Mask(true, true, true), null], false));

        Assert.Equal("masks", error.ParamName);
        Assert.Contains("got 1 × 3", error.Message);
    }

    public static TheoryData<string, int> GradientCases => new()
    {
        { "add", 3 }, { "subtract", 2 }, { "multiply", 3 }, { "average", 3 }, { "maximum", 3 }, { "minimum", 3 },
    };

    [Theory]
    [MemberData(nameof(GradientCases))]
    public void Gradients_match_central_differences(string op, int inputs)
    {
        Merge layer = Create(op);
        layer.Build([.. Enumerable.Range(0, inputs).Select(_ => new int?[] { 4, 3 })], new RandomGenerator(1));
        Tensor[] x = Separated(10, inputs, 2, 4, 3);

        GradientCheck.MultiInput(layer, x);
    }

    [Theory]
    [MemberData(nameof(GradientCases))]
    public void Gradients_with_masks_match_central_differences(string op, int inputs)
    {
        Merge layer = Create(op);
        layer.Build([.. Enumerable.Range(0, inputs).Select(_ => new int?[] { 4, 3 })], new RandomGenerator(1));
        Tensor[] x = Separated(20, inputs, 2, 4, 3);
        SequenceMask?[] masks =
        [
            new SequenceMask([true, false, true, false, false, true, true, false], 2, 4),
            SequenceMask.FromLengths([2, 3], 4, Padding.Post),
            SequenceMask.FromLengths([4, 1], 4, Padding.Pre),
        ];

        GradientCheck.MultiInput(layer, x, masks[..inputs]);
        GradientCheck.MultiInput(layer, x, [masks[0], .. Enumerable.Repeat<SequenceMask?>(null, inputs - 1)]);
    }

    [Fact]
    public void Gradients_of_broadcast_inputs_match_central_differences()
    {
        foreach (string op in new[] { "add", "subtract", "multiply", "maximum" })
        {
            Merge layer = Built(Create(op), [3, 4], [1, 4]);
            Tensor[] x = Separated(30, 2, 2, 3, 4);
            GradientCheck.MultiInput(layer, [x[0], new Tensor(x[1].ToArray()[..8], 2, 1, 4)]);
        }
    }

    // Tensors of the given shape whose values, all inputs together, are distinct multiples of 0.1: no two
    // closer than 0.1, so a maximum or minimum has no tie within the gradient check's step.
    private static Tensor[] Separated(int seed, int count, params int[] shape)
    {
        int length = shape.Aggregate(1, (a, b) => a * b);
        float[] values = [.. Enumerable.Range(0, count * length).Select(i => (i - count * length / 2) * 0.1f)];
        new RandomGenerator(seed).Shuffle(values.AsSpan());
        return [.. Enumerable.Range(0, count).Select(k => new Tensor(values[(k * length)..((k + 1) * length)], shape))];
    }

    [Theory]
    [MemberData(nameof(Elementwise))]
    public void The_configuration_round_trips_through_the_registry(string op)
    {
        Merge layer = Create(op);
        layer.Name = "merge_" + op;

        Layer restored = LayerRegistry.FromConfig(LayerRegistry.ClassNameOf(layer), layer.GetConfig());

        Assert.IsType(layer.GetType(), restored);
        Assert.Equal(layer.GetConfig(), restored.GetConfig());
    }
}
