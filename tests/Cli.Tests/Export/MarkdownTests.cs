using NotebookRnn.Cli.Export;

namespace NotebookRnn.Cli.Tests.Export;

public class MarkdownTests
{
    [Fact]
    public void Headings_paragraphs_and_inline_markup_become_html()
    {
        string html = Markdown.ToHtml("# Title\n\nSome **strong** and *emphasised* words,\n`code <T>` and a [link](https://example.org/a?b=1).\n\n## Next");
        Assert.Equal(
            "<h1>Title</h1>\n" +
            "<p>Some <strong>strong</strong> and <em>emphasised</em> words, <code>code &lt;T&gt;</code> and a " +
            "<a href=\"https://example.org/a?b=1\">link</a>.</p>\n" +
            "<h2>Next</h2>\n",
            html);
    }

    [Fact]
    public void Lists_keep_continuation_lines_and_blank_lines_between_items()
    {
        string html = Markdown.ToHtml("1. first\n2. second,\n   continued\n\n3. third\n\n- a\n- b");
        Assert.Equal("<ol>\n<li>first</li>\n<li>second, continued</li>\n<li>third</li>\n</ol>\n<ul>\n<li>a</li>\n<li>b</li>\n</ul>\n", html);
    }

    [Fact]
    public void Fenced_code_and_quotes_are_kept_apart_and_escaped()
    {
        string html = Markdown.ToHtml("```csharp\nif (a < b) { }\n```\n> quoted *text*");
        Assert.Equal("<pre><code class=\"language-csharp\">if (a &lt; b) { }\n</code></pre>\n<blockquote><p>quoted <em>text</em></p></blockquote>\n", html);
    }

    [Fact]
    public void Raw_html_and_underscores_inside_words_stay_text() =>
        Assert.Equal("<p>&lt;script&gt;x&lt;/script&gt; snake_case_name and <em>emphasis</em></p>\n",
            Markdown.ToHtml("<script>x</script> snake_case_name and _emphasis_"));
}
