using NotebookRnn.Layers.Attention;
using NotebookRnn.Notebook.Charts;

namespace NotebookRnn.Notebook.Views;

/// <summary>
/// An attention map drawn as a heatmap: one row per query step (first on top), one column per value step, each axis
/// labelled with its characters. Weights are binned into <see cref="Levels"/> (light → dark), because the charts'
/// heatmap is categorical and the SVG draws it with one colour per level; the exact weight of every cell is its hover
/// text, and the text form lists each query's strongest value step.
/// </summary>
internal static class AttentionMapView
{
    /// <summary>The upper edges of the levels: a weight w falls in the first level with w ≤ edge (the last takes the rest).</summary>
    internal static readonly float[] LevelEdges = [0.1f, 0.3f, 0.6f, 1f];

    /// <summary>The levels' legend names, matching <see cref="LevelEdges"/>.</summary>
    internal static readonly string[] Levels = ["0–10%", "10–30%", "30–60%", "60–100%"];

    /// <summary>The map as HTML (plotly heatmap), SVG and text.</summary>
    public static MimeBundle Render(AttentionMap map, RenderOptions options)
    {
        Figure figure = Heatmap(map);
        string html = new ViewHtml("attention", figure.Title)
            .Raw(ChartHtml.Render(figure, options))
            .Paragraph("Rows are query steps (what was written), columns value steps (what was read); darker = more attention. Hover a cell for its weight.", note: true)
            .Finish();
        return new MimeBundle()
            .Add(MimeTypes.Html, html)
            .Add(MimeTypes.Svg, SvgChart.Render(figure))
            .Add(MimeTypes.PlainText, map.ToString());
    }

    /// <summary>The heatmap: Z[i][j] is the level of the weight query step i pays to value step j.</summary>
    internal static Figure Heatmap(AttentionMap map)
    {
        string[] queries = [.. map.QueryLabels.Select(Visible)], values = [.. map.ValueLabels.Select(Visible)];
        var z = new List<IReadOnlyList<int>>(map.Queries);
        var text = new List<IReadOnlyList<string>>(map.Queries);
        for (int i = 0; i < map.Queries; i++)
        {
            z.Add([.. Enumerable.Range(0, map.Values).Select(j => Level(map.Weight(i, j)))]);
            text.Add([.. Enumerable.Range(0, map.Values).Select(j => $"{queries[i]} ← {values[j]}: {Format.Fixed(map.Weight(i, j), 3)}")]);
        }
        return new Figure($"Attention map: {Format.Plural(map.Queries, "query step")} × {Format.Plural(map.Values, "value step")}")
        {
            X = new Axis("value step (source)", TickLabels: values),
            Y = new Axis("query step (output)", Reversed: true, TickLabels: queries),
            Width = Math.Clamp(120 + 24 * map.Values, 360, 1000),
            Height = Math.Clamp(140 + 24 * map.Queries, 240, 800),
            Traces = { new HeatmapTrace("attention", z, Levels, Palette.WeightRamp, text) },
        };
    }

    /// <summary>The level of weight <paramref name="weight"/>: the first whose upper edge it does not exceed.</summary>
    /// <remarks>Compared in single precision, as the weights are stored, so that 0.3f falls in 10–30%.</remarks>
    internal static int Level(float weight)
    {
        for (int k = 0; k < LevelEdges.Length - 1; k++)
            if (weight <= LevelEdges[k]) return k;
        return LevelEdges.Length - 1;
    }

    // A space or a line break would leave an empty tick; show a visible sign instead.
    private static string Visible(string label) => label switch
    {
        " " => "␣",
        "\n" => "↵",
        "\t" => "⇥",
        "" => "∅",
        _ => label,
    };
}
