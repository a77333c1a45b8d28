using NotebookRnn.Layers;
using NotebookRnn.Layers.Attention;
using NotebookRnn.Persistence;
using NotebookRnn.Tensors;
using LuongAttention = NotebookRnn.Layers.Attention.Attention;

namespace NotebookRnn.Tests.Layers.Attention;

/// <summary>Attention (Luong); ports of keras/src/layers/attention/attention_test.py cite the Keras test.</summary>
public class AttentionTests
{
    internal static T Built<T>(T layer, params int[][] shapes) where T : DenseAttention
    {
        layer.Build([.. shapes.Select(s => s.Select(d => (int?)d).ToArray())], new RandomGenerator(1));
        return layer;
    }

    internal static readonly Tensor Query = new float[,,] { { { 1, 0 }, { 0, 1 } } };
    internal static readonly Tensor Key = new float[,,] { { { 0, 1 }, { 1, 0 } } };
    internal static readonly Tensor Value = new float[,,] { { { 1, 2 }, { 3, 4 } } };
    internal static readonly Tensor Ones = new float[,,] { { { 1, 1 }, { 1, 1 } } };

    /// <summary>attention_test.py::test_attention_basics: output shapes and weight counts.</summary>
    [Fact]
    public void Dot_mode_has_no_weights_and_scaled_concat_mode_has_two()
    {
        LuongAttention dot = Built(new LuongAttention(scoreMode: "dot", dropout: 0.5), [3, 4], [4, 4]);
        LuongAttention concat = Built(new LuongAttention(useScale: true, scoreMode: "concat", dropout: 0.5), [3, 4], [4, 4]);

        Assert.Equal([3, 4], dot.OutputShape);
        Assert.Empty(dot.Parameters);
        Assert.Equal(["scale", "concat_score_weight"], concat.Parameters.Select(p => p.Name));
        Assert.All(concat.Parameters, p => Assert.Empty(p.Value.Shape));
        Assert.Equal([2, 3, 4], dot.Forward([GradientCheck.Uniform(1, 0, 1, 2, 3, 4), GradientCheck.Uniform(2, 0, 1, 2, 4, 4)], [], training: true).Shape);
    }

    /// <summary>attention_test.py::test_attention_seed_preserved_in_config.</summary>
    [Fact]
    public void The_seed_and_every_setting_survive_the_configuration()
    {
        var layer = new LuongAttention(useScale: true, scoreMode: "concat", dropout: 0.5, seed: 1337, name: "luong");

        IReadOnlyDictionary<string, object?> config = layer.GetConfig();
        var restored = (LuongAttention)LayerRegistry.FromConfig("Attention", config);

        Assert.Equal(1337L, config["seed"]);
        Assert.Equal("concat", config["score_mode"]);
        Assert.Equal(1337L, restored.Seed);
        Assert.Equal(config, restored.GetConfig());
        Assert.Equal(config, LayerRegistry.Clone(layer).GetConfig());
        Assert.Equal((true, AttentionScoreMode.Concat, 0.5, "luong"), (restored.UseScale, restored.ScoreMode, restored.Dropout, restored.Name));
    }

    /// <summary>attention_test.py::test_attention_correctness (dot and concat), with return_attention_scores.</summary>
    [Fact]
    public void Dot_and_concat_scores_give_Keras_outputs_and_distributions()
    {
        LuongAttention dot = Built(new LuongAttention(scoreMode: "dot"), [2, 2], [2, 2], [2, 2]);
        LuongAttention concat = Built(new LuongAttention(scoreMode: "concat"), [2, 2], [2, 2], [2, 2]);

        var (dotOutput, dotScores) = dot.Forward([Query, Value, Key], [], training: false, useCausalMask: false);
        KerasAssert.AllClose([2.462, 3.462, 1.538, 2.538], dotOutput, atol: 1e-3);
        KerasAssert.AllClose([0.269, 0.731, 0.731, 0.269], dotScores, atol: 1e-3);

        var (concatOutput, concatScores) = concat.Forward([Query, Value, Key], [], training: false, useCausalMask: false);
        KerasAssert.AllClose([1.727, 2.727, 2.272, 3.272], concatOutput, atol: 1e-3);
        KerasAssert.AllClose([0.636, 0.363, 0.363, 0.636], concatScores, atol: 1e-3);
    }

