using NotebookRnn.Layers;
using NotebookRnn.Layers.Attention;
using NotebookRnn.Persistence;
using NotebookRnn.Tensors;
using static NotebookRnn.Tests.Layers.Attention.AttentionTests;

namespace NotebookRnn.Tests.Layers.Attention;

/// <summary>AdditiveAttention (Bahdanau); ports of keras/src/layers/attention/additive_attention_test.py cite the Keras test.</summary>
public class AdditiveAttentionTests
{
    /// <summary>additive_attention_test.py::test_attention_basics: one weight of dim values with scale, none without.</summary>
    [Fact]
    public void The_scale_is_one_weight_per_feature_and_absent_without_use_scale()
    {
        AdditiveAttention scaled = Built(new AdditiveAttention(useScale: true, dropout: 0.5), [3, 4], [4, 4]);
        AdditiveAttention unscaled = Built(new AdditiveAttention(useScale: false, dropout: 0.5), [3, 4], [4, 4]);

        Assert.Equal([3, 4], scaled.OutputShape);
        Assert.Equal([4], Assert.Single(scaled.Parameters).Value.Shape);
        Assert.Empty(unscaled.Parameters);
        Assert.Equal([2, 3, 4], scaled.Forward([GradientCheck.Uniform(1, 0, 1, 2, 3, 4), GradientCheck.Uniform(2, 0, 1, 2, 4, 4)], [], training: true).Shape);
    }

    /// <summary>additive_attention_test.py::test_attention_correctness.</summary>
    [Fact]
    public void Unscaled_additive_scores_give_Keras_outputs_and_distributions()
    {
        AdditiveAttention layer = Built(new AdditiveAttention(useScale: false), [2, 2], [2, 2], [2, 2]);

        var (output, scores) = layer.Forward([Query, Value, Key], [], training: false, useCausalMask: false);

        KerasAssert.AllClose([1.727, 2.727, 2.272, 3.272], output, atol: 1e-3);
        KerasAssert.AllClose([0.636, 0.363, 0.363, 0.636], scores, atol: 1e-3);
    }

    /// <summary>additive_attention_test.py::test_attention_with_mask.</summary>
    [Fact]
    public void Masked_values_get_no_attention_and_masked_queries_output_zeros()
    {
        AdditiveAttention layer = Built(new AdditiveAttention(useScale: false), [2, 2], [2, 2]);
        SequenceMask?[] masks = [new SequenceMask([true, false], 1, 2), new SequenceMask([true, false], 1, 2)];

        var (output, scores) = layer.Forward([Query, Ones], masks, training: false, useCausalMask: false);

        KerasAssert.AllClose([1, 1, 0, 0], output);
        KerasAssert.AllClose([1, 0, 1, 0], scores);
    }

    /// <summary>additive_attention_test.py::test_attention_errors.</summary>
    [Fact]
    public void Inputs_and_masks_must_be_lists_of_two_or_three()
    {
        var fourInputs = Assert.Throws<ArgumentException>(() => new AdditiveAttention().Build([[2, 2], [2, 2], [2, 2], [2, 2]], new RandomGenerator(1)));
        AdditiveAttention layer = Built(new AdditiveAttention(), [2, 2], [2, 2]);
        var oneMask = Assert.Throws<ArgumentException>(() => layer.Forward([Ones, Ones], [null], false));

        Assert.Contains("takes 2 to 3 inputs, got 4", fourInputs.Message);
        Assert.Contains("length 2 or 3", oneMask.Message);
        Assert.Throws<InvalidOperationException>(() => layer.Forward(Ones, null, false));
    }

    [Fact]
    public void The_configuration_round_trips_without_a_score_mode()
    {
        var layer = new AdditiveAttention(useScale: false, dropout: 0.25, seed: 9, name: "bahdanau");

        IReadOnlyDictionary<string, object?> config = layer.GetConfig();
        var restored = (AdditiveAttention)LayerRegistry.FromConfig("AdditiveAttention", config);

        Assert.False(config.ContainsKey("score_mode"));
        Assert.Equal((false, 0.25, 9L, "bahdanau"), (restored.UseScale, restored.Dropout, restored.Seed, restored.Name));
        Assert.Equal(config, restored.GetConfig());
    }
}
