using NotebookRnn.Models;

namespace NotebookRnn.Notebook.Views;

/// <summary>
/// What a model displays as: its summary table (<see cref="SummaryView"/>) and, for a functional model, its graph
/// (<see cref="ModelGraphView"/>) in a section below. A Sequential model's graph is its table read top to bottom, so it
/// shows the table only; <c>#!rnn-graph</c> draws any model's graph.
/// </summary>
internal static class ModelView
{
    /// <summary>The summary (HTML and text), followed by the graph for a functional model.</summary>
    public static MimeBundle Render(Model model)
    {
        MimeBundle summary = SummaryView.Render(model);
        if (model is Sequential) return summary;
        MimeBundle graph = ModelGraphView.Render(model);
        return new MimeBundle()
            .Add(MimeTypes.Html, summary.Html + "\n" + graph.Html)
            .Add(MimeTypes.PlainText, summary.PlainText + "\n" + graph.PlainText);
    }
}
