using System.Globalization;
using System.Xml.Linq;
using NotebookRnn.Notebook.Charts;

namespace NotebookRnn.Notebook.Tests.Charts;

public class SvgChartTests
{
    private static readonly XNamespace Svg = "http://www.w3.org/2000/svg";

    private static XElement Trace(string svg, string name) =>
        XDocument.Parse(svg).Descendants(Svg + "g").Single(g => (string?)g.Attribute("class") == "nbrnn-trace" && (string?)g.Attribute("data-name") == name);

    [Fact]
    public void Each_bar_is_one_rect_inside_its_trace_group()
    {
        var figure = new Figure("f") { X = new Axis("x", ["a", "b", "c"]) };
        figure.Traces.Add(new BarTrace("real", "#1f77b4", [0, 1, 2], [3, 4, 5]));
        figure.Traces.Add(new BarTrace("padding", "#c7c7c7", [0, 1, 2], [1, 0, 2]));
        string svg = SvgChart.Render(figure);
        Assert.Equal(3, Trace(svg, "real").Elements(Svg + "rect").Count());
        Assert.Equal(3, Trace(svg, "padding").Elements(Svg + "rect").Count());
    }

    [Fact]
    public void Stacked_bars_start_where_the_bar_below_ends()
    {
        var figure = new Figure("f") { X = new Axis("x", ["a"]) };
        figure.Traces.Add(new BarTrace("real", "#1", [0], [3]));
        figure.Traces.Add(new BarTrace("padding", "#2", [0], [1]));
        string svg = SvgChart.Render(figure);
        XElement lower = Trace(svg, "real").Element(Svg + "rect")!, upper = Trace(svg, "padding").Element(Svg + "rect")!;
        double Top(XElement r) => double.Parse((string)r.Attribute("y")!, CultureInfo.InvariantCulture);
        double Height(XElement r) => double.Parse((string)r.Attribute("height")!, CultureInfo.InvariantCulture);
        Assert.Equal(Top(lower), Top(upper) + Height(upper), 1);
        Assert.Equal(3.0, Height(lower) / Height(upper), 1);
    }

    [Fact]
    public void A_line_with_a_gap_is_drawn_as_two_polylines()
    {
        var figure = new Figure("f") { Traces = { new LineTrace("loss", "#1", [1, 2, 3, 4, 5], [1, 2, double.NaN, 3, 4]) } };
        Assert.Equal(2, Trace(SvgChart.Render(figure), "loss").Elements(Svg + "polyline").Count());
    }

    [Fact]
    public void A_heatmap_draws_one_rect_per_run_of_equal_cells()
    {
        var figure = new Figure("f") { Traces = { new HeatmapTrace("batch", [[0, 0, 1, 1, 1], [1, 1, 1, 1, 1], [0, 1, 0, 1, 1]], ["padding", "real"], ["#ccc", "#00f"]) } };
        Assert.Equal(2 + 1 + 4, Trace(SvgChart.Render(figure), "batch").Elements(Svg + "rect").Count());
    }

    [Fact]
    public void Stacked_figures_are_one_group_each_moved_below_the_previous()
    {
        var figures = new[] { new Figure("a") { Height = 100 }, new Figure("b") { Height = 150 } };
        XDocument svg = XDocument.Parse(SvgChart.Stack(figures));
        Assert.Equal("250", (string?)svg.Root!.Attribute("height"));
        Assert.Equal(["a", "b"], svg.Root.Elements(Svg + "g").Select(g => (string?)g.Attribute("data-name")));
        Assert.Equal("translate(0,100)", (string?)svg.Root.Elements(Svg + "g").Last().Attribute("transform"));
    }

    [Theory]
    [InlineData(0, 1, new[] { 0, 0.2, 0.4, 0.6, 0.8, 1 })]
    [InlineData(-0.5, 39.5, new[] { 0.0, 10, 20, 30 })]
    [InlineData(3, 1200, new[] { 500.0, 1000 })]
    public void Ticks_are_round_numbers_inside_the_range(double min, double max, double[] expected) =>
        Assert.Equal(expected, SvgChart.Ticks(min, max));

    [Fact]
    public void Output_does_not_depend_on_the_current_culture()
    {
        var figure = new Figure("f") { Traces = { new LineTrace("loss", "#1", [1, 2, 3], [0.125, 1234.5, 2.75]) } };
        string invariant = SvgChart.Render(figure);
        CultureInfo saved = CultureInfo.CurrentCulture;
        try
        {
            CultureInfo.CurrentCulture = new CultureInfo("de-DE");
            Assert.Equal(invariant, SvgChart.Render(figure));
        }
        finally
        {
            CultureInfo.CurrentCulture = saved;
        }
    }
}
