using System.Text;
using NotebookRnn.Layers.Functional;
using NotebookRnn.Layers.Recurrent;
using NotebookRnn.Layers.Wrappers;
using NotebookRnn.Models;
using NotebookRnn.Notebook.Charts;
using NotebookRnn.Tensors;

namespace NotebookRnn.Notebook.Views;

/// <summary>
/// The graph of a model drawn inline as SVG (Keras's <c>plot_model</c> with <c>show_shapes</c>, no external tool): a
/// box per layer call with its name, type and input and output shapes, inputs on top (<see cref="GraphLayout"/>), an
/// arrow per tensor a call takes. An arrow carrying a mask is dashed; one handing a recurrent state into an
/// <c>initialState</c> is orange and labelled with the state (h, c); a legend says so.
/// </summary>
internal static class ModelGraphView
{
    private const double TitleSize = 14, TextSize = SvgWriter.DefaultFontSize, MinBoxWidth = 150, MaxBoxWidth = 320, Padding = 8;
    private const double LegendHeight = 40;
    private const string MaskDash = "6 4", StateColor = "#d95f02";

    /// <summary>The graph of <paramref name="model"/>, or a note when a Sequential model is not built yet.</summary>
    public static MimeBundle Render(Model model)
    {
        if (model.IsBuilt) return Render(ModelGraph.Of(model));
        string note = $"Model \"{model.Name}\" is not built yet, so its calls have no shapes to draw: give its first layer an inputShape, " +
                      "call Build(inputShape), or call Fit/Predict with data.";
        return new MimeBundle()
            .Add(MimeTypes.Html, new ViewHtml("graph", $"Model graph: \"{model.Name}\"").Paragraph(note).Finish())
            .Add(MimeTypes.Svg, SvgNote.Render(note))
            .Add(MimeTypes.PlainText, note + "\n");
    }

    /// <summary>The graph drawn: SVG, HTML (the SVG and any warning) and text (calls and edges).</summary>
    public static MimeBundle Render(ModelGraph graph)
    {
        string svg = Svg(graph);
        var html = new ViewHtml("graph", $"Model graph: \"{graph.ModelName}\"").Paragraph(Counts(graph));
        foreach (string warning in Warnings(graph)) html.Paragraph(warning, note: true);
        html.Raw("<div class=\"nbrnn-diagram\">" + svg + "</div>");
        return new MimeBundle()
            .Add(MimeTypes.Html, html.Finish())
            .Add(MimeTypes.Svg, svg)
            .Add(MimeTypes.PlainText, Text(graph));
    }

    private static string Counts(ModelGraph graph) =>
        $"{Format.Plural(graph.Calls.Count, "call")} ({Format.Plural(graph.Calls.Count(c => c.Layer is InputLayer), "input")}), " +
        $"{Format.Plural(graph.Edges.Count, "edge")}: {graph.Edges.Count(e => e.Kind == EdgeKind.Mask)} with a mask, " +
        $"{graph.Edges.Count(e => e.Kind == EdgeKind.State)} handing a recurrent state over.";

    private static IEnumerable<string> Warnings(ModelGraph graph) =>
        graph.Calls.Where(c => c.RejectsMask).Select(c =>
            $"Layer '{c.Layer.Name}' ({c.Layer.GetType().Name}) does not support masking, but a mask reaches it: the model fails there. " +
            "Consume the mask first, e.g. with a recurrent layer.");

    // The three lines of a box: its title, what it takes and what it makes.
    private static string[] Lines(GraphCall call) =>
    [
        call.Title,
        call.Layer is InputLayer input ? $"input, {input.DType}" : "in: " + Shapes(call.InputShapes),
        "out: " + Shapes(call.OutputShapes),
    ];

    private static string Shapes(IReadOnlyList<int?[]> shapes) => string.Join(", ", shapes.Select(s => Tensor.ShapeText([null, .. s])));

