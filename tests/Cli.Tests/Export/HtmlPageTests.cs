using Microsoft.DotNet.Interactive.Documents;
using NotebookRnn.Cli.Export;

namespace NotebookRnn.Cli.Tests.Export;

public class HtmlPageTests
{
    private static InteractiveDocument Executed()
    {
        var code = new InteractiveDocumentElement("display(x);", "csharp") { ExecutionOrder = 7 };
        code.Outputs.Add(new TextElement("a < b\n", "stdout"));
        code.Outputs.Add(new DisplayElement(new Dictionary<string, object> { ["text/html"] = "<div class=\"chart\"></div>", ["text/plain"] = "chart" }));
        code.Outputs.Add(new DisplayElement(new Dictionary<string, object> { ["image/svg+xml"] = "<svg class=\"only\"></svg>", ["text/plain"] = "svg" }));
        code.Outputs.Add(new DisplayElement(new Dictionary<string, object> { ["text/markdown"] = "Use `#!rnn-live`." }));
        code.Outputs.Add(new DisplayElement(new Dictionary<string, object> { ["text/plain"] = "<text>" }));
        code.Outputs.Add(new ErrorElement("bad", "InvalidOperationException", ["at cell 2"]));
        return new InteractiveDocument([new InteractiveDocumentElement("# The *title*\n\n| a | b |\n|---|---|\n| 1 | 2 |", "markdown"), code]);
    }

    [Fact]
    public void Each_output_is_shown_in_its_richest_form()
    {
        string html = HtmlPage.Render(Executed(), "fallback", plotlyScript: null);
        Assert.Contains("<div class=\"output stdout\"><pre>a &lt; b\n</pre></div>", html);
        Assert.Contains("<div class=\"output display\"><div class=\"chart\"></div></div>", html);
        Assert.Contains("<div class=\"output display\"><svg class=\"only\"></svg></div>", html);
        Assert.Contains("<div class=\"output display\"><p>Use <code>#!rnn-live</code>.</p>\n</div>", html);
        Assert.Contains("<div class=\"output display\"><pre>&lt;text&gt;</pre></div>", html);
        Assert.Contains("<div class=\"output error\"><pre>InvalidOperationException: bad\nat cell 2</pre></div>", html);
        Assert.Contains("<div class=\"prompt\">In [7]:</div>", html);
        Assert.Contains("<pre class=\"source\"><code>display(x);</code></pre>", html);
    }

    [Fact]
    public void The_title_is_the_first_heading_and_markdown_is_rendered_with_tables()
    {
        string html = HtmlPage.Render(Executed(), "fallback", plotlyScript: null);
        Assert.Contains("<title>The *title*</title>", html);
        Assert.Contains("<h1 id=\"the-title\">The <em>title</em></h1>", html);
        Assert.Contains("<table>", html);
        Assert.Equal("fallback", HtmlPage.Title(new InteractiveDocument([]), "fallback"));
    }

    [Fact]
    public void Plotly_is_embedded_in_the_head_when_given_and_cannot_close_its_script_tag()
    {
        string html = HtmlPage.Render(Executed(), "t", plotlyScript: "window.Plotly = {}; var s = '</script>';");
        int head = html.IndexOf("</head>", StringComparison.Ordinal);
        int script = html.IndexOf("window.Plotly = {};", StringComparison.Ordinal);
        Assert.InRange(script, 0, head);
        Assert.Contains("var s = '<\\/script>';", html);
        Assert.DoesNotContain("window.Plotly", HtmlPage.Render(Executed(), "t", plotlyScript: null));
    }
}
