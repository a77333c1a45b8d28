using System.Text.Json;
using NotebookRnn.Notebook.Charts;
using NotebookRnn.Notebook.Live;
using NotebookRnn.Notebook.Tests;
using NotebookRnn.Notebook.Views;
using NotebookRnn.Data;
using NotebookRnn.Kernels;
using NotebookRnn.Layers;
using NotebookRnn.Layers.Recurrent;
using NotebookRnn.Layers.Wrappers;
using NotebookRnn.Models;
using NotebookRnn.Sequences;
using NotebookRnn.Tensors;
using NotebookRnn.Training;

namespace NotebookRnn.Notebook.Browser.Tests;

/// <summary>Every view's HTML in headless Chromium: no JavaScript error, the expected plots, traces and SVG nodes, a screenshot.</summary>
[Collection(BrowserCollection.Name)]
public class ViewsInBrowserTests(BrowserFixture fixture)
{
    private static int[] TraceCounts(IEnumerable<Figure> figures) => [.. figures.Select(f => f.Traces.Count)];

    private static PaddingView Padding() => PaddingView.FromLengths(Fixtures.Lengths, maxLen: 30);

    private static Figure[] PaddingFigures(PaddingView view) =>
        [PaddingReportView.Histogram(view.Report), PaddingReportView.Strategies(view.Report), PaddingReportView.Heatmap(view.Batch!, view.Report.Padding)];

    [Fact]
    public async Task The_padding_view_draws_its_histogram_strategies_and_heatmap()
    {
        PaddingView view = Padding();
        await using ViewPage page = await ViewPage.OpenAsync(fixture, "padding", Renderers.Render(view, fixture.Options)!.Html!);
        await page.WaitForPlotsAsync(3);
        await page.ScreenshotAsync();
        Assert.Empty(page.Errors);
        Assert.Equal(TraceCounts(PaddingFigures(view)), await page.TraceCountsAsync());
        Assert.Equal(new[] { 1, 3, 1 }, await page.DrawnTraceLayersAsync());
        int[] bars = await page.DrawnBarsAsync();
        Assert.Equal(view.Report.Histogram.Count, bars[0]);
        Assert.Equal(3 * view.Report.Strategies.Count, bars[1]);
        Assert.Equal(view.Report.Histogram.Count, await page.CountAsync(".nbrnn-fallback g.nbrnn-trace[data-name='sequences'] rect"));
        Assert.Equal(5, await page.CountAsync("table.nbrnn-strategies tr") - 1);
    }

    [Fact]
    public async Task With_requirejs_on_the_page_plotly_is_required_as_a_module_as_in_classic_jupyter()
    {
        PaddingView view = Padding();
        await using ViewPage page = await ViewPage.OpenAsync(fixture, "padding-requirejs", Renderers.Render(view, fixture.Options)!.Html!, withRequire: true);
        await page.WaitForPlotsAsync(3);
        Assert.Empty(page.Errors);
        Assert.Equal(TraceCounts(PaddingFigures(view)), await page.TraceCountsAsync());
        Assert.Equal("undefined", (await page.EvaluateAsync("() => typeof window.Plotly"))!.Value.GetString());
    }

    [Fact]
    public async Task The_history_view_draws_epoch_batch_and_per_device_curves()
    {
        History history = Fixtures.TwoDeviceHistory();
        await using ViewPage page = await ViewPage.OpenAsync(fixture, "history", Renderers.Render(history, fixture.Options)!.Html!);
        await page.WaitForPlotsAsync(6);
        await page.ScreenshotAsync();
        Assert.Empty(page.Errors);
        Assert.Equal(TraceCounts(HistoryView.Figures(history)), await page.TraceCountsAsync());
        Assert.Equal(new[] { 2, 2, 1, 2, 2, 4 }, await page.DrawnTraceLayersAsync());
        Assert.Equal(history.Epochs.Count + 1, await page.CountAsync(".nbrnn-history table tr"));
    }

    [Fact]
    public async Task Several_runs_are_overlaid_one_colour_each()
    {
        History[] runs = [Fixtures.TwoDeviceHistory("packed"), Fixtures.TwoDeviceHistory("dense", 0.2)];
        await using ViewPage page = await ViewPage.OpenAsync(fixture, "history-comparison", Renderers.Render(runs, fixture.Options)!.Html!);
        await page.WaitForPlotsAsync(3);
        await page.ScreenshotAsync();
        Assert.Empty(page.Errors);
        Assert.Equal(new[] { 4, 2, 2 }, await page.TraceCountsAsync());
        Assert.Equal(3, await page.CountAsync(".nbrnn-history-comparison table tr"));
    }