    private static string Svg(ModelGraph graph)
    {
        string[][] lines = [.. graph.Calls.Select(call => Lines(call).Select((l, i) => Legibility.Fit(l, TextSize, MaxBoxWidth - 2 * Padding, bold: i == 0)).ToArray())];
        double[] widths = [.. lines.Select(l => Math.Max(MinBoxWidth, l.Select((t, i) => Legibility.TextWidth(t, TextSize, bold: i == 0)).Max() + 2 * Padding))];
        var layout = new GraphLayout(graph, widths);
        string title = $"Model graph: \"{graph.ModelName}\"";
        double width = Math.Max(layout.Width, GraphLayout.Margin * 2 + Math.Max(Legibility.TextWidth(title, TitleSize, bold: true), LegendWidth));
        var svg = new SvgWriter(width, layout.Height + LegendHeight, "nbrnn-model-graph");
        svg.ArrowMarker(Palette.Ink);
        svg.Text(GraphLayout.Margin, 22, title, size: TitleSize, bold: true);
        svg.Text(GraphLayout.Margin, 40, Counts(graph), fill: "#666666");
        for (int e = 0; e < graph.Edges.Count; e++) DrawEdge(svg, graph, layout, e);
        for (int c = 0; c < graph.Calls.Count; c++) DrawCall(svg, graph, layout, c, lines[c]);
        DrawLegend(svg, layout.Height + LegendHeight - 14);
        return svg.Finish();
    }

    private static void DrawCall(SvgWriter svg, ModelGraph graph, GraphLayout layout, int c, string[] lines)
    {
        GraphCall call = graph.Calls[c];
        string classes = "nbrnn-graph-call" + (call.Layer is InputLayer ? " nbrnn-graph-input" : "") +
                         (graph.OutputCalls.Contains(c) ? " nbrnn-graph-output" : "") + (call.CallCount > 1 ? " nbrnn-graph-shared" : "") +
                         (call.RejectsMask ? " nbrnn-graph-rejects-mask" : "");
        double x = layout.Left(c), y = layout.TopOf(c), w = layout.WidthOf(c);
        svg.BeginGroup(classes, call.Title);
        string fill = call.Layer switch { InputLayer => "#eeeeee", RecurrentLayer or Bidirectional => "#fdebd0", _ => "#deebf7" };
        string stroke = call.RejectsMask ? Palette.Truncated : Palette.Ink;
        svg.Rect(x, y, w, GraphLayout.BoxHeight, fill, stroke, radius: 5,
            title: call.RejectsMask ? "a mask reaches this layer, which does not support masking" : null);
        if (graph.OutputCalls.Contains(c)) svg.Rect(x - 3, y - 3, w + 6, GraphLayout.BoxHeight + 6, "none", stroke, radius: 7);
        svg.Text(x + w / 2, y + 17, lines[0], "middle", bold: true);
        svg.Text(x + w / 2, y + 34, lines[1], "middle");
        svg.Text(x + w / 2, y + 50, lines[2], "middle");
        svg.EndGroup();
    }

    private static void DrawEdge(SvgWriter svg, ModelGraph graph, GraphLayout layout, int index)
    {
        GraphEdge edge = graph.Edges[index];
        IReadOnlyList<(double X, double Y)> route = layout.Route(index, edge, graph.Calls[edge.From].OutputShapes.Count, graph.Calls[edge.To].InputShapes.Count);
        string from = graph.Calls[edge.From].Name + (edge.Output > 0 ? $":{edge.Output}" : "");
        svg.BeginGroup("nbrnn-graph-edge nbrnn-edge-" + edge.Kind.ToString().ToLowerInvariant(), $"{from} → {graph.Calls[edge.To].Title}");
        bool state = edge.Kind == EdgeKind.State;
        svg.Path(PathData(route), state ? StateColor : Palette.Ink, state ? 2 : 1.2, arrow: true, dash: edge.Kind == EdgeKind.Mask ? MaskDash : null);
        // The state's name sits beside the edge just under the port it leaves, clear of the edges that cross lower down.
        var (x1, y1) = route[^2];
        if (state) svg.Text(x1 + 5, y1 + 14, edge.StateName!, fill: StateColor, bold: true, cssClass: "nbrnn-state-label");
        svg.EndGroup();
    }

