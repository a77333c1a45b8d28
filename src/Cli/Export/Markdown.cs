using System.Net;
using System.Text;
using System.Text.RegularExpressions;

namespace NotebookRnn.Cli.Export;

/// <summary>
/// The Markdown of notebook prose as HTML: ATX headings, paragraphs, bullet and numbered lists (an indented line
/// continues an item), fenced code blocks, block quotes, and inline code, <c>**strong**</c>, <c>*emphasis*</c>,
/// <c>_emphasis_</c> and <c>[links](url)</c>. Every other character is escaped, so raw HTML shows as text.
/// </summary>
internal static partial class Markdown
{
    /// <summary>The HTML of <paramref name="markdown"/>.</summary>
    public static string ToHtml(string markdown)
    {
        string[] lines = markdown.Replace("\r\n", "\n").Split('\n');
        var html = new StringBuilder();
        int i = 0;
        while (i < lines.Length)
        {
            string line = lines[i].Trim();
            if (line.Length == 0) i++;
            else if (line.StartsWith("```", StringComparison.Ordinal)) i = CodeBlock(html, lines, i);
            else if (Heading().Match(line) is { Success: true } heading)
            {
                int level = heading.Groups[1].Length;
                html.Append($"<h{level}>").Append(Inline(heading.Groups[2].Value)).Append($"</h{level}>\n");
                i++;
            }
            else if (line.StartsWith('>')) i = Block(html, lines, i, "blockquote><p", "p></blockquote", l => l.StartsWith('>'), l => l.TrimStart('>'));
            else if (ListItem().IsMatch(lines[i])) i = List(html, lines, i);
            else i = Block(html, lines, i, "p", "p", l => !StartsBlock(l), l => l);
        }
        return html.ToString();
    }

    /// <summary>Inline Markdown of a line of text: code spans, strong, emphasis and links; the rest escaped.</summary>
    public static string Inline(string text)
    {
        var html = new StringBuilder();
        int start = 0;
        foreach (Match code in CodeSpan().Matches(text))
        {
            html.Append(Emphasis(text[start..code.Index]));
            html.Append("<code>").Append(WebUtility.HtmlEncode(code.Groups[1].Value)).Append("</code>");
            start = code.Index + code.Length;
        }
        return html.Append(Emphasis(text[start..])).ToString();
    }

    private static bool StartsBlock(string line) =>
        line.Length == 0 || line.StartsWith("```", StringComparison.Ordinal) || Heading().IsMatch(line) || line.StartsWith('>') ||
        ListItem().IsMatch(line);

    // Consecutive lines that belong together, joined into one element.
    private static int Block(StringBuilder html, string[] lines, int i, string open, string close, Func<string, bool> belongs,
        Func<string, string> text)
    {
        var words = new List<string> { text(lines[i].Trim()).Trim() };
        for (i++; i < lines.Length && lines[i].Trim() is var line && line.Length > 0 && belongs(line); i++) words.Add(text(line).Trim());
        html.Append('<').Append(open).Append('>').Append(Inline(string.Join(" ", words))).Append("</").Append(close).Append(">\n");
        return i;
    }

    // Items of one kind; an indented line continues the item, a blank line between items keeps the list open.
    private static int List(StringBuilder html, string[] lines, int i)
    {
        string kind = Kind(ListItem().Match(lines[i]));
        var items = new List<List<string>>();
        for (; i < lines.Length; i++)
        {
            Match item = ListItem().Match(lines[i]);
            string line = lines[i].Trim();
            if (item.Success && Kind(item) == kind) items.Add([item.Groups[2].Value.Trim()]);
            else if (!item.Success && line.Length > 0 && char.IsWhiteSpace(lines[i][0])) items[^1].Add(line);
            else if (line.Length > 0 || !IsItemOf(lines, i + 1, kind)) break;
        }
        html.Append($"<{kind}>\n");
        foreach (List<string> item in items) html.Append("<li>").Append(Inline(string.Join(" ", item))).Append("</li>\n");
        html.Append($"</{kind}>\n");
        return i;
    }

    private static bool IsItemOf(string[] lines, int i, string kind) =>
        i < lines.Length && ListItem().Match(lines[i]) is { Success: true } item && Kind(item) == kind;

    private static string Kind(Match item) => char.IsDigit(item.Groups[1].Value[0]) ? "ol" : "ul";

    private static int CodeBlock(StringBuilder html, string[] lines, int start)
    {
        string language = lines[start].Trim()[3..].Trim();
        html.Append(language.Length > 0 ? $"<pre><code class=\"language-{WebUtility.HtmlEncode(language)}\">" : "<pre><code>");
        int i = start + 1;
        for (; i < lines.Length && !lines[i].Trim().StartsWith("```", StringComparison.Ordinal); i++)
            html.Append(WebUtility.HtmlEncode(lines[i])).Append('\n');
        html.Append("</code></pre>\n");
        return i + 1;
    }

    private static string Emphasis(string text)
    {
        string html = WebUtility.HtmlEncode(text);
        html = Link().Replace(html, m => $"<a href=\"{m.Groups[2].Value}\">{m.Groups[1].Value}</a>");
        html = Strong().Replace(html, "<strong>$1</strong>");
        return Emphasized().Replace(html, "<em>$2</em>");
    }

    [GeneratedRegex(@"^(#{1,6})\s+(.*?)\s*#*$")]
    private static partial Regex Heading();

    [GeneratedRegex(@"^\s{0,3}([-*+]|\d+[.)])\s+(.*)$")]
    private static partial Regex ListItem();

    [GeneratedRegex(@"`([^`]+)`")]
    private static partial Regex CodeSpan();

    [GeneratedRegex(@"\[([^\]]+)\]\(([^)\s]+)\)")]
    private static partial Regex Link();

    [GeneratedRegex(@"\*\*(.+?)\*\*")]
    private static partial Regex Strong();

    [GeneratedRegex(@"(?<![\w*])([*_])(?!\s)(.+?)(?<!\s)\1(?![\w*])")]
    private static partial Regex Emphasized();
}
