namespace NotebookRnn.Notebook;

/// <summary>The MIME types our renderers produce, richest first.</summary>
public static class MimeTypes
{
    /// <summary><c>text/html</c>: the interactive form (plotly.js charts, tables), with the SVG inside as fallback.</summary>
    public const string Html = "text/html";

    /// <summary><c>image/svg+xml</c>: the static form, for nbconvert, GitHub and offline pages.</summary>
    public const string Svg = "image/svg+xml";

    /// <summary><c>text/plain</c>: the console form.</summary>
    public const string PlainText = "text/plain";

    /// <summary>All three, in order of preference.</summary>
    public static IReadOnlyList<string> All { get; } = [Html, Svg, PlainText];
}
