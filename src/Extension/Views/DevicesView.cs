using NotebookRnn.Devices;

namespace NotebookRnn.Notebook.Views;

/// <summary>The devices of this machine as a table, marking those training will use.</summary>
internal static class DevicesView
{
    private static readonly string[] Header = ["Device", "Kind", "Requested"];
    private static readonly bool[] Numeric = [false, false, false];
    private static readonly string[] ListHeader = ["Device", "Kind"];

    /// <summary>A device list (a model's devices, or one device): the name and kind of each.</summary>
    public static MimeBundle Render(IReadOnlyList<Device> devices)
    {
        var rows = devices.Select(d => (IReadOnlyList<string>)[d.Name, Kind(d.Name)]).ToList();
        string title = $"Devices: {string.Join(", ", devices.Select(d => d.Name))}";
        return new MimeBundle()
            .Add(MimeTypes.Html, new ViewHtml("devices", title).Table(ListHeader, rows, [false, false]).Finish())
            .Add(MimeTypes.PlainText, title + "\n" + TextTable.Render(ListHeader, rows, [false, false]));
    }

    /// <summary>HTML table and text; <paramref name="requested"/> null when none were requested.</summary>
    public static MimeBundle Render(IReadOnlyList<string> available, IReadOnlyList<string>? requested)
    {
        var rows = available.Select(d => (IReadOnlyList<string>)
            [d, Kind(d), requested?.Contains(d) == true ? "yes" : ""]).ToList();
        string note = requested is null
            ? "No devices requested: training uses the model's default. Request some with #!rnn-devices --use cpu:0,cpu:1."
            : $"Requested for training: {string.Join(", ", requested)} (NotebookSettings.Devices).";
        string title = $"Devices: {Format.Plural(available.Count, "device")}";
        return new MimeBundle()
            .Add(MimeTypes.Html, new ViewHtml("devices", title).Table(Header, rows, Numeric).Paragraph(note).Finish())
            .Add(MimeTypes.PlainText, title + "\n" + TextTable.Render(Header, rows, Numeric) + note + "\n");
    }

    private static string Kind(string device) => device.StartsWith("cpu", StringComparison.Ordinal) ? "CPU worker thread" : "other";
}
