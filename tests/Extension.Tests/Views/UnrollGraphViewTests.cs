using System.Globalization;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using NotebookRnn.Notebook.Views;
using NotebookRnn.Layers;
using NotebookRnn.Layers.Recurrent;
using NotebookRnn.Layers.Wrappers;
using NotebookRnn.Models;
using NotebookRnn.Sequences;
using NotebookRnn.Tensors;

namespace NotebookRnn.Notebook.Tests.Views;

public class UnrollGraphViewTests
{
    private static readonly XNamespace Svg = "http://www.w3.org/2000/svg";
    private static readonly int[] BatchLengths = [6, 2, 4, 0, 6];

    private static XElement Row(string svg, int index = 0) =>
        XDocument.Parse(svg).Root!.Elements(Svg + "g").Where(g => (string?)g.Attribute("class") == "nbrnn-unroll-row").ElementAt(index);

    private static List<XElement> Steps(XElement row) =>
        [.. row.Elements(Svg + "g").Where(g => ((string?)g.Attribute("class") ?? "").StartsWith("nbrnn-step", StringComparison.Ordinal))];

    private static string State(XElement step) => ((string)step.Attribute("class")!).Split(' ')[1];

    private static string Render(Layer layer, int sample = 0, int maxSteps = 24) =>
        Renderers.Render(layer, Fixtures.Options() with { UnrollSample = sample, MaxUnrollSteps = maxSteps })!.Svg!;

    [Fact]
    public void A_packed_plan_draws_a_cell_per_step_real_while_the_sample_lasts_then_skipped()
    {
        LSTM lstm = Fixtures.LstmAfterBatch(BatchLengths, 8, Padding.Pre);
        List<XElement> steps = Steps(Row(Render(lstm, sample: 2)));
        Assert.Equal(lstm.LastPlan!.Steps, steps.Count);
        Assert.Equal(["nbrnn-real", "nbrnn-real", "nbrnn-real", "nbrnn-real", "nbrnn-skipped", "nbrnn-skipped"], steps.Select(State));
    }

    [Fact]
    public void Numbers_under_the_cells_are_the_active_rows_of_each_step()
    {
        LSTM lstm = Fixtures.LstmAfterBatch(BatchLengths, 8, Padding.Post);
        List<XElement> steps = Steps(Row(Render(lstm)));
        Assert.Equal(lstm.LastPlan!.ActiveRowsPerStep.Select(n => n.ToString(System.Globalization.CultureInfo.InvariantCulture)),
            steps.Select(s => s.Elements(Svg + "text").Last().Value));
        Assert.Equal([4, 4, 3, 3, 2, 2], lstm.LastPlan.ActiveRowsPerStep);
    }

    [Fact]
    public void Steps_no_row_needs_are_marked_as_not_run()
    {
        LSTM lstm = Fixtures.LstmAfterBatch(BatchLengths, 8, Padding.Pre);
        XElement notRun = Row(Render(lstm)).Elements(Svg + "g").Single(g => (string?)g.Attribute("class") == "nbrnn-not-run");
        Assert.Equal("2 steps not run", (string?)notRun.Attribute("data-name"));
    }

    [Fact]
    public void A_dense_masked_plan_greys_the_padding_steps_where_the_mask_has_them()
    {
        LSTM pre = Fixtures.LstmAfterBatch(BatchLengths, 8, Padding.Pre, packing: false);
        Assert.Equal(["carried", "carried", "carried", "carried", "carried", "carried", "real", "real"],
            Steps(Row(Render(pre, sample: 1))).Select(s => State(s)[6..]));
        LSTM post = Fixtures.LstmAfterBatch(BatchLengths, 8, Padding.Post, packing: false);
        Assert.Equal(["real", "real", "carried", "carried", "carried", "carried", "carried", "carried"],
            Steps(Row(Render(post, sample: 1))).Select(s => State(s)[6..]));
    }

    [Fact]
    public void Unroll_false_draws_a_loop_node_with_its_step_count_and_no_state_arrows()
    {
        XElement row = Row(Render(Fixtures.LstmAfterBatch(BatchLengths, 8, Padding.Pre)));
        XElement loop = row.Elements(Svg + "g").Single(g => (string?)g.Attribute("class") == "nbrnn-loop-node");
        Assert.Equal("loop × 6", (string?)loop.Attribute("data-name"));
        Assert.DoesNotContain(row.Elements(Svg + "line"), l => (string?)l.Attribute("class") == "nbrnn-state-arrow");
    }

    [Fact]
    public void Unroll_true_draws_a_state_arrow_into_every_cell()
    {
        LSTM lstm = Fixtures.LstmAfterBatch([5, 5, 5], 5, Padding.Pre, unroll: true);
        XElement row = Row(Render(lstm));
        Assert.Equal(5, row.Elements(Svg + "line").Count(l => (string?)l.Attribute("class") == "nbrnn-state-arrow"));
        Assert.DoesNotContain(row.Elements(Svg + "g"), g => (string?)g.Attribute("class") == "nbrnn-loop-node");
        Assert.All(Steps(row), s => Assert.Equal("nbrnn-real", State(s)));
    }

