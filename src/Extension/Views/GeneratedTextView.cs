using NotebookRnn.Text;

namespace NotebookRnn.Notebook.Views;

/// <summary>
/// Text a model generated, one row per sample: its temperature, then the seed (grey) followed by what the model wrote.
/// The text form is Keras's example printout.
/// </summary>
internal static class GeneratedTextView
{
    /// <summary>HTML table and text of the samples, in order.</summary>
    public static MimeBundle Render(IReadOnlyList<GeneratedText> samples)
    {
        string title = samples.Count == 1 ? "Generated text" : $"Generated text: {Format.Plural(samples.Count, "sample")}";
        var html = new ViewHtml("generated", title)
            .Raw("<table><tr><th class=\"num\">temperature</th><th>seed, then generated</th></tr>");
        foreach (GeneratedText sample in samples)
            html.Raw($"<tr><td class=\"num\">{Format.Number(sample.Temperature, 3)}</td><td><pre style=\"white-space:pre-wrap;margin:0\">" +
                     $"<span class=\"nbrnn-note\">{Html.Escape(sample.Seed)}</span>{Html.Escape(sample.Text)}</pre></td></tr>");
        html.Raw("</table>");
        string text = string.Concat(samples.Select(s => s + "\n"));
        return new MimeBundle().Add(MimeTypes.Html, html.Finish()).Add(MimeTypes.PlainText, text);
    }
}
