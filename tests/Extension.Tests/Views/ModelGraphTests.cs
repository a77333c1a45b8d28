using NotebookRnn.Notebook.Views;

namespace NotebookRnn.Notebook.Tests.Views;

public class ModelGraphTests
{
    private static string Name(ModelGraph graph, int call) => graph.Calls[call].Layer.Name;

    private static IEnumerable<string> EdgeTexts(ModelGraph graph) =>
        graph.Edges.Select(e => $"{Name(graph, e.From)}:{e.Output} → {Name(graph, e.To)}:{e.Input} {e.Kind}{(e.StateName is null ? "" : " " + e.StateName)}");

    [Fact]
    public void A_seq2seq_model_has_a_call_per_layer_inputs_first()
    {
        ModelGraph graph = ModelGraph.Of(GraphFixtures.Seq2Seq());
        Assert.Equal(
            ["encoder_tokens (InputLayer)", "decoder_inputs (InputLayer)", "decoder_masking (Masking)", "encoder_embedding (Embedding)",
             "encoder (LSTM)", "decoder (LSTM)", "softmax (Dense)"],
            graph.Calls.Select(c => c.Title));
        Assert.Equal([6], graph.OutputCalls);
    }

    [Fact]
    public void Seq2seq_edges_carry_masks_from_the_embedding_and_masking_and_the_encoder_states_into_the_decoder()
    {
        ModelGraph graph = ModelGraph.Of(GraphFixtures.Seq2Seq());
        Assert.Equal(
        [
            "decoder_inputs:0 → decoder_masking:0 Data",
            "encoder_tokens:0 → encoder_embedding:0 Data",
            "encoder_embedding:0 → encoder:0 Mask",
            "decoder_masking:0 → decoder:0 Mask",
            "encoder:1 → decoder:1 State h",
            "encoder:2 → decoder:2 State c",
            "decoder:0 → softmax:0 Mask",
        ], EdgeTexts(graph));
        Assert.Equal([(4, 5)], graph.StateHandovers());
    }

    [Fact]
    public void Calls_know_whether_a_mask_comes_in_and_goes_out()
    {
        ModelGraph graph = ModelGraph.Of(GraphFixtures.Seq2Seq());
        Assert.Equal([false, false, false, false, true, true, true], graph.Calls.Select(c => c.MaskIn));
        Assert.Equal([false, false, true, true, false, true, true], graph.Calls.Select(c => c.MaskOut));
        Assert.DoesNotContain(graph.Calls, c => c.RejectsMask);
    }

    [Fact]
    public void Ranks_are_longest_paths_from_the_inputs()
    {
        ModelGraph graph = ModelGraph.Of(GraphFixtures.Seq2Seq());
        var layout = new GraphLayout(graph, [.. graph.Calls.Select(_ => 150.0)]);
        // The decoder waits for the encoder's states, two ranks below its masking.
        Assert.Equal([0, 0, 1, 1, 2, 3, 4], layout.Ranks);
        Assert.Equal(GraphLayout.Top, layout.TopOf(0));
        Assert.Equal(GraphLayout.Top + 3 * (GraphLayout.BoxHeight + GraphLayout.RankGap), layout.TopOf(5));
    }

    [Fact]
    public void Boxes_of_a_rank_sit_under_the_calls_they_take_from_and_the_rank_is_centred()
    {
        ModelGraph graph = ModelGraph.Of(GraphFixtures.Seq2Seq());
        var layout = new GraphLayout(graph, [.. graph.Calls.Select(_ => 150.0)]);
        // The embedding reads the encoder's tokens (left), the masking the decoder's inputs (right), whatever their call order.
        Assert.Equal([[0, 1], [3, 2], [4], [5], [6]], layout.RankOrder);
        Assert.Equal(GraphLayout.Margin, layout.Left(0));
        Assert.Equal(GraphLayout.Margin + 150 + GraphLayout.ColumnGap, layout.Left(1));
        Assert.Equal(GraphLayout.Margin, layout.Left(3));
        // The encoder shares its rank with the lane of the masking's edge to the decoder, on the masking's side.
        Assert.Equal(GraphLayout.Margin + (2 * 150 + GraphLayout.ColumnGap - (150 + GraphLayout.ColumnGap + GraphLayout.LaneWidth)) / 2, layout.Left(4));
        Assert.Equal(2 * GraphLayout.Margin + 2 * 150 + GraphLayout.ColumnGap, layout.Width);
    }

