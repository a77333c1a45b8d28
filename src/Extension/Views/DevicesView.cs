namespace NotebookRnn.Notebook.Views;

/// <summary>The devices of this machine as a table, marking those training will use.</summary>
internal static class DevicesView
{
    private static readonly string[] Header = ["Device", "Kind", "Requested"];
    private static readonly bool[] Numeric = [false, false, false];

    /// <summary>HTML table and text; <paramref name="requested"/> null when none were requested.</summary>
    public static MimeBundle Render(IReadOnlyList<string> available, IReadOnlyList<string>? requested)
    {
        var rows = available.Select(d => (IReadOnlyList<string>)
            [d, d.StartsWith("cpu", StringComparison.Ordinal) ? "CPU worker thread" : "other", requested?.Contains(d) == true ? "yes" : ""]).ToList();
        string note = requested is null
            ? "No devices requested: training uses the model's default. Request some with #!rnn-devices --use cpu:0,cpu:1."
            : $"Requested for training: {string.Join(", ", requested)} (NotebookSettings.Devices).";
        string title = $"Devices: {Format.Plural(available.Count, "device")}";
        return new MimeBundle()
            .Add(MimeTypes.Html, new ViewHtml("devices", title).Table(Header, rows, Numeric).Paragraph(note).Finish())
            .Add(MimeTypes.PlainText, title + "\n" + TextTable.Render(Header, rows, Numeric) + note + "\n");
    }
}