    // Curves between ranks, straight down through the lanes of the ranks crossed (every second segment), the arrow
    // head ending on the target's top edge.
    private static string PathData(IReadOnlyList<(double X, double Y)> route)
    {
        var data = new StringBuilder($"M {SvgWriter.C(route[0].X)} {SvgWriter.C(route[0].Y)}");
        for (int i = 1; i < route.Count; i++)
        {
            var ((x1, y1), (x2, y2)) = (route[i - 1], route[i]);
            if (i == route.Count - 1) y2 -= 1;
            if (i % 2 == 0) data.Append($" L {SvgWriter.C(x2)} {SvgWriter.C(y2)}");
            else
            {
                double bend = Math.Max(20, (y2 - y1) / 2);
                data.Append($" C {SvgWriter.C(x1)} {SvgWriter.C(y1 + bend)} {SvgWriter.C(x2)} {SvgWriter.C(y2 - bend)} {SvgWriter.C(x2)} {SvgWriter.C(y2)}");
            }
        }
        return data.ToString();
    }

    private static readonly (string Stroke, string? Dash, string Label)[] LegendEntries =
    [
        (Palette.Ink, null, "tensor"),
        (Palette.Ink, MaskDash, "tensor with a mask"),
        (StateColor, null, "recurrent state (h, c) into an initialState"),
    ];

    private const double SwatchWidth = 26, SwatchToLabel = 5, LegendSpacing = 18;

    private static double LegendWidth =>
        LegendEntries.Sum(e => SwatchWidth + SwatchToLabel + Legibility.TextWidth(e.Label, TextSize) + LegendSpacing) - LegendSpacing;

    private static void DrawLegend(SvgWriter svg, double y)
    {
        svg.BeginGroup("nbrnn-legend");
        double x = GraphLayout.Margin;
        foreach (var (stroke, dash, label) in LegendEntries)
        {
            svg.Line(x, y - 4, x + SwatchWidth, y - 4, stroke, stroke == StateColor ? 2 : 1.2, dash);
            svg.Text(x + SwatchWidth + SwatchToLabel, y, label);
            x += SwatchWidth + SwatchToLabel + Legibility.TextWidth(label, TextSize) + LegendSpacing;
        }
        svg.EndGroup();
    }

    private static string Text(ModelGraph graph)
    {
        var text = new StringBuilder($"Model graph: \"{graph.ModelName}\"\n{Counts(graph)}\n");
        var layout = new GraphLayout(graph, [.. graph.Calls.Select(_ => MinBoxWidth)]);
        for (int r = 0; r < layout.RankOrder.Count; r++)
            foreach (int c in layout.RankOrder[r])
            {
                string[] lines = Lines(graph.Calls[c]);
                text.Append($"  rank {r}: {lines[0]}; {lines[1]}; {lines[2]}").Append(graph.Calls[c].MaskOut ? "; output masked" : "").Append('\n');
                foreach (GraphEdge edge in graph.Edges.Where(e => e.To == c))
                    text.Append($"    ← {graph.Calls[edge.From].Name}{(edge.Output > 0 ? $":{edge.Output}" : "")}").Append(edge.Kind switch
                    {
                        EdgeKind.Mask => " (with a mask)",
                        EdgeKind.State => $" (initial state {edge.StateName})",
                        _ => "",
                    }).Append('\n');
            }
        foreach (string warning in Warnings(graph)) text.Append(warning).Append('\n');
        return text.ToString();
    }
}