    [Fact]
    public void An_edge_across_ranks_runs_down_a_lane_beside_the_boxes_it_passes()
    {
        ModelGraph graph = ModelGraph.Of(GraphFixtures.Seq2Seq());
        var layout = new GraphLayout(graph, [.. graph.Calls.Select(_ => 150.0)]);
        int index = graph.Edges.ToList().FindIndex(e => e.From == 2 && e.To == 5);
        IReadOnlyList<(double X, double Y)> route = layout.Route(index, graph.Edges[index], 1, 3);
        double rank2 = GraphLayout.Top + 2 * (GraphLayout.BoxHeight + GraphLayout.RankGap), lane = layout.Left(4) + 150 + GraphLayout.ColumnGap + GraphLayout.LaneWidth / 2;
        Assert.Equal(
        [
            (layout.Left(2) + 75, layout.TopOf(2) + GraphLayout.BoxHeight),
            (lane, rank2), (lane, rank2 + GraphLayout.BoxHeight),
            (layout.Left(5) + 150 / 4.0, layout.TopOf(5)),
        ], route);
        Assert.Equal(2, layout.Route(0, graph.Edges[0], 1, 1).Count);
    }

    [Fact]
    public void A_shared_layer_has_a_box_per_call()
    {
        ModelGraph graph = ModelGraph.Of(GraphFixtures.SharedDense());
        Assert.Equal(["left (InputLayer)", "right (InputLayer)", "shared (Dense), call 1 of 2", "shared (Dense), call 2 of 2"],
            graph.Calls.Select(c => c.Title));
        Assert.Equal(["left:0 → shared:0 Data", "right:0 → shared:0 Data"], EdgeTexts(graph));
        Assert.Equal([2, 3], graph.OutputCalls);
    }

    [Fact]
    public void A_model_with_two_outputs_marks_both_output_calls()
    {
        ModelGraph graph = ModelGraph.Of(GraphFixtures.TwoHeads());
        Assert.Equal(["series", "trunk", "per_step", "summarise", "label"], graph.Calls.Select(c => c.Layer.Name));
        Assert.Equal([2, 4], graph.OutputCalls);
        Assert.Empty(graph.StateHandovers());
    }

    [Fact]
    public void A_sequential_model_is_a_chain_from_its_input_with_the_mask_of_its_embedding()
    {
        ModelGraph graph = ModelGraph.Of(Fixtures.MaskedModel());
        // The input a Sequential model makes itself has no name of its own: it is drawn as Keras names it.
        Assert.Equal(["input_layer (InputLayer)", "embedding (Embedding)", "lstm (LSTM)", "dense (Dense)"], graph.Calls.Select(c => c.Title));
        Assert.Equal([EdgeKind.Data, EdgeKind.Mask, EdgeKind.Data], graph.Edges.Select(e => e.Kind));
    }

    [Fact]
    public void State_names_follow_the_receiving_layer()
    {
        Assert.Equal(["h", "c"], ModelGraph.StateNames(new Layers.Recurrent.LSTM(2), 2));
        Assert.Equal(["h"], ModelGraph.StateNames(new Layers.Recurrent.GRU(2), 1));
        Assert.Equal(["h fwd", "c fwd", "h bwd", "c bwd"],
            ModelGraph.StateNames(new Layers.Wrappers.Bidirectional(new Layers.Recurrent.LSTM(2)), 4));
    }
}
