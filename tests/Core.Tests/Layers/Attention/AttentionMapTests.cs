using NotebookRnn.Layers.Attention;
using NotebookRnn.Tensors;
using LuongAttention = NotebookRnn.Layers.Attention.Attention;

namespace NotebookRnn.Tests.Layers.Attention;

/// <summary>AttentionMap: one sample of an attention layer's scores, labelled and cut to its labels.</summary>
public class AttentionMapTests
{
    // Two samples, Tq = 3, Tv = 4; each row sums to 1.
    private static readonly Tensor Scores = new float[,,]
    {
        { { 0.7f, 0.1f, 0.1f, 0.1f }, { 0.05f, 0.05f, 0.8f, 0.1f }, { 0.25f, 0.25f, 0.25f, 0.25f } },
        { { 0.1f, 0.2f, 0.3f, 0.4f }, { 0.4f, 0.3f, 0.2f, 0.1f }, { 0f, 0f, 0f, 1f } },
    };

    [Fact]
    public void A_map_holds_the_chosen_samples_weights_under_its_labels()
    {
        AttentionMap map = AttentionMap.Of(Scores, 1, ["x", "y", "z"], ["a", "b", "c", "d"]);

        Assert.Equal(["x", "y", "z"], map.QueryLabels);
        Assert.Equal(["a", "b", "c", "d"], map.ValueLabels);
        Assert.Equal(0.3f, map.Weight(0, 2));
        Assert.Equal(0.4f, map.Weight(1, 0));
        Assert.Equal(1f, map.Weight(2, 3));
        Assert.Equal([3, 0, 3], Enumerable.Range(0, 3).Select(map.Strongest));
    }

    [Fact]
    public void Steps_beyond_the_labels_are_cut_as_a_decoder_stops_at_its_end_token()
    {
        AttentionMap map = AttentionMap.Of(Scores, 0, "hi", "abc");

        Assert.Equal((2, 3), (map.Queries, map.Values));
        Assert.Equal(["h", "i"], map.QueryLabels);
        Assert.Equal(0.8f, map.Weight(1, 2));
        Assert.Equal(2, map.Strongest(1));
        Assert.Throws<ArgumentOutOfRangeException>(() => map.Weight(0, 3));
        Assert.Throws<ArgumentOutOfRangeException>(() => map.Weight(2, 0));
    }

    [Fact]
    public void The_map_of_a_luong_attention_is_the_softmax_of_query_key_products()
    {
        // Q·Kᵀ = [[0, 1], [1, 0]], so row 0 is softmax([0, 1]) = [1/(1+e), e/(1+e)] and row 1 its mirror.
        var attention = AttentionTests.Built(new LuongAttention(), [2, 2], [2, 2], [2, 2]);
        (_, Tensor scores) = attention.Forward([AttentionTests.Query, AttentionTests.Value, AttentionTests.Key], [], training: false, useCausalMask: false);

        AttentionMap map = AttentionMap.Of(scores, 0, "ab", "xy");

        float low = (float)(1 / (1 + Math.E)), high = (float)(Math.E / (1 + Math.E));
        Assert.Equal(low, map.Weight(0, 0), 6);
        Assert.Equal(high, map.Weight(0, 1), 6);
        Assert.Equal(high, map.Weight(1, 0), 6);
        Assert.Equal(low, map.Weight(1, 1), 6);
        Assert.Equal([1, 0], Enumerable.Range(0, 2).Select(map.Strongest));
    }

    [Fact]
    public void The_text_lists_each_query_with_its_strongest_value_step_and_weight()
    {
        AttentionMap map = AttentionMap.Of(Scores, 0, ["h", "\n", "i"], ["a", "b", "c", " "]);

        Assert.Equal(
            "Attention map: 3 query steps × 4 value steps\n" +
            "0  'h'   -> 0 'a'  0.700\n" +
            "1  '\\n'  -> 2 'c'  0.800\n" +
            "2  'i'   -> 0 'a'  0.250\n",
            map.ToString());
    }

    [Fact]
    public void A_map_equals_another_with_the_same_labels_and_weights()
    {
        AttentionMap map = AttentionMap.Of(Scores, 0, "ab", "abcd");

        Assert.Equal(map, AttentionMap.Of(Scores.Clone(), 0, "ab", "abcd"));
        Assert.Equal(map.GetHashCode(), AttentionMap.Of(Scores.Clone(), 0, "ab", "abcd").GetHashCode());
        Assert.NotEqual(map, AttentionMap.Of(Scores, 1, "ab", "abcd"));
        Assert.NotEqual(map, AttentionMap.Of(Scores, 0, "ab", "abcD"));
    }

    [Fact]
    public void A_sample_outside_the_batch_is_refused_with_the_batch_size()
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => AttentionMap.Of(Scores, 2, "a", "a"));
        Assert.Equal("sample", error.ParamName);
        Assert.Contains("expected an index in [0, 2), got 2", error.Message);
        Assert.Throws<ArgumentOutOfRangeException>(() => AttentionMap.Of(Scores, -1, "a", "a"));
    }

    [Fact]
    public void More_labels_than_steps_are_refused_naming_the_axis()
    {
        var queries = Assert.Throws<ArgumentException>(() => AttentionMap.Of(Scores, 0, "abcd", "a"));
        Assert.Equal("queryLabels", queries.ParamName);
        Assert.Contains("expected at most Tq = 3 labels, got 4", queries.Message);

        var values = Assert.Throws<ArgumentException>(() => AttentionMap.Of(Scores, 0, "a", "abcde"));
        Assert.Equal("valueLabels", values.ParamName);
        Assert.Contains("expected at most Tv = 4 labels, got 5", values.Message);

        Assert.Equal("valueLabels", Assert.Throws<ArgumentException>(() => AttentionMap.Of(Scores, 0, "a", "")).ParamName);
    }

    [Fact]
    public void Scores_that_are_not_a_batch_of_distributions_are_refused()
    {
        var rank = Assert.Throws<ArgumentException>(() => AttentionMap.Of(new float[,] { { 0.5f, 0.5f } }, 0, "a", "a"));
        Assert.Equal("scores", rank.ParamName);
        Assert.Contains("(batch, Tq, Tv), got shape (1, 2)", rank.Message);

        var negative = Assert.Throws<ArgumentException>(() => AttentionMap.Of(new float[,,] { { { 1.5f, -0.5f } } }, 0, "a", "ab"));
        Assert.Equal("weights", negative.ParamName);
        Assert.Contains("in [0, 1], got 1.5 at (0, 0)", negative.Message);

        var shape = Assert.Throws<ArgumentException>(() => new AttentionMap(["a"], ["a", "b"], new float[2, 2]));
        Assert.Contains("expected shape (1, 2) (query labels, value labels), got (2, 2)", shape.Message);
    }
}