    [Fact]
    public async Task The_unroll_graph_draws_a_cell_per_step_and_the_steps_not_run()
    {
        LSTM lstm = Fixtures.LstmAfterBatch([6, 2, 4, 0, 6], 8, NotebookRnn.Layers.Padding.Pre);
        await using ViewPage page = await ViewPage.OpenAsync(fixture, "unroll-packed-lstm",
            Renderers.Render(lstm, fixture.Options with { UnrollSample = 2 })!.Html!);
        await page.ScreenshotAsync();
        Assert.Empty(page.Errors);
        Assert.Equal(lstm.LastPlan!.Steps, await page.CountAsync("svg.nbrnn-unroll-graph g.nbrnn-step"));
        Assert.Equal(4, await page.CountAsync("svg.nbrnn-unroll-graph g.nbrnn-real"));
        Assert.Equal(2, await page.CountAsync("svg.nbrnn-unroll-graph g.nbrnn-skipped"));
        Assert.Equal(1, await page.CountAsync("svg.nbrnn-unroll-graph g.nbrnn-not-run"));
        Assert.Equal(1, await page.CountAsync("svg.nbrnn-unroll-graph g.nbrnn-loop-node"));
    }

    [Fact]
    public async Task A_bidirectional_unroll_graph_has_two_rows_with_state_arrows()
    {
        var layer = new Bidirectional(new GRU(2, unroll: true), inputShape: [30, 2], name: "bi");
        _ = new Sequential([layer], seed: 5);
        layer.Call(new Tensor(3, 30, 2), SequenceMask.FromLengths([30, 17, 9], 30, NotebookRnn.Layers.Padding.Post));
        await using ViewPage page = await ViewPage.OpenAsync(fixture, "unroll-bidirectional-gru",
            Renderers.Render(layer, fixture.Options with { UnrollSample = 1, MaxUnrollSteps = 12 })!.Html!);
        await page.ScreenshotAsync();
        Assert.Empty(page.Errors);
        Assert.Equal(2, await page.CountAsync("svg.nbrnn-unroll-graph g.nbrnn-unroll-row"));
        // 10 of the 12 cells asked for fit legibly beside the gap column when h₀ sits right of the backward row.
        Assert.Equal(2 * 10, await page.CountAsync("svg.nbrnn-unroll-graph g.nbrnn-step"));
        Assert.Equal(2 * 11, await page.CountAsync("svg.nbrnn-unroll-graph line.nbrnn-state-arrow"));
        Assert.Equal(2, await page.CountAsync("svg.nbrnn-unroll-graph g.nbrnn-hidden-steps"));
    }

    // For every unroll graph on the page: its natural (viewBox) and shown size, and for each of its texts the size it
    // is drawn at — the computed font size times the scale from SVG units to screen pixels (getScreenCTM), that is the
    // em box the glyphs are set in, whatever the characters — the height of its box (getBoundingClientRect: the font's
    // ascent and descent, about 1.12 em in Liberation Sans) and whether that box stays inside the graph.
    private const string MeasureUnrollText = """
        () => Array.from(document.querySelectorAll('svg.nbrnn-unroll-graph')).map(svg => {
          const box = svg.getBoundingClientRect(), view = svg.viewBox.baseVal;
          return {
            naturalWidth: view.width, naturalHeight: view.height, width: box.width, height: box.height,
            texts: Array.from(svg.querySelectorAll('text')).map(text => {
              const ctm = text.getScreenCTM(), r = text.getBoundingClientRect();
              return {
                text: text.textContent, height: r.height,
                size: parseFloat(getComputedStyle(text).fontSize) * Math.hypot(ctm.a, ctm.b),
                inside: r.left >= box.left - 0.5 && r.right <= box.right + 0.5,
              };
            }),
          };
        })
        """;

    // The output area of a 1,280 px window in each front end the graph must read in (see Charts/Legibility.cs):
    // classic Jupyter's, which shrinks a wider SVG to fit, at 980 px (a little under its ≈985 px); nbconvert's lab
    // template, 1,138 px, shrinking too; nbrnn run's page, 1,088 px, which scrolls instead.
    [Theory]
    [InlineData("classic-jupyter", 980, true)]
    [InlineData("nbconvert-lab", 1138, true)]
    [InlineData("nbrnn-page", 1088, false)]
    public async Task Unroll_graph_text_is_at_least_10_px_tall_in_the_output_area_of_a_1280_px_window(string frontEnd, int outputWidth,
        bool shrinksToFit)
    {
        Layer[] layers =
        [
            Fixtures.RecurrentAfterBatch(Fixtures.Recurrent.Lstm, 400, notRunSteps: 2),
            Fixtures.RecurrentAfterBatch(Fixtures.Recurrent.UnrolledBidirectionalLstm, 400, notRunSteps: 2, batch: 4096),
            Fixtures.RecurrentAfterBatch(Fixtures.Recurrent.UnrolledGru, 24),
            Fixtures.RecurrentAfterBatch(Fixtures.Recurrent.DenseMaskedLstm, 1),
        ];
        string outputs = string.Concat(layers.Select(layer => Renderers.Render(layer, fixture.Options with { MaxUnrollSteps = 1000 })!.Html!));
        string area = shrinksToFit ? "<style>.output-area svg{max-width:100%;height:auto}</style>" : "<style>.output-area{overflow-x:auto}</style>";
        await using ViewPage page = await ViewPage.OpenAsync(fixture, "unroll-legible-" + frontEnd,
            area + $"<div class=\"output-area\" style=\"width:{outputWidth}px\">{outputs}</div>", windowWidth: 1280);
        await page.ScreenshotAsync();
        Assert.Empty(page.Errors);
        JsonElement graphs = (await page.EvaluateAsync(MeasureUnrollText))!.Value;
        Assert.Equal(layers.Length, graphs.GetArrayLength());
        foreach (JsonElement graph in graphs.EnumerateArray())
        {
            double naturalWidth = graph.GetProperty("naturalWidth").GetDouble(), width = graph.GetProperty("width").GetDouble();
            Assert.InRange(width, 0, Math.Min(naturalWidth, outputWidth) + 0.5);
            Assert.Equal(graph.GetProperty("naturalHeight").GetDouble() / naturalWidth, graph.GetProperty("height").GetDouble() / width, 2);
            string[] small = [.. graph.GetProperty("texts").EnumerateArray()
                .Where(t => t.GetProperty("size").GetDouble() < 10 || t.GetProperty("height").GetDouble() < 10)
                .Select(t => $"'{t.GetProperty("text").GetString()}' {t.GetProperty("size").GetDouble():0.00} px, box {t.GetProperty("height").GetDouble():0.00} px")];
            Assert.True(small.Length == 0, $"In a {naturalWidth} px graph shown {width:0} px wide: " + string.Join("; ", small));
            Assert.All(graph.GetProperty("texts").EnumerateArray(), t => Assert.True(t.GetProperty("inside").GetBoolean(),
                $"'{t.GetProperty("text").GetString()}' runs past the edge of a {naturalWidth} px graph"));
        }
    }

