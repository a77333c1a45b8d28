namespace NotebookRnn.Notebook.Charts;

/// <summary>
/// A short message as a small SVG: the static form of a chart or diagram that has nothing to draw yet (a layer that has
/// not run a batch, a run without batches), so that a view keeps the same forms whatever its state.
/// </summary>
internal static class SvgNote
{
    private const double Width = 640, LineHeight = 16, Margin = 12;
    private const int CharactersPerLine = 92;

    /// <summary>The message, wrapped at word boundaries, in a bordered box.</summary>
    public static string Render(string message)
    {
        IReadOnlyList<string> lines = Wrap(message);
        var svg = new SvgWriter(Width, 2 * Margin + lines.Count * LineHeight, "nbrnn-svg-note");
        svg.Rect(0.5, 0.5, Width - 1, 2 * Margin + lines.Count * LineHeight - 1, "#ffffff", Palette.Grid);
        for (int i = 0; i < lines.Count; i++)
            svg.Text(Margin, Margin + (i + 0.8) * LineHeight, lines[i], size: 12, fill: Palette.Ink);
        return svg.Finish();
    }

    private static IReadOnlyList<string> Wrap(string message)
    {
        var lines = new List<string>();
        var line = new System.Text.StringBuilder();
        foreach (string word in message.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            if (line.Length > 0 && line.Length + 1 + word.Length > CharactersPerLine)
            {
                lines.Add(line.ToString());
                line.Clear();
            }
            line.Append(line.Length > 0 ? " " : "").Append(word);
        }
        if (line.Length > 0) lines.Add(line.ToString());
        return lines;
    }
}
