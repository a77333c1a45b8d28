namespace NotebookRnn.Notebook.Charts;

/// <summary>
/// How wide a static SVG diagram may be drawn so that its smallest text is still <see cref="MinTextHeight"/> px tall
/// after a notebook scales it to its output area: <c>SmallestFontSize × min(1, OutputWidth / width) ≥ MinTextHeight</c>,
/// which holds for every width up to <see cref="MaxWidth"/>.
/// </summary>
/// <remarks>
/// Notebook front ends shrink a wider diagram to the output area (<c>max-width: 100%; height: auto</c> on
/// <c>img</c> and <c>svg</c>), and its text shrinks with it. The output area of a 1,280 px window is about 985 px in
/// classic Jupyter (a 1,140 px container less its 15 px padding, the cell's 6 px padding and borders, the 14ex
/// prompt column and the 0.4em subarea padding), 1,138 px (HTML) and 1,158 px (SVG) in nbconvert's lab template
/// (measured in Chromium), and 1,088 px on <c>nbrnn run</c>'s page (1,100 px body less the output's 12 px indent,
/// which scrolls rather than shrinks). The narrowest, rounded down, is <see cref="OutputWidth"/>.
/// </remarks>
internal static class Legibility
{
    /// <summary>The narrowest output area a diagram is drawn for: classic Jupyter's at a 1,280 px window, in CSS px.</summary>
    public const double OutputWidth = 980;

    /// <summary>The least height, in CSS px, of a diagram's text as the page shows it.</summary>
    public const double MinTextHeight = 10;

    /// <summary>The smallest font size a diagram uses, in SVG user units (CSS px at natural size).</summary>
    public const double SmallestFontSize = 11;

    /// <summary>
    /// The widest a diagram may be: shrunk from this to <see cref="OutputWidth"/>, text of
    /// <see cref="SmallestFontSize"/> is <see cref="MinTextHeight"/> px tall. 980 × 11 / 10 = 1,078.
    /// </summary>
    public const double MaxWidth = OutputWidth * SmallestFontSize / MinTextHeight;

    // Helvetica's advances (its AFM metrics, shared by Arial and Liberation Sans) in em, in groups; bold is up to 8 %
    // wider. The 15 % on top covers the fallback DejaVu Sans, up to 14 % wider, so an estimate never clips text.
    private const double Allowance = 1.15, BoldFactor = 1.08;

    /// <summary>
    /// An upper estimate of the width of <paramref name="text"/> at <paramref name="size"/>: Helvetica's advance of each
    /// character (0.56 em for a digit), bold 8 % wider, plus 15 %.
    /// </summary>
    public static double TextWidth(string text, double size, bool bold = false) =>
        text.Sum(Advance) * size * Allowance * (bold ? BoldFactor : 1);

    /// <summary><paramref name="text"/>, cut and ended with "…" when its estimated width exceeds <paramref name="width"/>.</summary>
    public static string Fit(string text, double size, double width, bool bold = false)
    {
        if (TextWidth(text, size, bold) <= width) return text;
        int keep = text.Length;
        while (keep > 0 && TextWidth(text[..keep] + "…", size, bold) > width) keep--;
        if (keep > 0 && char.IsHighSurrogate(text[keep - 1])) keep--;
        return text[..keep].TrimEnd() + "…";
    }

    private static double Advance(char c) => c switch
    {
        'i' or 'j' or 'l' or '\'' or '|' => 0.23,
        ' ' or '.' or ',' or ':' or ';' or '!' or 'f' or 't' or 'I' or '·' => 0.28,
        'r' or '(' or ')' or '[' or ']' or '-' => 0.34,
        'c' or 'k' or 's' or 'v' or 'x' or 'y' or 'z' or 'J' => 0.5,
        'w' or 'C' or 'D' or 'G' or 'H' or 'N' or 'O' or 'Q' or 'R' or 'U' => 0.72,
        'm' or 'M' => 0.83,
        'W' or '…' or '—' or '⋯' or '@' => 1.0,
        >= 'A' and <= 'Z' => 0.67,
        _ => 0.56,
    };
}
