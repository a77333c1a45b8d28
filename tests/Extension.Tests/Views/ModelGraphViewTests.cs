using System.Xml.Linq;
using NotebookRnn.Models;

namespace NotebookRnn.Notebook.Tests.Views;

public class ModelGraphViewTests
{
    private static readonly XNamespace Svg = "http://www.w3.org/2000/svg";

    private static XElement Drawing(Model model) => XDocument.Parse(Notebook.Views.ModelGraphView.Render(model).Svg!).Root!;

    private static List<XElement> Groups(XElement root, string cssClass) =>
        [.. root.Elements(Svg + "g").Where(g => ((string?)g.Attribute("class") ?? "").Split(' ').Contains(cssClass))];

    private static string Name(XElement group) => (string)group.Attribute("data-name")!;

    [Fact]
    public void A_seq2seq_model_draws_a_box_per_call_with_its_type_and_shapes()
    {
        XElement root = Drawing(GraphFixtures.Seq2Seq());
        List<XElement> calls = Groups(root, "nbrnn-graph-call");
        Assert.Equal(7, calls.Count);
        XElement encoder = calls.Single(c => Name(c) == "encoder (LSTM)");
        Assert.Equal(["encoder (LSTM)", "in: (None, None, 4)", "out: (None, 3), (None, 3), (None, 3)"],
            encoder.Elements(Svg + "text").Select(t => t.Value));
        XElement tokens = calls.Single(c => Name(c) == "encoder_tokens (InputLayer)");
        Assert.Equal(["encoder_tokens (InputLayer)", "input, int32", "out: (None, None)"], tokens.Elements(Svg + "text").Select(t => t.Value));
        Assert.Equal(["encoder_tokens (InputLayer)", "decoder_inputs (InputLayer)"], Groups(root, "nbrnn-graph-input").Select(Name));
        Assert.Equal(["softmax (Dense)"], Groups(root, "nbrnn-graph-output").Select(Name));
    }

    [Fact]
    public void Edges_with_a_mask_are_dashed_and_the_others_solid()
    {
        XElement root = Drawing(GraphFixtures.Seq2Seq());
        List<XElement> masked = Groups(root, "nbrnn-edge-mask"), plain = Groups(root, "nbrnn-edge-data");
        Assert.Equal(["encoder_embedding → encoder (LSTM)", "decoder_masking → decoder (LSTM)", "decoder → softmax (Dense)"], masked.Select(Name));
        Assert.Equal(["decoder_inputs → decoder_masking (Masking)", "encoder_tokens → encoder_embedding (Embedding)"], plain.Select(Name));
        Assert.All(masked, e => Assert.Equal("6 4", (string?)e.Element(Svg + "path")!.Attribute("stroke-dasharray")));
        Assert.All(plain, e => Assert.Null(e.Element(Svg + "path")!.Attribute("stroke-dasharray")));
    }

    [Fact]
    public void The_encoder_states_into_the_decoder_are_coloured_and_labelled_h_and_c()
    {
        XElement root = Drawing(GraphFixtures.Seq2Seq());
        List<XElement> states = Groups(root, "nbrnn-edge-state");
        Assert.Equal(["encoder:1 → decoder (LSTM)", "encoder:2 → decoder (LSTM)"], states.Select(Name));
        Assert.Equal(["h", "c"], states.Select(s => s.Element(Svg + "text")!.Value));
        Assert.All(states, s => Assert.Equal("#d95f02", (string?)s.Element(Svg + "path")!.Attribute("stroke")));
        // h leaves the encoder's first state port and c its second, left to right on the box's bottom edge.
        double[] starts = [.. states.Select(s => double.Parse(((string)s.Element(Svg + "path")!.Attribute("d")!).Split(' ')[1],
            System.Globalization.CultureInfo.InvariantCulture))];
        Assert.True(starts[0] < starts[1], $"h starts at x={starts[0]}, c at x={starts[1]}");
    }

    [Fact]
    public void The_legend_explains_dashed_and_state_edges()
    {
        XElement legend = Groups(Drawing(GraphFixtures.Seq2Seq()), "nbrnn-legend").Single();
        Assert.Equal(["tensor", "tensor with a mask", "recurrent state (h, c) into an initialState"], legend.Elements(Svg + "text").Select(t => t.Value));
        Assert.Equal("6 4", (string?)legend.Elements(Svg + "line").ElementAt(1).Attribute("stroke-dasharray"));
    }