    /// <summary>attention_test.py::test_attention_with_mask: padded value steps get no attention, padded query steps output 0.</summary>
    [Fact]
    public void Masked_values_get_no_attention_and_masked_queries_output_zeros()
    {
        LuongAttention layer = Built(new LuongAttention(), [2, 2], [2, 2]);
        SequenceMask?[] masks = [new SequenceMask([true, false], 1, 2), new SequenceMask([true, false], 1, 2)];

        var (output, scores) = layer.Forward([Query, Ones], masks, training: false, useCausalMask: false);

        KerasAssert.AllClose([1, 1, 0, 0], output);
        KerasAssert.AllClose([1, 0, 1, 0], scores);
    }

    /// <summary>attention_test.py::test_attention_2D_mask_shape_mismatch: masks with holes, Tq ≠ Tv.</summary>
    [Fact]
    public void Masks_with_holes_over_different_query_and_value_lengths_give_the_right_shapes()
    {
        LuongAttention layer = Built(new LuongAttention(), [3, 5], [4, 5]);
        SequenceMask?[] masks =
        [
            new SequenceMask([true, false, true, true, false, true], 2, 3),
            new SequenceMask([true, false, true, true, true, false, true, true], 2, 4),
        ];

        var (output, scores) = layer.Forward([GradientCheck.Uniform(1, 0, 1, 2, 3, 5), GradientCheck.Uniform(2, 0, 1, 2, 4, 5)], masks, false, false);

        Assert.Equal([2, 3, 5], output.Shape);
        Assert.Equal([2, 3, 4], scores.Shape);
        for (int b = 0; b < 2; b++)
            for (int i = 0; i < 3; i++) Assert.Equal(0f, scores[b, i, 1]);
        Assert.All(Enumerable.Range(0, 5), f => Assert.Equal(0f, output[0, 1, f]));
    }

    /// <summary>attention_test.py::test_attention_errors: input and mask lists of the wrong length.</summary>
    [Fact]
    public void Inputs_and_masks_must_be_lists_of_two_or_three()
    {
        var fourInputs = Assert.Throws<ArgumentException>(() => new LuongAttention().Build([[2, 2], [2, 2], [2, 2], [2, 2]], new RandomGenerator(1)));
        LuongAttention layer = Built(new LuongAttention(), [2, 2], [2, 2]);
        var oneMask = Assert.Throws<ArgumentException>(() => layer.Forward([Ones, Ones], [null], false));

        Assert.Contains("takes 2 to 3 inputs, got 4", fourInputs.Message);
        Assert.Contains("length 2 or 3", oneMask.Message);
        Assert.Throws<InvalidOperationException>(() => layer.Forward(Ones, null, false));
    }

    /// <summary>attention_test.py::test_attention_with_dropout: in training, dropout changes the output and the distribution.</summary>
    [Fact]
    public void Dropout_in_training_changes_the_output_and_the_distribution_but_not_at_inference()
    {
        LuongAttention dropped = Built(new LuongAttention(dropout: 0.2, seed: 3), [2, 2], [2, 2]);
        LuongAttention plain = Built(new LuongAttention(), [2, 2], [2, 2]);
        Tensor query = GradientCheck.Uniform(5, 0, 1, 4, 2, 2), value = GradientCheck.Uniform(6, 0, 1, 4, 2, 2);

        var (output1, scores1) = dropped.Forward([query, value], [], training: true, useCausalMask: false);
        float[] o1 = output1.ToArray(), s1 = scores1.ToArray();
        var (output2, scores2) = plain.Forward([query, value], [], training: true, useCausalMask: false);

        Assert.NotEqual(o1, output2.ToArray());
        Assert.NotEqual(s1, scores2.ToArray());
        Assert.Equal(output2.ToArray(), dropped.Forward([query, value], [], training: false).ToArray());
    }

