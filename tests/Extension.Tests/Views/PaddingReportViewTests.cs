using System.Xml.Linq;
using NotebookRnn.Notebook.Charts;
using NotebookRnn.Notebook.Views;
using NotebookRnn.Data;
using NotebookRnn.Kernels;
using NotebookRnn.Sequences;
using NotebookRnn.Layers;

namespace NotebookRnn.Notebook.Tests.Views;

public class PaddingReportViewTests
{
    private static readonly XNamespace Svg = "http://www.w3.org/2000/svg";

    private static PaddingView View(int? maxLen = null, Padding padding = Padding.Pre) =>
        PaddingView.FromLengths(Fixtures.Lengths, maxLen, padding, batchSize: 8);

    [Fact]
    public void Histogram_bars_are_the_report_bins()
    {
        PaddingReport report = View().Report;
        var bars = (BarTrace)PaddingReportView.Histogram(report).Traces.Single();
        Assert.Equal(report.Histogram.Select(b => (double)b.Count), bars.Y);
        Assert.Equal(report.Histogram.Select(b => (double)(b.Upper - b.Lower)), bars.Widths!);
        Assert.Equal(report.Histogram.Select(b => (b.Lower + b.Upper - 1) / 2.0), bars.X);
        Assert.Equal(report.Count, bars.Y.Sum());
    }

    [Fact]
    public void Markers_stand_at_maxLen_and_at_the_95th_percentile()
    {
        PaddingReport report = View(maxLen: 30).Report;
        var lines = PaddingReportView.Histogram(report).Lines;
        Assert.Equal([30.0, report.P95], lines.Select(l => l.X));
        Assert.Equal("maxLen 30", lines[0].Label);
        Assert.Equal($"maxLen = longest {report.MaxLength}", PaddingReportView.Histogram(View().Report).Lines[0].Label);
    }

    [Fact]
    public void Strategy_bars_are_the_real_padding_and_truncated_tokens_of_each_row()
    {
        PaddingReport report = View(maxLen: 30).Report;
        Figure figure = PaddingReportView.Strategies(report);
        Assert.Equal(report.Strategies.Select(r => r.Name), figure.X.Categories!);
        var traces = figure.Traces.Cast<BarTrace>().ToDictionary(t => t.Name);
        Assert.Equal(report.Strategies.Select(r => (double)r.RealTokens), traces["real"].Y);
        Assert.Equal(report.Strategies.Select(r => (double)r.PaddingTokens), traces["padding"].Y);
        Assert.Equal(report.Strategies.Select(r => (double)r.TruncatedTokens), traces["truncated (lost)"].Y);
        Assert.Equal(["pad to longest", "pad to p95", "pad to maxLen", "4 auto-buckets", "packed (no padding)"], figure.X.Categories!);
    }

    [Fact]
    public void The_heatmap_rows_are_the_batch_mask()
    {
        PaddingView view = View(maxLen: 30, padding: Padding.Post);
        var heatmap = (HeatmapTrace)PaddingReportView.Heatmap(view.Batch!, Padding.Post).Traces.Single();
        Assert.Equal(8, heatmap.Z.Count);
        for (int row = 0; row < 8; row++)
        {
            int kept = Math.Min(Fixtures.Lengths[row], 30);
            Assert.Equal(Enumerable.Range(0, 30).Select(t => t < kept ? 1 : 0), heatmap.Z[row]);
        }
    }

    [Fact]
    public void Pre_padding_puts_the_real_steps_at_the_end_of_each_row()
    {
        PaddingView view = View();
        var heatmap = (HeatmapTrace)PaddingReportView.Heatmap(view.Batch!, Padding.Pre).Traces.Single();
        int length = Fixtures.Lengths[1], steps = view.Report.MaxLen;
        Assert.Equal(Enumerable.Range(0, steps).Select(t => t >= steps - length ? 1 : 0), heatmap.Z[1]);
    }

    [Fact]
    public void The_svg_has_a_rect_per_histogram_bin_per_strategy_bar_and_per_heatmap_run()
    {
        PaddingView view = View(maxLen: 30);
        XDocument svg = XDocument.Parse(Renderers.Render(view, Fixtures.Options())!.Svg!);
        var figures = svg.Root!.Elements(Svg + "g").ToList();
        Assert.Equal(3, figures.Count);
        int Rects(XElement figure, string trace) => figure.Elements(Svg + "g")
            .Single(g => (string?)g.Attribute("class") == "nbrnn-trace" && (string?)g.Attribute("data-name") == trace).Elements(Svg + "rect").Count();
        Assert.Equal(view.Report.Histogram.Count, Rects(figures[0], "sequences"));
        Assert.Equal(view.Report.Strategies.Count, Rects(figures[1], "real"));
        int runs = Enumerable.Range(0, 8).Sum(r => Fixtures.Lengths[r] >= 30 ? 1 : 2);
        Assert.Equal(runs, Rects(figures[2], "batch"));
        Assert.Equal(2, figures[0].Elements(Svg + "g").Count(g => (string?)g.Attribute("class") == "nbrnn-marker"));
    }

    [Fact]
    public void A_bare_report_has_no_heatmap_and_says_why()
    {
        MimeBundle bundle = Renderers.Render(PaddingReport.Analyse(Fixtures.Lengths), Fixtures.Options())!;
        Assert.Equal(2, Fixtures.Count(bundle.Html!, "class=\"nbrnn-plotly\""));
        Assert.Contains("No batch heatmap: a report keeps only the lengths.", bundle.Html);
        Assert.Equal([MimeTypes.Html, MimeTypes.Svg, MimeTypes.PlainText], bundle.MimeTypes);
    }

    [Fact]
    public void The_text_form_is_the_report_text_and_the_batch_line()
    {
        PaddingView view = View(maxLen: 30);
        string text = Renderers.Render(view, Fixtures.Options())!.PlainText!;
        Assert.StartsWith(view.Report.ToString(), text);
        Assert.EndsWith("One batch: 8 samples × 30 steps, 'pre' padding: " +
            (1 - (double)view.Batch!.RealSteps / (8 * 30)).ToString("0.0%", System.Globalization.CultureInfo.InvariantCulture) + " padding\n", text);
    }

    [Fact]
    public void Padding_view_html() => Approvals.Verify(Renderers.Render(View(maxLen: 30), Fixtures.Options())!.Html!, "html");

    [Fact]
    public void Padding_view_svg() => Approvals.Verify(Renderers.Render(View(maxLen: 30), Fixtures.Options())!.Svg!, "svg");

    [Fact]
    public void Padding_view_plotly_json()
    {
        PaddingView view = View(maxLen: 30);
        Figure[] figures = [PaddingReportView.Histogram(view.Report), PaddingReportView.Strategies(view.Report), PaddingReportView.Heatmap(view.Batch!, Padding.Pre)];
        Approvals.Verify("[\n" + string.Join(",\n", figures.Select(f => PlotlyJson.Write(f, indented: true))) + "\n]\n", "json");
    }
}
