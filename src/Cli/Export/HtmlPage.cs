using System.Net;
using System.Text;
using NotebookRnn.Cli.Notebooks;
using NotebookRnn.Notebook;

namespace NotebookRnn.Cli.Export;

/// <summary>
/// An executed notebook as one standalone HTML page: its title, the Markdown cells rendered, each code cell's source
/// and its outputs in the richest form (<c>text/html</c>, then <c>image/svg+xml</c>, then <c>text/plain</c>), errors in red.
/// With plotly.js given, it is embedded in the page, so the charts draw offline; without it, each chart's own loader
/// fetches plotly.js from the CDN and the SVG beside each chart shows until it has drawn.
/// </summary>
internal static class HtmlPage
{
    private const string Style = """
        body{font-family:Helvetica,Arial,sans-serif;max-width:1100px;margin:24px auto;padding:0 16px;color:#222;line-height:1.45}
        .cell{margin:14px 0}.markdown code,.source code{font-family:Menlo,Consolas,monospace;font-size:13px}
        .markdown code{background:#f3f3f3;padding:1px 3px;border-radius:3px}
        .source{background:#f7f7f9;border:1px solid #e1e1e8;border-radius:4px;padding:8px 10px;margin:0;overflow-x:auto}
        .prompt{color:#888;font:12px Menlo,Consolas,monospace;margin-bottom:2px}
        .output{margin:6px 0 6px 12px;overflow-x:auto}.output pre{margin:0;font:12.5px Menlo,Consolas,monospace;white-space:pre-wrap}
        .stderr pre{color:#a55}.error pre{color:#b00;background:#fdecec;padding:6px}
        pre code{white-space:pre}
        """;

    /// <summary>The page of <paramref name="notebook"/>.</summary>
    /// <param name="notebook">The executed notebook.</param>
    /// <param name="fallbackTitle">The title when the notebook has no heading (its file name).</param>
    /// <param name="plotlyScript">plotly.js to embed, or null to leave loading it to the charts.</param>
    public static string Render(JupyterNotebook notebook, string fallbackTitle, string? plotlyScript)
    {
        var html = new StringBuilder();
        html.Append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n");
        html.Append("<title>").Append(WebUtility.HtmlEncode(Title(notebook, fallbackTitle))).Append("</title>\n");
        html.Append("<link rel=\"icon\" href=\"data:,\">\n<style>").Append(Style).Append("</style>\n");
        if (plotlyScript is not null)
            html.Append("<script type=\"text/javascript\">").Append(plotlyScript.Replace("</script", "<\\/script", StringComparison.OrdinalIgnoreCase)).Append("</script>\n");
        html.Append("</head>\n<body>\n");
        foreach (NotebookCell cell in notebook.Cells) Cell(html, cell);
        html.Append("</body>\n</html>\n");
        return html.ToString();
    }

    /// <summary>The text of the first Markdown heading, or <paramref name="fallback"/>.</summary>
    public static string Title(JupyterNotebook notebook, string fallback) =>
        notebook.Cells.Where(c => c.CellType == "markdown")
            .SelectMany(c => c.Source.Split('\n'))
            .Select(line => line.Trim())
            .FirstOrDefault(line => line.StartsWith("# ", StringComparison.Ordinal))?[2..].Trim() ?? fallback;

    private static void Cell(StringBuilder html, NotebookCell cell)
    {
        switch (cell.CellType)
        {
            case "markdown":
                html.Append("<div class=\"cell markdown\">\n").Append(Markdown.ToHtml(cell.Source)).Append("</div>\n");
                break;
            case "code":
                html.Append("<div class=\"cell code\">\n<div class=\"prompt\">In [").Append(cell.ExecutionCount?.ToString() ?? " ").Append("]:</div>\n");
                html.Append("<pre class=\"source\"><code>").Append(WebUtility.HtmlEncode(cell.Source)).Append("</code></pre>\n");
                foreach (CellOutput output in cell.Outputs) Output(html, output);
                html.Append("</div>\n");
                break;
            default:
                html.Append("<div class=\"cell raw\"><pre>").Append(WebUtility.HtmlEncode(cell.Source)).Append("</pre></div>\n");
                break;
        }
    }

    private static void Output(StringBuilder html, CellOutput output)
    {
        switch (output)
        {
            case StreamOutput stream:
                html.Append($"<div class=\"output {stream.Name}\"><pre>").Append(WebUtility.HtmlEncode(stream.Text)).Append("</pre></div>\n");
                break;
            case ErrorOutput error:
                html.Append("<div class=\"output error\"><pre>")
                    .Append(WebUtility.HtmlEncode($"{error.Name}: {error.Value}\n{string.Join("\n", error.Traceback)}")).Append("</pre></div>\n");
                break;
            case DisplayOutput display:
                html.Append("<div class=\"output display\">").Append(Richest(display)).Append("</div>\n");
                break;
        }
    }

    /// <summary>The richest form of a display as HTML: its HTML, its SVG inline, or its text escaped.</summary>
    internal static string Richest(DisplayOutput display) =>
        display.Text(MimeTypes.Html)
        ?? display.Text(MimeTypes.Svg)
        ?? (display.Text(MimeTypes.PlainText) is { } text ? $"<pre>{WebUtility.HtmlEncode(text)}</pre>" : "");
}