    [Fact]
    public void A_shared_layer_draws_one_box_per_call_both_outputs()
    {
        XElement root = Drawing(GraphFixtures.SharedDense());
        Assert.Equal(["shared (Dense), call 1 of 2", "shared (Dense), call 2 of 2"], Groups(root, "nbrnn-graph-shared").Select(Name));
        Assert.Equal(["shared (Dense), call 1 of 2", "shared (Dense), call 2 of 2"], Groups(root, "nbrnn-graph-output").Select(Name));
        Assert.Equal(["left → shared (Dense), call 1 of 2", "right → shared (Dense), call 2 of 2"],
            Groups(root, "nbrnn-graph-edge").Select(Name));
    }

    [Fact]
    public void A_model_with_two_outputs_frames_both_heads()
    {
        XElement root = Drawing(GraphFixtures.TwoHeads());
        Assert.Equal(["per_step (Dense)", "label (Dense)"], Groups(root, "nbrnn-graph-output").Select(Name));
        Assert.Equal(5, Groups(root, "nbrnn-graph-call").Count);
        Assert.Empty(Groups(root, "nbrnn-edge-state"));
    }

    [Fact]
    public void The_text_form_lists_calls_by_rank_with_what_each_takes()
    {
        string text = Notebook.Views.ModelGraphView.Render(GraphFixtures.Seq2Seq()).PlainText!;
        Assert.StartsWith("Model graph: \"seq2seq\"\n7 calls (2 inputs), 7 edges: 3 with a mask, 2 handing a recurrent state over.\n", text);
        Assert.Contains("  rank 3: decoder (LSTM); in: (None, None, 5), (None, 3), (None, 3); out: (None, None, 3); output masked\n" +
                        "    ← decoder_masking (with a mask)\n    ← encoder:1 (initial state h)\n    ← encoder:2 (initial state c)\n", text);
    }

    [Fact]
    public void A_mask_reaching_a_layer_that_cannot_use_it_is_outlined_red_and_warned_of()
    {
        var ids = new Layers.Functional.Input([5], name: "ids", dtype: "int32");
        var flat = new Layers.Flatten(name: "flatten").Call(new Layers.Embedding(10, 2, maskZero: true, name: "embedding").Call(ids));
        var model = new Model(ids, new Layers.Dense(1, name: "dense").Call(flat), name: "bad_mask");
        MimeBundle bundle = Notebook.Views.ModelGraphView.Render(model);
        XElement flatten = Groups(XDocument.Parse(bundle.Svg!).Root!, "nbrnn-graph-rejects-mask").Single();
        Assert.Equal("flatten (Flatten)", Name(flatten));
        Assert.Equal("#d62728", (string?)flatten.Element(Svg + "rect")!.Attribute("stroke"));
        Assert.Contains("Layer 'flatten' (Flatten) does not support masking, but a mask reaches it: the model fails there.", bundle.PlainText);
        Assert.Contains("(Flatten) does not support masking, but a mask reaches it", bundle.Html);
    }

    [Fact]
    public void The_same_model_draws_the_same_bytes()
    {
        Assert.Equal(Notebook.Views.ModelGraphView.Render(GraphFixtures.Seq2Seq()).Svg, Notebook.Views.ModelGraphView.Render(GraphFixtures.Seq2Seq()).Svg);
    }

    [Fact]
    public void A_functional_model_displays_its_summary_then_its_graph()
    {
        MimeBundle bundle = Renderers.Render(GraphFixtures.Seq2Seq(), Fixtures.Options())!;
        Assert.Equal(["text/html", "text/plain"], bundle.MimeTypes);
        int summary = bundle.Html!.IndexOf("nbrnn-summary", StringComparison.Ordinal), graph = bundle.Html.IndexOf("nbrnn-model-graph", StringComparison.Ordinal);
        Assert.True(summary >= 0 && graph > summary, $"summary at {summary}, graph at {graph}");
        Assert.StartsWith("Model: \"seq2seq\"", bundle.PlainText);
        Assert.Contains("Model graph: \"seq2seq\"", bundle.PlainText);
    }

    [Fact]
    public void A_sequential_model_displays_its_summary_only()
    {
        MimeBundle bundle = Renderers.Render(Fixtures.MaskedModel(), Fixtures.Options())!;
        Assert.DoesNotContain("nbrnn-model-graph", bundle.Html);
    }

    [Fact]
    public void An_unbuilt_sequential_model_has_a_note_instead_of_a_graph()
    {
        var model = new Sequential(name: "empty");
        model.Add(new Layers.Dense(2));
        Assert.StartsWith("Model \"empty\" is not built yet", Notebook.Views.ModelGraphView.Render(model).PlainText);
    }
}
