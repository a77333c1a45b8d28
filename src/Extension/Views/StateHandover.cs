using NotebookRnn.Notebook.Charts;

namespace NotebookRnn.Notebook.Views;

/// <summary>
/// The handover of an encoder–decoder in an unroll graph: the encoder's final states leave its last step (the right end
/// of its row) and enter the decoder's first step (the row below) where h₀ would be, on an orange arrow labelled with
/// the states, e.g. <c>(h, c)</c>.
/// </summary>
internal static class StateHandover
{
    /// <summary>The colour of states handed from layer to layer, as in the model graph.</summary>
    public const string Color = "#d95f02";

    private const double Radius = 12, Elbow = 14, LabelGap = 6;

    /// <summary>How far right the handover into row <paramref name="row"/> reaches: the row above's cells, the elbow and the label.</summary>
    public static double Right(UnrollLayout layout, int row, string states) =>
        layout.CellsRight(row - 1) + Elbow + LabelGap + Legibility.TextWidth(Label(states), SvgWriter.DefaultFontSize, bold: true);

    private static string Label(string states) => $"({states})";

    /// <summary>
    /// Draws the arrow from row <paramref name="row"/> − 1's last column to row <paramref name="row"/>'s initial state.
    /// <paramref name="rowTop"/> gives a row's top; <paramref name="cellsTop"/> and <paramref name="cellHeight"/> place the cells within a row.
    /// </summary>
    public static void Draw(SvgWriter svg, UnrollLayout layout, int row, string states, bool decoderUnrolled, Func<int, double> rowTop,
        double cellsTop, double cellHeight)
    {
        double fromX = layout.CellsRight(row - 1), fromY = rowTop(row - 1) + cellsTop + cellHeight / 2;
        double toTop = rowTop(row) + cellsTop;
        // An unrolled decoder starts from a state node left of its first cell; a loop node takes the states at its top right.
        double toX = decoderUnrolled ? UnrollLayout.CellsLeft - 32 : 120, toY = decoderUnrolled ? toTop + cellHeight / 2 - Radius : toTop;
        double laneY = toTop - 10, elbowX = fromX + Elbow;
        svg.BeginGroup("nbrnn-state-handover", $"({states})");
        svg.Path($"M {SvgWriter.C(fromX + 1)} {SvgWriter.C(fromY)} L {SvgWriter.C(elbowX)} {SvgWriter.C(fromY)} " +
                 $"L {SvgWriter.C(elbowX)} {SvgWriter.C(laneY)} L {SvgWriter.C(toX)} {SvgWriter.C(laneY)} L {SvgWriter.C(toX)} {SvgWriter.C(toY - 1)}",
            Color, 2, arrow: true);
        svg.Text(elbowX + LabelGap, fromY + 30, Label(states), fill: Color, bold: true, cssClass: "nbrnn-state-label");
        if (decoderUnrolled)
        {
            svg.Circle(toX, toTop + cellHeight / 2, Radius, "#fdd0a2");
            svg.Text(toX, toTop + cellHeight / 2 + 4, states.Replace(" ", ""), "middle");
        }
        svg.EndGroup();
    }
}