    [Fact]
    public void A_long_sequence_shows_its_first_and_last_steps_and_the_count_hidden_between()
    {
        LSTM lstm = Fixtures.LstmAfterBatch([60, 60], 60, Padding.Pre);
        XElement row = Row(Render(lstm, maxSteps: 10));
        Assert.Equal(10, Steps(row).Count);
        Assert.Equal(["step 0", "step 1", "step 2", "step 3", "step 4", "step 55", "step 56", "step 57", "step 58", "step 59"],
            Steps(row).Select(s => (string?)s.Attribute("data-name")));
        Assert.Equal("50 hidden steps", (string?)row.Elements(Svg + "g").Single(g => (string?)g.Attribute("class") == "nbrnn-hidden-steps").Attribute("data-name"));
    }


    // Issue 13, item 7: at a 1,280 px window the narrowest notebook output area is about 980 px wide (classic
    // Jupyter), and the graph's text must be at least 10 px tall once shrunk to it.
    private const double OutputWidth = 980, MinTextHeight = 10;

    // Kinds travel by name: Fixtures.Recurrent is internal, and a public test method cannot take it.
    public static TheoryData<string, int, int, int> Plans()
    {
        var plans = new TheoryData<string, int, int, int>();
        foreach (string kind in Enum.GetNames<Fixtures.Recurrent>())
        foreach (int steps in new[] { 1, 5, 24, 40, 100, 400 })
        {
            plans.Add(kind, steps, 0, 3);
            plans.Add(kind, steps, 2, 3);
        }
        plans.Add(nameof(Fixtures.Recurrent.Lstm), 400, 2, 4096);
        plans.Add(nameof(Fixtures.Recurrent.UnrolledBidirectionalLstm), 400, 2, 4096);
        return plans;
    }

    [Theory]
    [MemberData(nameof(Plans))]
    public void Every_text_stays_10_px_tall_when_the_graph_is_shrunk_to_a_980_px_output_area(string kind, int steps,
        int notRunSteps, int batch)
    {
        Layer layer = Fixtures.RecurrentAfterBatch(Enum.Parse<Fixtures.Recurrent>(kind), steps, notRunSteps, batch);
        foreach (int maxSteps in new[] { 24, 1000 })
        {
            XElement root = XDocument.Parse(Render(layer, maxSteps: maxSteps)).Root!;
            double width = Number(root, "width"), height = Number(root, "height");
            Assert.Equal($"0 0 {root.Attribute("width")!.Value} {root.Attribute("height")!.Value}", (string?)root.Attribute("viewBox"));
            double smallestFont = root.Descendants(Svg + "text").Min(FontSize);
            double shownHeight = smallestFont * Math.Min(1, OutputWidth / width);
            Assert.True(shownHeight >= MinTextHeight,
                $"{kind}, {steps} steps, cap {maxSteps}: {smallestFont} px text in a {width} × {height} graph is {shownHeight:0.0} px tall at {OutputWidth} px.");
        }
    }

    [Theory]
    [MemberData(nameof(Plans))]
    public void Each_row_shows_its_first_and_last_step_and_counts_the_steps_it_hides(string kind, int steps,
        int notRunSteps, int batch)
    {
        Layer layer = Fixtures.RecurrentAfterBatch(Enum.Parse<Fixtures.Recurrent>(kind), steps, notRunSteps, batch);
        RecurrentPlan[] plans = layer is Bidirectional bi ? [bi.ForwardLayer.LastPlan!, bi.BackwardLayer.LastPlan!] : [((RecurrentLayer)layer).LastPlan!];
        string svg = Render(layer, maxSteps: 1000);
        for (int r = 0; r < plans.Length; r++)
        {
            XElement row = Row(svg, r);
            string[] shown = [.. Steps(row).Select(s => (string)s.Attribute("data-name")!)];
            XElement? gap = row.Elements(Svg + "g").SingleOrDefault(g => (string?)g.Attribute("class") == "nbrnn-hidden-steps");
            int hidden = gap is null ? 0 : int.Parse(Regex.Match(gap.Element(Svg + "text")!.Value, @"^… ([\d,]+) steps? …$").Groups[1].Value,
                NumberStyles.AllowThousands, CultureInfo.InvariantCulture);
            Assert.Equal(plans[r].Steps - shown.Length, hidden);
            Assert.Equal(gap is not null, hidden > 0);
            Assert.Contains("step 0", shown);
            Assert.Contains($"step {plans[r].Steps - 1}", shown);
        }
    }

    [Fact]
    public void A_long_layer_name_is_cut_short_rather_than_widening_the_graph()
    {
        var lstm = new LSTM(3, inputShape: [4, 2], name: string.Concat(Enumerable.Repeat("encoder_", 40)));
        _ = new Sequential([lstm], seed: 1);
        lstm.Call(new Tensor(2, 4, 2));
        string svg = Render(lstm);
        // The widest a graph of 11 px text may be: shrunk to 980 px, its text is 10 px tall.
        Assert.InRange(Number(XDocument.Parse(svg).Root!, "width"), 0, OutputWidth * 11 / MinTextHeight);
        Assert.Matches("^encoder_(encoder_)+[a-z_]*…$", Row(svg).Element(Svg + "text")!.Value);
    }

