using NotebookRnn.Tensors;

namespace NotebookRnn.Notebook.Views;

/// <summary>A tensor's shape, value range and a preview of its leading values (the last two axes of its first slice).</summary>
internal static class TensorView
{
    private const int PreviewRows = 8, PreviewColumns = 8;

    /// <summary>HTML table preview and text.</summary>
    public static MimeBundle Render(Tensor tensor)
    {
        string title = $"Tensor {Tensor.ShapeText(tensor.Shape)} float32";
        string stats = Stats(tensor);
        var (rows, columns, caption) = Preview(tensor);
        string[] header = ["", .. Enumerable.Range(0, columns.Count).Select(c => columns[c])];
        var html = new ViewHtml("tensor", title).Paragraph(stats).Paragraph(caption, note: true)
            .Table(header, rows, [false, .. columns.Select(_ => true)]);
        return new MimeBundle()
            .Add(MimeTypes.Html, html.Finish())
            .Add(MimeTypes.PlainText, tensor + "\n" + stats + "\n");
    }

    private static string Stats(Tensor tensor)
    {
        if (tensor.Length == 0) return $"{Format.Plural(0, "value")}.";
        ReadOnlySpan<float> values = tensor.Span;
        double sum = 0;
        float min = float.PositiveInfinity, max = float.NegativeInfinity;
        foreach (float v in values)
        {
            sum += v;
            min = Math.Min(min, v);
            max = Math.Max(max, v);
        }
        return $"{Format.Plural(tensor.Length, "value")}: min {Format.Number(min, 4)}, max {Format.Number(max, 4)}, " +
               $"mean {Format.Number(sum / tensor.Length, 4)}";
    }

    // Rank 0 and 1 preview as one row; higher ranks show the last two axes at index 0 of the leading ones.
    private static (List<IReadOnlyList<string>> Rows, IReadOnlyList<string> Columns, string Caption) Preview(Tensor tensor)
    {
        int rank = tensor.Rank;
        int rowCount = rank < 2 ? 1 : tensor.Dim(-2), columnCount = rank == 0 ? 1 : tensor.Dim(-1);
        int shownRows = Math.Min(rowCount, PreviewRows), shownColumns = Math.Min(columnCount, PreviewColumns);
        ReadOnlySpan<float> values = tensor.Span;
        var rows = new List<IReadOnlyList<string>>();
        for (int r = 0; r < shownRows; r++)
        {
            var row = new List<string> { rank < 2 ? "" : Index(r) };
            for (int c = 0; c < shownColumns; c++) row.Add(Format.Number(values[r * columnCount + c], 4));
            rows.Add(row);
        }
        string lead = rank <= 2 ? "" : "[" + string.Join(", ", Enumerable.Repeat("0", rank - 2)) + ", :, :] ";
        string caption = $"Preview {lead}of {shownRows} × {shownColumns} values" +
                         (shownRows < rowCount || shownColumns < columnCount ? $" (of {rowCount} × {columnCount})." : ".");
        return (rows, [.. Enumerable.Range(0, shownColumns).Select(Index)], caption);
    }

    private static string Index(int i) => i.ToString(System.Globalization.CultureInfo.InvariantCulture);
}
