using System.Text;

namespace NotebookRnn.Notebook;

/// <summary>Escaping for text placed in HTML and SVG (both XML-safe); other characters stay as they are (UTF-8).</summary>
internal static class Html
{
    /// <summary>Escapes &amp;, &lt;, &gt;, " and '.</summary>
    public static string Escape(string text)
    {
        var escaped = new StringBuilder(text.Length);
        foreach (char c in text)
            escaped.Append(c switch
            {
                '&' => "&amp;",
                '<' => "&lt;",
                '>' => "&gt;",
                '"' => "&quot;",
                '\'' => "&#39;",
                _ => c.ToString(),
            });
        return escaped.ToString();
    }
}
