using Microsoft.DotNet.Interactive.Formatting;

namespace NotebookRnn.Notebook.Kernel;

/// <summary>
/// Registers the kernel's formatters for our objects: every type of <see cref="Renderers.Views"/> gets one formatter
/// per MIME type of its view, and those MIME types become the type's preferred ones, so that a value a cell returns or
/// passes to <c>display(…)</c> shows every form of our view (never the kernel's default object tree). A
/// <see cref="MimeBundle"/> shows its own HTML and text.
/// </summary>
internal static class KernelFormatters
{
    /// <summary>Registers the formatters with the kernel's <see cref="Formatter"/> (process-wide, as the kernel's are).</summary>
    public static void Register()
    {
        foreach (var (type, mimeTypes) in Renderers.Views)
        {
            foreach (string mimeType in mimeTypes)
                Formatter.Register(type, (value, writer) => writer.Write(Renderers.Render(value)?.TryGet(mimeType, out string? form) == true ? form : ""), mimeType);
            Formatter.SetPreferredMimeTypesFor(type, [.. mimeTypes]);
        }
        Formatter.Register(typeof(MimeBundle), (value, writer) => writer.Write(((MimeBundle)value).Html ?? Html.Escape(value.ToString() ?? "")), MimeTypes.Html);
        Formatter.Register(typeof(MimeBundle), (value, writer) => writer.Write(((MimeBundle)value).PlainText ?? ""), MimeTypes.PlainText);
        Formatter.SetPreferredMimeTypesFor(typeof(MimeBundle), MimeTypes.Html, MimeTypes.PlainText);
    }
}
