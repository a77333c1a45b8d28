using System.Collections;
using System.Globalization;
using NotebookRnn.Notebook;

namespace NotebookRnn.Cli.Execution;

/// <summary>
/// Turns a displayed value into a mime bundle: our renderers first (<see cref="Renderers.Render"/>: models, padding
/// reports, unroll graphs, histories, tensors), then a <see cref="MimeBundle"/> or <see cref="HtmlContent"/> as it is,
/// then <c>text/plain</c>.
/// </summary>
internal static class ValueFormatter
{
    private const int MaxItems = 20;

    /// <summary>The bundle for <paramref name="value"/>.</summary>
    /// <param name="value">The value.</param>
    /// <param name="options">How our renderers draw.</param>
    /// <param name="mimeTypes">MIME types asked for by <c>display(value, "text/html")</c>: a string is shown as that type.</param>
    public static MimeBundle Format(object? value, RenderOptions options, IReadOnlyList<string>? mimeTypes = null)
    {
        if (value is string text && mimeTypes is { Count: > 0 })
        {
            var asked = new MimeBundle();
            foreach (string mime in mimeTypes.Distinct()) asked.Add(mime, text);
            return asked;
        }
        return value switch
        {
            MimeBundle bundle => bundle,
            HtmlContent html => new MimeBundle().Add(MimeTypes.Html, html.Html).Add(MimeTypes.PlainText, html.Html),
            _ => Renderers.Render(value, options) ?? new MimeBundle().Add(MimeTypes.PlainText, PlainText(value)),
        };
    }

    /// <summary>
    /// The text form of a value: null as <c>&lt;null&gt;</c>, a collection as <c>[a, b, …]</c> (at most 20 items), anything
    /// else by its own <c>ToString()</c>.
    /// </summary>
    public static string PlainText(object? value) => value switch
    {
        null => "<null>",
        string text => text,
        IFormattable formattable => formattable.ToString(null, CultureInfo.CurrentCulture),
        IDictionary dictionary => "{" + Items(dictionary.Cast<DictionaryEntry>().Select(e => $"{PlainText(e.Key)}: {PlainText(e.Value)}")) + "}",
        IEnumerable items when !HasOwnToString(value) => "[" + Items(items.Cast<object?>().Select(PlainText)) + "]",
        _ => value.ToString() ?? "",
    };

    private static string Items(IEnumerable<string> items)
    {
        var first = items.Take(MaxItems + 1).ToList();
        return string.Join(", ", first.Take(MaxItems)) + (first.Count > MaxItems ? ", …" : "");
    }

    // A collection type that prints itself (e.g. History, a record) keeps its own text.
    private static bool HasOwnToString(object value)
    {
        Type? declaring = value.GetType().GetMethod(nameof(ToString), Type.EmptyTypes)?.DeclaringType;
        return declaring is not null && declaring != typeof(object) &&
               declaring.Namespace?.StartsWith("System", StringComparison.Ordinal) != true;
    }
}