    [Fact]
    public async Task Tables_of_the_summary_tensor_and_devices_load_without_errors()
    {
        Sequential model = Fixtures.MaskedModel();
        string html = Renderers.Render(model, fixture.Options)!.Html! + Renderers.Render(new Tensor(3, 4, 5), fixture.Options)!.Html! +
                      DevicesView.Render(["cpu:0", "cpu:1"], ["cpu:1"]).Html!;
        await using ViewPage page = await ViewPage.OpenAsync(fixture, "summary-tensor-devices", html);
        await page.ScreenshotAsync();
        Assert.Empty(page.Errors);
        Assert.Equal(model.Layers.Count + 1, await page.CountAsync(".nbrnn-summary table tr"));
        Assert.Equal(1 + 4, await page.CountAsync(".nbrnn-tensor table tr"));
        Assert.Equal(1 + 2, await page.CountAsync(".nbrnn-devices table tr"));
    }

    [Fact]
    public async Task A_functional_model_shows_its_summary_and_its_graph_without_errors()
    {
        Model model = GraphFixtures.Seq2Seq();
        await using ViewPage page = await ViewPage.OpenAsync(fixture, "model-graph", Renderers.Render(model, fixture.Options)!.Html!);
        await page.ScreenshotAsync();
        Assert.Empty(page.Errors);
        Assert.Equal(model.Layers.Count + 1, await page.CountAsync(".nbrnn-summary table tr"));
        Assert.Equal(7, await page.CountAsync("svg.nbrnn-model-graph g.nbrnn-graph-call"));
        Assert.Equal(3, await page.CountAsync("svg.nbrnn-model-graph g.nbrnn-edge-mask path[stroke-dasharray]"));
        Assert.Equal(2, await page.CountAsync("svg.nbrnn-model-graph g.nbrnn-edge-state text.nbrnn-state-label"));
    }

    [Fact]
    public async Task An_encoder_decoder_unroll_graph_hands_h_and_c_to_the_decoder()
    {
        Model model = GraphFixtures.Seq2SeqAfterBatch(unroll: true);
        MimeBundle bundle = EncoderDecoderView.Render(ModelGraph.Of(model), model.Layers.Single(l => l.Name == "decoder"), fixture.Options)!;
        await using ViewPage page = await ViewPage.OpenAsync(fixture, "encoder-decoder-unroll", bundle.Html!);
        await page.ScreenshotAsync();
        Assert.Empty(page.Errors);
        Assert.Equal(2, await page.CountAsync("svg.nbrnn-unroll-graph g.nbrnn-unroll-row"));
        Assert.Equal(6 + 4, await page.CountAsync("svg.nbrnn-unroll-graph g.nbrnn-step"));
        Assert.Equal(1, await page.CountAsync("svg.nbrnn-unroll-graph g.nbrnn-state-handover path"));
    }

    [Fact]
    public async Task A_live_progress_frame_is_static_svg_with_a_progress_bar()
    {
        History history = Fixtures.TwoDeviceHistory();
        MimeBundle frame = LiveTrainingView.Progress(history, new BatchCompleted(history.Batches[^2], 3) { History = history });
        await using ViewPage page = await ViewPage.OpenAsync(fixture, "live-progress", frame.Html!);
        await page.ScreenshotAsync();
        Assert.Empty(page.Errors);
        Assert.Equal(1, await page.CountAsync(".nbrnn-live .nbrnn-progress .nbrnn-bar"));
        Assert.Equal(2, await page.CountAsync(".nbrnn-live svg g.nbrnn-figure"));
        Assert.Equal(0, await page.CountAsync(".js-plotly-plot"));
    }
}
