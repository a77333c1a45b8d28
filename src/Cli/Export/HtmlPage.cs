using System.Net;
using System.Text;
using Markdig;
using Microsoft.DotNet.Interactive.Documents;
using NotebookRnn.Notebook;

namespace NotebookRnn.Cli.Export;

/// <summary>
/// An executed notebook as one standalone HTML page: its title, the Markdown cells rendered (Markdig, GitHub-flavoured),
/// each code cell's source and its outputs in the richest form (<c>text/html</c>, then <c>image/svg+xml</c>, then
/// <c>text/markdown</c>, then <c>text/plain</c>), errors in red. With plotly.js given, it is embedded in the page, so
/// the charts draw offline; without it, each chart's own loader fetches plotly.js from the CDN and the SVG beside each
/// chart shows until it has drawn.
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

    private static readonly MarkdownPipeline Markdown = new MarkdownPipelineBuilder().UseAdvancedExtensions().Build();

    /// <summary>The page of <paramref name="notebook"/>.</summary>
    /// <param name="notebook">The executed notebook.</param>
    /// <param name="fallbackTitle">The title when the notebook has no heading (its file name).</param>
    /// <param name="plotlyScript">plotly.js to embed, or null to leave loading it to the charts.</param>
    public static string Render(InteractiveDocument notebook, string fallbackTitle, string? plotlyScript)
    {
        var html = new StringBuilder();
        html.Append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n");
        html.Append("<title>").Append(WebUtility.HtmlEncode(Title(notebook, fallbackTitle))).Append("</title>\n");
        html.Append("<link rel=\"icon\" href=\"data:,\">\n<style>").Append(Style).Append("</style>\n");
        if (plotlyScript is not null)
            html.Append("<script type=\"text/javascript\">").Append(plotlyScript.Replace("</script", "<\\/script", StringComparison.OrdinalIgnoreCase)).Append("</script>\n");
        html.Append("</head>\n<body>\n");
        foreach (InteractiveDocumentElement cell in notebook.Elements) Cell(html, cell);
        html.Append("</body>\n</html>\n");
        return html.ToString();
    }

    /// <summary>The text of the first Markdown heading of level 1, or <paramref name="fallback"/>.</summary>
    public static string Title(InteractiveDocument notebook, string fallback) =>
        notebook.Elements.Where(c => c.KernelName == "markdown")
            .SelectMany(c => c.Contents.Split('\n'))
            .Select(line => line.Trim())
            .FirstOrDefault(line => line.StartsWith("# ", StringComparison.Ordinal))?[2..].Trim() ?? fallback;

    private static void Cell(StringBuilder html, InteractiveDocumentElement cell)
    {
        if (cell.KernelName == "markdown")
        {
            html.Append("<div class=\"cell markdown\">\n").Append(Markdig.Markdown.ToHtml(cell.Contents, Markdown)).Append("</div>\n");
            return;
        }
        string count = cell.ExecutionOrder > 0 ? cell.ExecutionOrder.ToString(System.Globalization.CultureInfo.InvariantCulture) : " ";
        html.Append("<div class=\"cell code\">\n<div class=\"prompt\">In [").Append(count).Append("]:</div>\n");
        html.Append("<pre class=\"source\"><code>").Append(WebUtility.HtmlEncode(cell.Contents)).Append("</code></pre>\n");
        foreach (InteractiveDocumentOutputElement output in cell.Outputs) Output(html, output);
        html.Append("</div>\n");
    }

    private static void Output(StringBuilder html, InteractiveDocumentOutputElement output)
    {
        switch (output)
        {
            case TextElement stream:
                html.Append($"<div class=\"output {stream.Name}\"><pre>").Append(WebUtility.HtmlEncode(stream.Text)).Append("</pre></div>\n");
                break;
            case ErrorElement error:
                html.Append("<div class=\"output error\"><pre>")
                    .Append(WebUtility.HtmlEncode($"{error.ErrorName}: {error.ErrorValue}\n{string.Join("\n", error.StackTrace)}")).Append("</pre></div>\n");
                break;
            case DisplayElement display:
                html.Append("<div class=\"output display\">").Append(Richest(display.Data)).Append("</div>\n");
                break;
            case ReturnValueElement result:
                html.Append("<div class=\"output display\">").Append(Richest(result.Data)).Append("</div>\n");
                break;
        }
    }

    /// <summary>The richest form of a display as HTML: its HTML, its SVG inline, its Markdown rendered, or its text escaped.</summary>
    internal static string Richest(IDictionary<string, object> data) =>
        Text(data, MimeTypes.Html)
        ?? Text(data, MimeTypes.Svg)
        ?? (Text(data, "text/markdown") is { } markdown ? Markdig.Markdown.ToHtml(markdown, Markdown) : null)
        ?? (Text(data, MimeTypes.PlainText) is { } text ? $"<pre>{WebUtility.HtmlEncode(text)}</pre>" : "");

    /// <summary>The form <paramref name="mimeType"/> of a display's data as one string (nbformat may split it into lines).</summary>
    internal static string? Text(IDictionary<string, object> data, string mimeType) =>
        data.TryGetValue(mimeType, out object? value) ? value switch
        {
            string text => text,
            IEnumerable<object> lines => string.Concat(lines),
            System.Text.Json.JsonElement { ValueKind: System.Text.Json.JsonValueKind.Array } array => string.Concat(array.EnumerateArray().Select(l => l.GetString())),
            System.Text.Json.JsonElement element => element.GetString(),
            _ => value?.ToString(),
        } : null;
}