    /// <summary>attention_test.py::test_attention_invalid_score_mode.</summary>
    [Fact]
    public void An_unknown_score_mode_is_refused_naming_the_choices()
    {
        var error = Assert.Throws<ArgumentException>(() => new LuongAttention(scoreMode: "invalid_mode"));

        Assert.Contains("Invalid value for argument scoreMode: expected one of {'dot', 'concat'}", error.Message);
        Assert.Equal("scoreMode", error.ParamName);
    }

    /// <summary>attention_test.py::test_attention_calculate_scores_with_scale: scores = scale · Q·Kᵀ (seen through the softmax).</summary>
    [Fact]
    public void A_scaled_dot_score_multiplies_the_products_by_the_scale()
    {
        LuongAttention layer = Built(new LuongAttention(useScale: true), [3, 4], [4, 4]);
        layer.Scale!.Value.Span[0] = 1.7f;
        Tensor query = GradientCheck.Uniform(7, 0, 1, 2, 3, 4), key = GradientCheck.Uniform(8, 0, 1, 2, 4, 4);

        var (_, scores) = layer.Forward([query, key], [], false, false);

        for (int b = 0; b < 2; b++)
            for (int i = 0; i < 3; i++)
            {
                double[] raw = [.. Enumerable.Range(0, 4).Select(j => 1.7 * Enumerable.Range(0, 4).Sum(d => (double)query[b, i, d] * key[b, j, d]))];
                double total = raw.Sum(s => Math.Exp(s - raw.Max()));
                for (int j = 0; j < 4; j++) KerasAssert.AllClose(Math.Exp(raw[j] - raw.Max()) / total, scores[b, i, j], atol: 1e-6);
            }
    }

    /// <summary>
    /// attention_test.py::test_attention_calculate_score_mask_with_causal_no_vmask and _with_causal_and_vmask: step i attends
    /// to steps j ≤ i that the value mask keeps.
    /// </summary>
    [Fact]
    public void The_causal_mask_keeps_each_query_step_to_earlier_value_steps_and_combines_with_the_value_mask()
    {
        LuongAttention layer = Built(new LuongAttention(), [3, 4], [4, 4]);
        Tensor query = GradientCheck.Uniform(9, 0, 1, 2, 3, 4), value = GradientCheck.Uniform(10, 0, 1, 2, 4, 4);
        SequenceMask valueMask = new([true, false, true, false, true, false, true, false], 2, 4);

        float[] causal = layer.Forward([query, value], [], false, useCausalMask: true).Scores.ToArray();
        float[] both = layer.Forward([query, value], [null, valueMask], false, useCausalMask: true).Scores.ToArray();

        for (int b = 0; b < 2; b++)
            for (int i = 0; i < 3; i++)
                for (int j = 0; j < 4; j++)
                {
                    int at = (b * 3 + i) * 4 + j;
                    Assert.Equal(j <= i, causal[at] > 0);
                    Assert.Equal(j <= i && j % 2 == 0, both[at] > 0);
                }
    }

    /// <summary>attention_test.py::test_attention_compute_mask_*: the output's mask is the query's, none without one.</summary>
    [Fact]
    public void The_output_mask_is_the_query_mask()
    {
        LuongAttention layer = Built(new LuongAttention(), [3, 4], [4, 4]);
        Tensor[] inputs = [GradientCheck.Uniform(1, 0, 1, 1, 3, 4), GradientCheck.Uniform(2, 0, 1, 1, 4, 4)];
        var queryMask = new SequenceMask([true, false, true], 1, 3);

        Assert.Null(layer.ComputeOutputMask(inputs, []));
        Assert.Null(layer.ComputeOutputMask(inputs, [null, new SequenceMask([true, false, true, true], 1, 4)]));
        Assert.Same(queryMask, layer.ComputeOutputMask(inputs, [queryMask, new SequenceMask([false, true, false, true], 1, 4)]));
    }

