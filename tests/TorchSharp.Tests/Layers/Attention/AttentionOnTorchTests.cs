using NotebookRnn.Layers.Attention;

namespace NotebookRnn.TorchSharp.Tests.Layers.Attention;

using LuongAttention = NotebookRnn.Layers.Attention.Attention;

public class AttentionOnTorchTests
{
    public static TheoryData<string, bool, string> ScoresAndPaddings => new()
    {
        { "dot", false, "pre" },
        { "dot", true, "post" },
        { "concat", false, "post" },
        { "concat", true, "pre" },
    };

    [Theory]
    [MemberData(nameof(ScoresAndPaddings))]
    public void Attention_over_masked_queries_and_values_gives_the_same_outputs_scores_and_step(string scoreMode, bool useScale, string padding) =>
        AttentionModels.AssertSameOnMaskedIds(() => new LuongAttention(useScale, scoreMode), padding);

    [Theory]
    [InlineData("dot", "pre")]
    [InlineData("concat", "post")]
    public void Attention_with_a_key_of_its_own_gives_the_same_outputs_and_step(string scoreMode, string padding) =>
        AttentionModels.AssertSameOnMaskedIds(() => new LuongAttention(useScale: true, scoreMode), padding, withKey: true);

    [Theory]
    [InlineData("pre")]
    [InlineData("post")]
    public void Attention_with_the_causal_mask_over_masked_ids_gives_the_same_outputs_and_step(string padding) =>
        AttentionModels.AssertSameOnMaskedIds(() => new LuongAttention(useScale: true), padding, causal: true);

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Self_attention_over_ragged_ids_gives_the_same_outputs_and_step(bool causal) =>
        AttentionModels.AssertSameOnRaggedIds(() => new LuongAttention(useScale: true), causal);

    [Theory]
    [InlineData("dot", false)]
    [InlineData("dot", true)]
    [InlineData("concat", true)]
    public void Attention_over_unmasked_features_gives_the_same_outputs_and_steps(string scoreMode, bool causal) =>
        AttentionModels.AssertSameOnDenseInputs(() => new LuongAttention(useScale: true, scoreMode), causal, returnScores: true);

    [Fact]
    public void Attention_dropout_drops_the_same_weights_on_both_backends() =>
        AttentionModels.AssertSameOnDenseInputs(() => new LuongAttention(useScale: true, dropout: 0.3), returnScores: true);

    [Fact]
    public void Attention_dropout_with_masks_drops_the_same_weights_on_both_backends() =>
        AttentionModels.AssertSameOnMaskedIds(() => new LuongAttention(dropout: 0.4, seed: 11), "post");

    [Fact]
    public void Attention_over_inputs_with_leading_axes_gives_the_same_outputs_and_step() =>
        AttentionModels.AssertSameWithLeadingAxes(() => new LuongAttention(useScale: true));
}
