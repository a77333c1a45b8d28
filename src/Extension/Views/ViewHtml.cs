using System.Text;

namespace NotebookRnn.Notebook.Views;

/// <summary>Builds the HTML of a view: a titled container with a small scoped style, tables, notes and charts.</summary>
internal sealed class ViewHtml
{
    private const string Style =
        ".nbrnn-view{font-family:Helvetica,Arial,sans-serif;font-size:13px;color:#222;margin:4px 0}" +
        ".nbrnn-view h3{font-size:15px;margin:6px 0}" +
        ".nbrnn-view table{border-collapse:collapse;margin:6px 0}" +
        ".nbrnn-view th,.nbrnn-view td{padding:2px 10px;border-bottom:1px solid #ddd;text-align:left}" +
        ".nbrnn-view td.num,.nbrnn-view th.num{text-align:right;font-variant-numeric:tabular-nums}" +
        ".nbrnn-view p{margin:4px 0}.nbrnn-view .nbrnn-note{color:#666}" +
        ".nbrnn-view .nbrnn-bar{display:inline-block;height:10px;background:#1f77b4}";

    private readonly StringBuilder _html = new();

    /// <summary>Opens a view of the given kind with a heading.</summary>
    public ViewHtml(string kind, string title)
    {
        _html.Append("<div class=\"nbrnn-view nbrnn-").Append(kind).Append("\">\n<style>").Append(Style).Append("</style>\n");
        _html.Append("<h3>").Append(Html.Escape(title)).Append("</h3>\n");
    }

    /// <summary>A paragraph of plain text.</summary>
    public ViewHtml Paragraph(string text, bool note = false)
    {
        _html.Append(note ? "<p class=\"nbrnn-note\">" : "<p>").Append(Html.Escape(text)).Append("</p>\n");
        return this;
    }

    /// <summary>Markup appended as it is (charts, SVG diagrams).</summary>
    public ViewHtml Raw(string html)
    {
        _html.Append(html);
        if (!html.EndsWith('\n')) _html.Append('\n');
        return this;
    }

    /// <summary>A table; columns whose <paramref name="numeric"/> flag is set are right-aligned.</summary>
    public ViewHtml Table(IReadOnlyList<string> header, IEnumerable<IReadOnlyList<string>> rows, IReadOnlyList<bool> numeric,
        string? cssClass = null)
    {
        _html.Append("<table").Append(cssClass is null ? "" : $" class=\"{cssClass}\"").Append(">\n<tr>");
        for (int c = 0; c < header.Count; c++) Cell("th", header[c], numeric[c]);
        _html.Append("</tr>\n");
        foreach (IReadOnlyList<string> row in rows)
        {
            _html.Append("<tr>");
            for (int c = 0; c < row.Count; c++) Cell("td", row[c], numeric[c]);
            _html.Append("</tr>\n");
        }
        _html.Append("</table>\n");
        return this;
    }

    /// <summary>Closes the view and returns its HTML.</summary>
    public string Finish() => _html.Append("</div>").ToString();

    private void Cell(string tag, string text, bool numeric) =>
        _html.Append('<').Append(tag).Append(numeric ? " class=\"num\"" : "").Append('>').Append(Html.Escape(text))
            .Append("</").Append(tag).Append('>');
}
