using NotebookRnn.Notebook;

namespace NotebookRnn.Cli.Execution;

/// <summary>
/// What notebook code sees besides its own variables, as in a .NET Interactive C# kernel: <c>display(x)</c> shows a
/// value below the cell (through the extension's renderers, like the kernel's formatters) and <c>HTML(…)</c> marks
/// markup to show as HTML.
/// </summary>
/// <remarks>Public because the scripts compiled from cells are separate assemblies that call it.</remarks>
public sealed class ScriptGlobals
{
    private readonly Func<CellOutputs> _outputs;
    private readonly RenderOptions _options;

    internal ScriptGlobals(Func<CellOutputs> outputs, RenderOptions options)
    {
        _outputs = outputs;
        _options = options;
    }

    /// <summary>
    /// Shows <paramref name="value"/> as an output of the running cell: our objects as charts and tables, other values
    /// as text. With <paramref name="mimeTypes"/>, a string is shown as those types (e.g. <c>"text/html"</c>).
    /// </summary>
    /// <remarks>Lowercase, as the kernel names it, so that notebook code runs in both.</remarks>
    /// <returns>A handle whose <see cref="DisplayedValue.Update"/> replaces the output in place.</returns>
    public DisplayedValue display(object? value, params string[] mimeTypes)
    {
        Action<MimeBundle> update = _outputs().Display(ValueFormatter.Format(value, _options, mimeTypes));
        return new DisplayedValue(next => update(ValueFormatter.Format(next, _options, mimeTypes)));
    }

    /// <summary>Same as <see cref="display"/>.</summary>
    public DisplayedValue Display(object? value, params string[] mimeTypes) => display(value, mimeTypes);

    /// <summary>Marks <paramref name="html"/> as HTML, so that displaying it shows the markup rendered.</summary>
    public HtmlContent HTML(string html) => new(html);
}
