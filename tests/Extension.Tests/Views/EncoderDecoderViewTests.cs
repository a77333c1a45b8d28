using System.Xml.Linq;
using NotebookRnn.Layers;
using NotebookRnn.Layers.Recurrent;
using NotebookRnn.Models;
using NotebookRnn.Notebook.Views;

namespace NotebookRnn.Notebook.Tests.Views;

public class EncoderDecoderViewTests
{
    private static readonly XNamespace Svg = "http://www.w3.org/2000/svg";

    private static MimeBundle Render(Model model, string layer) =>
        EncoderDecoderView.Render(ModelGraph.Of(model), model.Layers.Single(l => l.Name == layer), Fixtures.Options())!;

    private static List<XElement> Groups(XElement root, string cssClass) =>
        [.. root.Descendants(Svg + "g").Where(g => ((string?)g.Attribute("class") ?? "").Split(' ').Contains(cssClass))];

    [Fact]
    public void The_encoder_row_comes_first_then_the_decoder_row_whichever_layer_is_asked_for()
    {
        Model model = GraphFixtures.Seq2SeqAfterBatch();
        string svg = Render(model, "decoder").Svg!;
        Assert.Equal(svg, Render(model, "encoder").Svg);
        XElement root = XDocument.Parse(svg).Root!;
        Assert.Equal(["encoder (LSTM), encoder", "decoder (LSTM), decoder"], Groups(root, "nbrnn-unroll-row").Select(g => (string)g.Attribute("data-name")!));
        Assert.Equal("Unroll graph: LSTM 'encoder' → LSTM 'decoder'", root.Elements(Svg + "text").First().Value);
    }

    [Fact]
    public void Each_row_draws_the_steps_its_layer_ran()
    {
        Model model = GraphFixtures.Seq2SeqAfterBatch();
        XElement root = XDocument.Parse(Render(model, "encoder").Svg!).Root!;
        List<XElement> rows = Groups(root, "nbrnn-unroll-row");
        // The encoder's ids have 3 and 6 real steps of 6; the decoder's vectors 4 steps (Masking finds no all-zero step).
        Assert.Equal(6, rows[0].Elements(Svg + "g").Count(g => ((string)g.Attribute("class")!).StartsWith("nbrnn-step", StringComparison.Ordinal)));
        Assert.Equal(4, rows[1].Elements(Svg + "g").Count(g => ((string)g.Attribute("class")!).StartsWith("nbrnn-step", StringComparison.Ordinal)));
        Assert.Equal(6, ((LSTM)model.Layers.Single(l => l.Name == "encoder")).LastPlan!.TimeSteps);
    }

    [Fact]
    public void The_final_h_and_c_of_the_encoder_enter_the_decoder_where_h0_would_be()
    {
        MimeBundle bundle = Render(GraphFixtures.Seq2SeqAfterBatch(unroll: true), "decoder");
        XElement root = XDocument.Parse(bundle.Svg!).Root!;
        XElement handover = Groups(root, "nbrnn-state-handover").Single();
        Assert.Equal("(h, c)", (string)handover.Attribute("data-name")!);
        Assert.Equal(["(h, c)", "h,c"], handover.Elements(Svg + "text").Select(t => t.Value));
        // Only the encoder starts from zeros.
        Assert.Single(root.Descendants(Svg + "text"), t => t.Value == "h₀");
        Assert.Contains("decoder (LSTM), decoder: unroll: true", bundle.PlainText);
        Assert.Contains("It starts from the final (h, c) of the row above.", bundle.PlainText);
    }

    [Fact]
    public void A_decoder_that_runs_one_loop_takes_the_states_at_its_loop_node()
    {
        MimeBundle bundle = Render(GraphFixtures.Seq2SeqAfterBatch(), "decoder");
        XElement handover = Groups(XDocument.Parse(bundle.Svg!).Root!, "nbrnn-state-handover").Single();
        Assert.Equal(["(h, c)"], handover.Elements(Svg + "text").Select(t => t.Value));
        Assert.Contains("decoder (LSTM), decoder: unroll: false, one loop", bundle.PlainText);
    }

    [Fact]
    public void The_handover_leaves_the_last_encoder_step_and_ends_on_the_decoder_state_node()
    {
        XElement root = XDocument.Parse(Render(GraphFixtures.Seq2SeqAfterBatch(), "decoder").Svg!).Root!;
        string path = (string)Groups(root, "nbrnn-state-handover").Single().Element(Svg + "path")!.Attribute("d")!;
        // The encoder's 6 cells end at 170 + 6·46 + 5·22 = 556; its row's cells are at 58 + 48 … + 32, the decoder's 128 lower.
        Assert.Equal("M 557 122 L 570 122 L 570 224 L 120 224 L 120 233", path);
    }

    [Fact]
    public void A_recurrent_layer_that_hands_no_state_over_has_no_encoder_decoder_view()
    {
        Model model = GraphFixtures.TwoHeads();
        Assert.Null(EncoderDecoderView.Render(ModelGraph.Of(model), model.Layers.Single(l => l.Name == "trunk"), Fixtures.Options()));
    }

    [Fact]
    public void Before_a_batch_the_view_says_there_is_no_plan_yet()
    {
        Model model = GraphFixtures.Seq2Seq();
        Assert.StartsWith("LSTM 'encoder' → LSTM 'decoder' has not run a batch yet", Render(model, "encoder").PlainText);
    }
}
