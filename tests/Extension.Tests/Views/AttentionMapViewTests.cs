using System.Text.Json;
using System.Xml.Linq;
using NotebookRnn.Layers.Attention;
using NotebookRnn.Notebook.Charts;
using NotebookRnn.Notebook.Views;
using NotebookRnn.Tensors;

namespace NotebookRnn.Notebook.Tests.Views;

public class AttentionMapViewTests
{
    private static readonly XNamespace Svg = "http://www.w3.org/2000/svg";

    // The decoder wrote "olle" reading "helo " (ending in a space): every query row sums to 1; source step 5 is cut.
    private static AttentionMap Map() => AttentionMap.Of(new float[,,]
    {
        {
            { 0.02f, 0.03f, 0.05f, 0.80f, 0.05f, 0.05f },
            { 0.05f, 0.05f, 0.15f, 0.70f, 0.05f, 0.00f },
            { 0.05f, 0.05f, 0.45f, 0.40f, 0.05f, 0.00f },
            { 0.10f, 0.50f, 0.30f, 0.10f, 0.00f, 0.00f },
        },
    }, 0, "olle", "helo ");

    private static JsonElement Plotly(MimeBundle bundle)
    {
        string html = bundle.Html!;
        int start = html.IndexOf("var figure = ", StringComparison.Ordinal) + "var figure = ".Length;
        int end = html.IndexOf(";\n", start, StringComparison.Ordinal);
        return JsonDocument.Parse(html[start..end]).RootElement;
    }

    [Fact]
    public void Weights_fall_into_four_levels_from_light_to_dark()
    {
        Assert.Equal([0, 0, 1, 1, 2, 2, 3, 3], new[] { 0f, 0.1f, 0.11f, 0.3f, 0.31f, 0.6f, 0.61f, 1f }.Select(AttentionMapView.Level));
        var heatmap = (HeatmapTrace)AttentionMapView.Heatmap(Map()).Traces.Single();
        Assert.Equal(["0–10%", "10–30%", "30–60%", "60–100%"], heatmap.Levels);
        Assert.Equal(["#f7fbff", "#c6dbef", "#6baed6", "#08306b"], heatmap.Colors);
    }

    [Fact]
    public void Each_heatmap_row_is_a_query_step_binned_and_cut_to_the_labels()
    {
        var heatmap = (HeatmapTrace)AttentionMapView.Heatmap(Map()).Traces.Single();
        Assert.Equal(
            [[0, 0, 0, 3, 0], [0, 0, 1, 3, 0], [0, 0, 2, 2, 0], [0, 2, 1, 0, 0]],
            heatmap.Z.Select(row => row.ToArray()));
        Assert.Equal("l ← l: 0.450", heatmap.Text![2][2]);
        Assert.Equal("o ← ␣: 0.050", heatmap.Text[0][4]);
    }

    [Fact]
    public void The_value_characters_run_along_x_and_the_query_characters_down_y_first_on_top()
    {
        Figure figure = AttentionMapView.Heatmap(Map());
        Assert.Equal(["h", "e", "l", "o", "␣"], figure.X.TickLabels!);
        Assert.Equal(["o", "l", "l", "e"], figure.Y.TickLabels!);
        Assert.True(figure.Y.Reversed);
        Assert.False(figure.X.Reversed);
    }

    [Fact]
    public void The_plotly_figure_has_the_levels_the_labels_and_a_reversed_y_axis()
    {
        JsonElement figure = Plotly(Renderers.Render(Map(), Fixtures.Options())!);
        JsonElement trace = figure.GetProperty("data")[0], layout = figure.GetProperty("layout");
        Assert.Equal("heatmap", trace.GetProperty("type").GetString());
        Assert.Equal([0, 2, 1, 0, 0], trace.GetProperty("z")[3].EnumerateArray().Select(v => v.GetInt32()));
        Assert.Equal(3, trace.GetProperty("zmax").GetInt32());
        Assert.Equal("o ← o: 0.800", trace.GetProperty("text")[0][3].GetString());
        Assert.Equal("%{text}<extra></extra>", trace.GetProperty("hovertemplate").GetString());
        JsonElement x = layout.GetProperty("xaxis"), y = layout.GetProperty("yaxis");
        Assert.Equal(["h", "e", "l", "o", "␣"], x.GetProperty("ticktext").EnumerateArray().Select(v => v.GetString()));
        Assert.Equal([0, 1, 2, 3, 4], x.GetProperty("tickvals").EnumerateArray().Select(v => v.GetInt32()));
        Assert.Equal(["o", "l", "l", "e"], y.GetProperty("ticktext").EnumerateArray().Select(v => v.GetString()));
        Assert.Equal("reversed", y.GetProperty("autorange").GetString());
        Assert.False(x.TryGetProperty("autorange", out _));
        Assert.False(x.TryGetProperty("type", out _)); // a category axis would merge the two l's
    }

    [Fact]
    public void The_svg_draws_every_cell_in_its_levels_colour_with_the_first_query_on_top()
    {
        XDocument svg = XDocument.Parse(Renderers.Render(Map(), Fixtures.Options())!.Svg!);
        var cells = svg.Descendants(Svg + "g").Single(g => (string?)g.Attribute("class") == "nbrnn-trace")
            .Elements(Svg + "rect").ToList();
        Assert.Equal(4 * 5, cells.Count);
        Assert.Equal("o ← o: 0.800", cells[3].Element(Svg + "title")!.Value);
        Assert.Equal("#08306b", (string?)cells[3].Attribute("fill"));
        Assert.Equal("#f7fbff", (string?)cells[0].Attribute("fill"));
        Assert.Equal("#6baed6", (string?)cells[5 * 3 + 1].Attribute("fill"));
        double Y(int index) => double.Parse((string)cells[index].Attribute("y")!, System.Globalization.CultureInfo.InvariantCulture);
        Assert.True(Y(0) < Y(5) && Y(5) < Y(10) && Y(10) < Y(15));
        double X(int index) => double.Parse((string)cells[index].Attribute("x")!, System.Globalization.CultureInfo.InvariantCulture);
        Assert.True(X(0) < X(1) && X(1) < X(4));
        var labels = svg.Descendants(Svg + "g").Single(g => (string?)g.Attribute("class") == "nbrnn-axes")
            .Elements(Svg + "text").Select(t => t.Value).ToList();
        Assert.Equal(["o", "l", "l", "e", "h", "e", "l", "o", "␣"], labels);
        var legend = svg.Descendants(Svg + "g").Single(g => (string?)g.Attribute("class") == "nbrnn-legend")
            .Elements(Svg + "text").Select(t => t.Value);
        Assert.Equal(["0–10%", "10–30%", "30–60%", "60–100%"], legend);
    }

    [Fact]
    public void The_bundle_is_html_svg_and_the_maps_text()
    {
        MimeBundle bundle = Renderers.Render(Map(), Fixtures.Options())!;
        Assert.Equal([MimeTypes.Html, MimeTypes.Svg, MimeTypes.PlainText], bundle.MimeTypes);
        Assert.Equal(Map().ToString(), bundle.PlainText);
        Assert.StartsWith("Attention map: 4 query steps × 5 value steps\n0  'o'  -> 3 'o'  0.800\n", bundle.PlainText);
        Assert.Contains("Attention map: 4 query steps × 5 value steps", bundle.Html);
    }
}