    private static double Number(XElement element, string attribute) =>
        double.Parse((string)element.Attribute(attribute)!, CultureInfo.InvariantCulture);

    // A text's font size is its own attribute, or the nearest ancestor's (the root sets the default).
    private static double FontSize(XElement text) =>
        double.Parse(text.AncestorsAndSelf().Select(e => (string?)e.Attribute("font-size")).First(size => size is not null)!, CultureInfo.InvariantCulture);

    [Fact]
    public void Bidirectional_draws_the_forward_and_the_backward_loop_as_two_rows()
    {
        var layer = new Bidirectional(new GRU(2, unroll: true), inputShape: [4, 2], name: "bi");
        _ = new Sequential([layer], seed: 5);
        layer.Call(new Tensor(3, 4, 2), SequenceMask.FromLengths([4, 3, 1], 4, Padding.Post));
        string svg = Render(layer, sample: 1);
        XElement forward = Row(svg, 0), backward = Row(svg, 1);
        Assert.EndsWith("forward", (string?)forward.Attribute("data-name"));
        Assert.EndsWith("backward", (string?)backward.Attribute("data-name"));
        Assert.Equal(layer.ForwardLayer.LastPlan!.Steps, Steps(forward).Count);
        Assert.Equal(["nbrnn-real", "nbrnn-real", "nbrnn-real", "nbrnn-skipped"], Steps(backward).Select(State));
        double X(XElement step) => double.Parse((string)step.Element(Svg + "rect")!.Attribute("x")!, System.Globalization.CultureInfo.InvariantCulture);
        Assert.True(X(Steps(backward)[0]) > X(Steps(backward)[1]), "the backward row runs right to left");
    }

    [Fact]
    public void A_layer_that_has_not_run_says_how_to_get_a_plan()
    {
        var lstm = new LSTM(2, inputShape: [3, 1]);
        _ = new Sequential([lstm]);
        MimeBundle bundle = Renderers.Render(lstm, Fixtures.Options())!;
        Assert.Contains("has not run a batch yet", bundle.PlainText);
        // The static form says so too, so that the view has the same forms before and after a batch.
        Assert.Contains("class=\"nbrnn-svg-note\"", bundle.Svg);
        Assert.Contains("has not run a batch yet", bundle.Svg);
    }

    [Fact]
    public void The_stats_table_reads_the_plan()
    {
        LSTM lstm = Fixtures.LstmAfterBatch(BatchLengths, 8, Padding.Pre);
        RecurrentPlan plan = lstm.LastPlan!;
        string html = Renderers.Render(lstm, Fixtures.Options())!.Html!;
        Assert.Contains($"<td class=\"num\">{plan.ComputedRowSteps}</td><td class=\"num\">{plan.RealRowSteps}</td>" +
                        $"<td class=\"num\">{plan.PaddedRowSteps}</td><td class=\"num\">{plan.SkippedRowSteps}</td>", html);
        Assert.Equal((18, 18, 22, 22), (plan.ComputedRowSteps, plan.RealRowSteps, plan.PaddedRowSteps, plan.SkippedRowSteps));
    }

    [Fact]
    public void The_text_form_spells_the_sample_path_and_the_active_rows()
    {
        string text = Renderers.Render(Fixtures.LstmAfterBatch(BatchLengths, 8, Padding.Pre), Fixtures.Options() with { UnrollSample = 1 })!.PlainText!;
        Assert.Contains("  sample 1: R R . . . . + 2 steps not run\n", text);
        Assert.Contains("  active rows: 4 4 3 3 2 2\n", text);
    }

    [Fact]
    public void Unroll_graph_of_a_packed_lstm_svg() =>
        Approvals.Verify(Render(Fixtures.LstmAfterBatch(BatchLengths, 8, Padding.Pre), sample: 2), "svg");

    [Fact]
    public void Unroll_graph_of_a_packed_lstm_html() =>
        Approvals.Verify(Renderers.Render(Fixtures.LstmAfterBatch(BatchLengths, 8, Padding.Pre), Fixtures.Options() with { UnrollSample = 2 })!.Html!, "html");

    [Fact]
    public void Unroll_graph_of_a_packed_lstm_text() =>
        Approvals.Verify(Renderers.Render(Fixtures.LstmAfterBatch(BatchLengths, 8, Padding.Pre), Fixtures.Options() with { UnrollSample = 2 })!.PlainText!, "txt");

    [Fact]
    public void Unroll_graph_of_a_bidirectional_unrolled_gru_svg()
    {
        var layer = new Bidirectional(new GRU(2, unroll: true), inputShape: [30, 2], name: "bi");
        _ = new Sequential([layer], seed: 5);
        layer.Call(new Tensor(3, 30, 2), SequenceMask.FromLengths([30, 17, 9], 30, Padding.Post));
        Approvals.Verify(Render(layer, sample: 1, maxSteps: 12), "svg");
    }
}
