using NotebookRnn.Layers.Attention;

namespace NotebookRnn.TorchSharp.Tests.Layers.Attention;

public class AdditiveAttentionOnTorchTests
{
    [Theory]
    [InlineData(true, "pre")]
    [InlineData(false, "post")]
    public void Additive_attention_over_masked_queries_and_values_gives_the_same_outputs_scores_and_step(bool useScale, string padding) =>
        AttentionModels.AssertSameOnMaskedIds(() => new AdditiveAttention(useScale), padding);

    [Fact]
    public void Additive_attention_with_a_key_and_the_causal_mask_gives_the_same_outputs_and_step() =>
        AttentionModels.AssertSameOnMaskedIds(() => new AdditiveAttention(), "post", withKey: true, causal: true);

    [Fact]
    public void Additive_self_attention_over_ragged_ids_gives_the_same_outputs_and_step() =>
        AttentionModels.AssertSameOnRaggedIds(() => new AdditiveAttention(), causal: false);

    [Fact]
    public void Additive_attention_dropout_drops_the_same_weights_on_both_backends() =>
        AttentionModels.AssertSameOnDenseInputs(() => new AdditiveAttention(dropout: 0.3), returnScores: true);

    [Fact]
    public void Additive_attention_over_inputs_with_leading_axes_gives_the_same_outputs_and_step() =>
        AttentionModels.AssertSameWithLeadingAxes(() => new AdditiveAttention());
}
