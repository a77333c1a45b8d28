using System.Text.Json;
using NotebookRnn.Notebook.Charts;

namespace NotebookRnn.Notebook.Tests.Charts;

public class PlotlyJsonTests
{
    private static JsonElement Parse(Figure figure) => JsonDocument.Parse(PlotlyJson.Write(figure)).RootElement;

    [Fact]
    public void Line_trace_writes_its_points_and_a_NaN_as_null()
    {
        var figure = new Figure("f") { Traces = { new LineTrace("loss", "#111111", [1, 2, 3], [0.5, double.NaN, 0.25], Dashed: true) } };
        JsonElement trace = Parse(figure).GetProperty("data")[0];
        Assert.Equal("scatter", trace.GetProperty("type").GetString());
        Assert.Equal([1.0, 2, 3], trace.GetProperty("x").EnumerateArray().Select(v => v.GetDouble()));
        Assert.Equal(JsonValueKind.Null, trace.GetProperty("y")[1].ValueKind);
        Assert.Equal(0.25, trace.GetProperty("y")[2].GetDouble());
        Assert.Equal("dash", trace.GetProperty("line").GetProperty("dash").GetString());
    }

    [Fact]
    public void Bars_on_a_category_axis_write_category_names_and_stack()
    {
        var figure = new Figure("f") { X = new Axis("strategy", ["a", "b"]) };
        figure.Traces.Add(new BarTrace("real", "#1", [0, 1], [10, 20]));
        figure.Traces.Add(new BarTrace("padding", "#2", [0, 1], [5, 0]));
        JsonElement root = Parse(figure);
        Assert.Equal(["a", "b"], root.GetProperty("data")[1].GetProperty("x").EnumerateArray().Select(v => v.GetString()));
        Assert.Equal("stack", root.GetProperty("layout").GetProperty("barmode").GetString());
        Assert.Equal("category", root.GetProperty("layout").GetProperty("xaxis").GetProperty("type").GetString());
    }

    [Fact]
    public void Heatmap_gives_each_level_its_own_band_of_the_colour_scale()
    {
        var figure = new Figure("f") { Traces = { new HeatmapTrace("batch", [[0, 1, 1], [1, 1, 0]], ["padding", "real"], ["#ccc", "#00f"]) } };
        JsonElement trace = Parse(figure).GetProperty("data")[0];
        Assert.Equal([[0, 1, 1], [1, 1, 0]], trace.GetProperty("z").EnumerateArray().Select(r => r.EnumerateArray().Select(v => v.GetInt32()).ToArray()));
        var scale = trace.GetProperty("colorscale").EnumerateArray().Select(s => (s[0].GetDouble(), s[1].GetString())).ToList();
        Assert.Equal([(0.0, "#ccc"), (0.5, "#ccc"), (0.5, "#00f"), (1.0, "#00f")], scale);
        Assert.Equal(1, trace.GetProperty("zmax").GetInt32());
    }

    [Fact]
    public void Tick_labels_may_repeat_and_a_heatmap_with_cell_text_hovers_it()
    {
        var figure = new Figure("f")
        {
            X = new Axis("step", TickLabels: ["l", "l"]),
            Traces = { new HeatmapTrace("w", [[0, 1]], ["low", "high"], ["#fff", "#000"], [["0.2", "0.8"]]) },
        };
        JsonElement root = Parse(figure), axis = root.GetProperty("layout").GetProperty("xaxis"), trace = root.GetProperty("data")[0];
        Assert.Equal("array", axis.GetProperty("tickmode").GetString());
        Assert.Equal([0, 1], axis.GetProperty("tickvals").EnumerateArray().Select(v => v.GetInt32()));
        Assert.Equal(["l", "l"], axis.GetProperty("ticktext").EnumerateArray().Select(v => v.GetString()));
        Assert.Equal("0.8", trace.GetProperty("text")[0][1].GetString());
        Assert.Equal("%{text}<extra></extra>", trace.GetProperty("hovertemplate").GetString());
    }

    [Fact]
    public void Marker_lines_become_dashed_shapes_with_a_label()
    {
        var figure = new Figure("f") { Lines = { new MarkerLine(87.5, "p95 87.5", "#f00") } };
        JsonElement layout = Parse(figure).GetProperty("layout");
        JsonElement shape = layout.GetProperty("shapes")[0];
        Assert.Equal(87.5, shape.GetProperty("x0").GetDouble());
        Assert.Equal(87.5, shape.GetProperty("x1").GetDouble());
        Assert.Equal("paper", shape.GetProperty("yref").GetString());
        Assert.Equal("p95 87.5", layout.GetProperty("annotations")[0].GetProperty("text").GetString());
    }

    [Fact]
    public void Text_is_escaped_so_it_cannot_close_a_script_tag()
    {
        string json = PlotlyJson.Write(new Figure("</script><b>"));
        Assert.DoesNotContain("</script>", json);
        Assert.Equal("</script><b>", JsonDocument.Parse(json).RootElement.GetProperty("layout").GetProperty("title").GetProperty("text").GetString());
    }
}