    /// <summary>attention_test.py::test_attention_compute_output_shape and test_return_attention_scores_true.</summary>
    [Fact]
    public void The_output_has_the_query_steps_and_the_value_features_and_the_scores_query_by_value_steps()
    {
        LuongAttention withKey = Built(new LuongAttention(), [3, 4], [3, 5], [3, 4]);
        LuongAttention withoutKey = Built(new LuongAttention(), [8, 16], [4, 16]);

        Assert.Equal([3, 5], withKey.OutputShape);
        Assert.Equal([2, 3, 5], withKey.Forward([GradientCheck.Uniform(1, 0, 1, 2, 3, 4), GradientCheck.Uniform(2, 0, 1, 2, 3, 5), GradientCheck.Uniform(3, 0, 1, 2, 3, 4)], [], false).Shape);
        var (output, scores) = withoutKey.Forward([GradientCheck.Uniform(4, 0, 1, 2, 8, 16), GradientCheck.Uniform(5, 0, 1, 2, 4, 16)], [], false, false);
        Assert.Equal([2, 8, 16], output.Shape);
        Assert.Equal([2, 8, 4], scores.Shape);
    }

    /// <summary>attention_test.py::test_attention_nd_inputs: (2, 8, 6, 4) inputs attend over their last two axes → scores (2, 8, 6, 6).</summary>
    [Fact]
    public void Inputs_with_leading_axes_attend_over_their_last_two_axes_for_each_leading_index()
    {
        LuongAttention layer = Built(new LuongAttention(), [8, 6, 4], [8, 6, 4]);
        Tensor query = GradientCheck.Uniform(11, 0, 1, 2, 8, 6, 4), value = GradientCheck.Uniform(12, 0, 1, 2, 8, 6, 4);
        LuongAttention flat = Built(new LuongAttention(), [6, 4], [6, 4]);

        var (output, scores) = layer.Forward([query, value], [], false, false);

        Assert.Equal([8, 6, 4], layer.OutputShape);
        Assert.Equal([2, 8, 6, 4], output.Shape);
        Assert.Equal([2, 8, 6, 6], scores.Shape);
        var (flatOutput, flatScores) = flat.Forward([query.Reshape(16, 6, 4), value.Reshape(16, 6, 4)], [], false, false);
        Assert.Equal(flatOutput.ToArray(), output.ToArray());
        Assert.Equal(flatScores.ToArray(), scores.ToArray());
        Assert.Throws<ArgumentException>(() => layer.Forward([query, value], [null, new SequenceMask(new bool[96], 16, 6)], false));
    }

    [Fact]
    public void Gradients_of_inputs_with_leading_axes_have_their_shapes_and_match_central_differences()
    {
        LuongAttention layer = Built(new LuongAttention(useScale: true), [2, 3, 2], [2, 4, 3], [2, 4, 2]);

        GradientCheck.MultiInput(layer, [GradientCheck.Uniform(13, -1, 1, 2, 2, 3, 2), GradientCheck.Uniform(14, -1, 1, 2, 2, 4, 3), GradientCheck.Uniform(15, -1, 1, 2, 2, 4, 2)]);
        Assert.Equal([2, 2, 4, 2], layer.BackwardAll(new Tensor(2, 2, 3, 3), [true, true, true])[2]!.Shape);
    }

    [Fact]
    public void Query_and_key_features_must_agree_and_value_and_key_steps_too()
    {
        var features = Assert.Throws<ArgumentException>(() => Built(new LuongAttention(), [3, 4], [5, 2], [5, 3]));
        var steps = Assert.Throws<ArgumentException>(() => Built(new LuongAttention(), [3, 4], [5, 2], [6, 4]));
        var rank = Assert.Throws<ArgumentException>(() => Built(new LuongAttention(), [3], [5, 2]));
        var leading = Assert.Throws<ArgumentException>(() => Built(new LuongAttention(), [2, 3, 4], [3, 5, 4]));

        Assert.Contains("the query's and the key's features to agree", features.Message);
        Assert.Contains("the value and the key to have the same steps", steps.Message);
        Assert.Contains("expects the query of shape (batch, …, steps, features)", rank.Message);
        Assert.Contains("expects the value of shape (batch, …, steps, features) like the query (None, 2, 3, 4), got (None, 3, 5, 4)", leading.Message);
    }

    [Fact]
    public void A_dropout_rate_outside_zero_to_one_is_refused() =>
        Assert.Equal("dropout", Assert.Throws<ArgumentOutOfRangeException>(() => new LuongAttention(dropout: 1)).ParamName);
}
