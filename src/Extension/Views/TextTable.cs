using System.Text;

namespace NotebookRnn.Notebook.Views;

/// <summary>Aligned plain-text tables for the <c>text/plain</c> forms.</summary>
internal static class TextTable
{
    /// <summary>Header and rows in columns two spaces apart; numeric columns right-aligned. Ends with a newline.</summary>
    public static string Render(IReadOnlyList<string> header, IReadOnlyList<IReadOnlyList<string>> rows, IReadOnlyList<bool> numeric)
    {
        var all = new List<IReadOnlyList<string>> { header };
        all.AddRange(rows);
        int[] widths = [.. Enumerable.Range(0, header.Count).Select(c => all.Max(r => r[c].Length))];
        var text = new StringBuilder();
        foreach (IReadOnlyList<string> row in all)
        {
            var line = new StringBuilder();
            for (int c = 0; c < row.Count; c++)
            {
                if (c > 0) line.Append("  ");
                line.Append(numeric[c] ? row[c].PadLeft(widths[c]) : row[c].PadRight(widths[c]));
            }
            text.Append(line.ToString().TrimEnd()).Append('\n');
        }
        return text.ToString();
    }
}
