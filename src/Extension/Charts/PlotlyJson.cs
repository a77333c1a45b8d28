using System.Text;
using System.Text.Json;

namespace NotebookRnn.Notebook.Charts;

/// <summary>
/// Writes a <see cref="Figure"/> as a plotly.js figure, <c>{"data": [...], "layout": {...}, "config": {...}}</c>,
/// ready for <c>Plotly.newPlot(div, data, layout, config)</c>. Property order is fixed and numbers use the shortest
/// round-trip form, so the text is reproducible; NaN becomes <c>null</c> (a gap in plotly).
/// </summary>
internal static class PlotlyJson
{
    /// <summary>The figure as JSON; indented for approval files, compact inside HTML.</summary>
    public static string Write(Figure figure, bool indented = false)
    {
        using var stream = new MemoryStream();
        using (var json = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = indented }))
        {
            json.WriteStartObject();
            json.WritePropertyName("data");
            json.WriteStartArray();
            foreach (Trace trace in figure.Traces) WriteTrace(json, figure, trace);
            json.WriteEndArray();
            WriteLayout(json, figure);
            json.WriteStartObject("config");
            json.WriteBoolean("responsive", true);
            json.WriteBoolean("displaylogo", false);
            json.WriteEndObject();
            json.WriteEndObject();
        }
        return Encoding.UTF8.GetString(stream.ToArray());
    }

    private static void WriteTrace(Utf8JsonWriter json, Figure figure, Trace trace)
    {
        json.WriteStartObject();
        switch (trace)
        {
            case LineTrace line: WriteLine(json, line); break;
            case BarTrace bar: WriteBar(json, figure, bar); break;
            case HeatmapTrace heatmap: WriteHeatmap(json, heatmap); break;
            default: throw new NotSupportedException($"No plotly form for {trace.GetType().Name}.");
        }
        json.WriteEndObject();
    }

    private static void WriteLine(Utf8JsonWriter json, LineTrace line)
    {
        json.WriteString("type", "scatter");
        json.WriteString("mode", line.Markers ? "lines+markers" : "lines");
        json.WriteString("name", line.Name);
        Numbers(json, "x", line.X);
        Numbers(json, "y", line.Y);
        json.WriteStartObject("line");
        json.WriteString("color", line.Color);
        json.WriteString("dash", line.Dashed ? "dash" : "solid");
        json.WriteEndObject();
    }

    private static void WriteBar(Utf8JsonWriter json, Figure figure, BarTrace bar)
    {
        json.WriteString("type", "bar");
        json.WriteString("name", bar.Name);
        if (figure.X.Categories is { } categories)
        {
            json.WriteStartArray("x");
            foreach (double x in bar.X) json.WriteStringValue(categories[(int)x]);
            json.WriteEndArray();
        }
        else Numbers(json, "x", bar.X);
        Numbers(json, "y", bar.Y);
        if (bar.Widths is not null) Numbers(json, "width", bar.Widths);
        json.WriteStartObject("marker");
        json.WriteString("color", bar.Color);
        json.WriteStartObject("line");
        json.WriteString("color", Palette.Ink);
        json.WriteNumber("width", 0.5);
        json.WriteEndObject();
        json.WriteEndObject();
    }

    private static void WriteHeatmap(Utf8JsonWriter json, HeatmapTrace heatmap)
    {
        json.WriteString("type", "heatmap");
        json.WriteString("name", heatmap.Name);
        json.WriteStartArray("z");
        foreach (IReadOnlyList<int> row in heatmap.Z)
        {
            json.WriteStartArray();
            foreach (int level in row) json.WriteNumberValue(level);
            json.WriteEndArray();
        }
        json.WriteEndArray();
        json.WriteNumber("zmin", 0);
        json.WriteNumber("zmax", heatmap.Levels.Count - 1);
        // Discrete colours: level k owns the band [k/n, (k+1)/n] of the colour scale.
        json.WriteStartArray("colorscale");
        int n = heatmap.Levels.Count;
        for (int k = 0; k < n; k++)
            foreach (double edge in new[] { (double)k / n, (double)(k + 1) / n })
            {
                json.WriteStartArray();
                json.WriteNumberValue(edge);
                json.WriteStringValue(heatmap.Colors[k]);
                json.WriteEndArray();
            }
        json.WriteEndArray();
        json.WriteBoolean("showscale", false);
        json.WriteNumber("xgap", 1);
        json.WriteNumber("ygap", 1);
        if (heatmap.Text is { } text)
        {
            json.WriteStartArray("text");
            foreach (IReadOnlyList<string> row in text)
            {
                json.WriteStartArray();
                foreach (string cell in row) json.WriteStringValue(cell);
                json.WriteEndArray();
            }
            json.WriteEndArray();
            json.WriteString("hovertemplate", "%{text}<extra></extra>");
        }
        else json.WriteString("hovertemplate", "row %{y}, step %{x}: level %{z}<extra></extra>");
    }

    private static void WriteLayout(Utf8JsonWriter json, Figure figure)
    {
        json.WriteStartObject("layout");
        json.WriteStartObject("title");
        json.WriteString("text", figure.Title);
        json.WriteEndObject();
        WriteAxis(json, "xaxis", figure.X, SvgChart.XRange(figure));
        WriteAxis(json, "yaxis", figure.Y, SvgChart.YRange(figure));
        json.WriteString("barmode", figure.StackBars ? "stack" : "group");
        json.WriteNumber("bargap", 0.15);
        json.WriteBoolean("showlegend", figure.ShowLegend);
        json.WriteStartObject("legend");
        json.WriteString("orientation", "h");
        json.WriteString("yanchor", "top");
        json.WriteNumber("y", -0.3);
        json.WriteEndObject();
        json.WriteNumber("height", figure.Height);
        json.WriteStartObject("margin");
        json.WriteNumber("l", 64);
        json.WriteNumber("r", 16);
        json.WriteNumber("t", 48);
        json.WriteNumber("b", figure.ShowLegend ? 88 : 48);
        json.WriteEndObject();
        WriteMarkerLines(json, figure.Lines);
        json.WriteEndObject();
    }

    // Whole-number axes get the static chart's tick step, so plotly never labels epoch 1.5.
    private static void WriteAxis(Utf8JsonWriter json, string name, Axis axis, (double Min, double Max) range)
    {
        json.WriteStartObject(name);
        json.WriteStartObject("title");
        json.WriteString("text", axis.Title);
        json.WriteEndObject();
        if (axis.Categories is not null) json.WriteString("type", "category");
        else if (axis.TickLabels is { } labels)
        {
            json.WriteString("tickmode", "array");
            json.WriteStartArray("tickvals");
            for (int i = 0; i < labels.Count; i++) json.WriteNumberValue(i);
            json.WriteEndArray();
            json.WriteStartArray("ticktext");
            foreach (string label in labels) json.WriteStringValue(label);
            json.WriteEndArray();
        }
        else if (axis.Integer)
        {
            json.WriteNumber("tick0", 0);
            json.WriteNumber("dtick", SvgChart.TickStep(range.Min, range.Max, integer: true));
        }
        if (axis.Reversed) json.WriteString("autorange", "reversed");
        json.WriteBoolean("zeroline", false);
        json.WriteEndObject();
    }

    private static void WriteMarkerLines(Utf8JsonWriter json, IReadOnlyList<MarkerLine> lines)
    {
        json.WriteStartArray("shapes");
        foreach (MarkerLine line in lines)
        {
            json.WriteStartObject();
            json.WriteString("type", "line");
            json.WriteString("xref", "x");
            json.WriteString("yref", "paper");
            json.WriteNumber("x0", line.X);
            json.WriteNumber("x1", line.X);
            json.WriteNumber("y0", 0);
            json.WriteNumber("y1", 1);
            json.WriteStartObject("line");
            json.WriteString("color", line.Color);
            json.WriteString("dash", "dash");
            json.WriteNumber("width", 2);
            json.WriteEndObject();
            json.WriteEndObject();
        }
        json.WriteEndArray();
        json.WriteStartArray("annotations");
        for (int i = 0; i < lines.Count; i++)
        {
            MarkerLine line = lines[i];
            json.WriteStartObject();
            json.WriteString("xref", "x");
            json.WriteString("yref", "paper");
            json.WriteNumber("x", line.X);
            json.WriteNumber("y", 1);
            json.WriteString("yanchor", "bottom");
            json.WriteNumber("yshift", 14 * i);
            json.WriteString("text", line.Label);
            json.WriteBoolean("showarrow", false);
            json.WriteStartObject("font");
            json.WriteString("color", line.Color);
            json.WriteEndObject();
            json.WriteEndObject();
        }
        json.WriteEndArray();
    }

    private static void Numbers(Utf8JsonWriter json, string name, IReadOnlyList<double> values)
    {
        json.WriteStartArray(name);
        foreach (double value in values)
            if (double.IsFinite(value)) json.WriteNumberValue(value);
            else json.WriteNullValue();
        json.WriteEndArray();
    }
}
