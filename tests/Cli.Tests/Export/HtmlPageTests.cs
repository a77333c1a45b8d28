using NotebookRnn.Cli.Export;
using NotebookRnn.Cli.Notebooks;
using NotebookRnn.Notebook;

namespace NotebookRnn.Cli.Tests.Export;

public class HtmlPageTests
{
    private static JupyterNotebook Executed()
    {
        var code = new NotebookCell("code", "display(x);") { ExecutionCount = 7 };
        code.Outputs.Add(new StreamOutput("stdout", "a < b\n"));
        code.Outputs.Add(DisplayOutput.FromBundle(new MimeBundle().Add(MimeTypes.Html, "<div class=\"chart\"></div>").Add(MimeTypes.PlainText, "chart")));
        code.Outputs.Add(DisplayOutput.FromBundle(new MimeBundle().Add(MimeTypes.Svg, "<svg class=\"only\"></svg>").Add(MimeTypes.PlainText, "svg")));
        code.Outputs.Add(DisplayOutput.FromBundle(new MimeBundle().Add(MimeTypes.PlainText, "<text>")));
        code.Outputs.Add(new ErrorOutput("InvalidOperationException", "bad", ["at cell 2"]));
        return new JupyterNotebook([new NotebookCell("markdown", "# The *title*\n\nProse."), code]);
    }

    [Fact]
    public void Each_output_is_shown_in_its_richest_form()
    {
        string html = HtmlPage.Render(Executed(), "fallback", plotlyScript: null);
        Assert.Contains("<div class=\"output stdout\"><pre>a &lt; b\n</pre></div>", html);
        Assert.Contains("<div class=\"output display\"><div class=\"chart\"></div></div>", html);
        Assert.Contains("<div class=\"output display\"><svg class=\"only\"></svg></div>", html);
        Assert.Contains("<div class=\"output display\"><pre>&lt;text&gt;</pre></div>", html);
        Assert.Contains("<div class=\"output error\"><pre>InvalidOperationException: bad\nat cell 2</pre></div>", html);
        Assert.Contains("<div class=\"prompt\">In [7]:</div>", html);
        Assert.Contains("<pre class=\"source\"><code>display(x);</code></pre>", html);
    }

    [Fact]
    public void The_title_is_the_first_heading_and_markdown_is_rendered()
    {
        string html = HtmlPage.Render(Executed(), "fallback", plotlyScript: null);
        Assert.Contains("<title>The *title*</title>", html);
        Assert.Contains("<h1>The <em>title</em></h1>", html);
        Assert.Equal("fallback", HtmlPage.Title(new JupyterNotebook([]), "fallback"));
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
