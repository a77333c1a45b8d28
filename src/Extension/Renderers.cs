using NotebookRnn.Notebook.Views;

namespace NotebookRnn.Notebook;

/// <summary>
/// The one entry point from our objects to notebook output. The kernel glue (<c>extension.dib</c>) registers it as the
/// formatter of <see cref="RenderedTypes"/>, and the headless notebook runner calls it for every displayed value.
/// </summary>
/// <remarks>
/// Every view is drawn from the engine's own objects (the padding report, the plan a batch ran, the recorded
/// History), never from a second model of them. The HTML form loads plotly.js as described at
/// <see cref="RenderOptions.PlotlySource"/> and embeds the SVG form as its fallback.
/// </remarks>
public static class Renderers
{
    /// <summary>
    /// The types <see cref="Render"/> draws (a value of a derived type is drawn too): Sequential, ModelSummary,
    /// PaddingReport, PaddingView, RecurrentLayer (its last batch's unroll graph), Bidirectional, RecurrentPlan,
    /// History, Tensor, and sequences of History (overlaid; a <c>History[]</c> or <c>List&lt;History&gt;</c>).
    /// </summary>
    public static IReadOnlyList<Type> RenderedTypes { get; } =
    [
        typeof(Sequential), typeof(ModelSummary), typeof(PaddingReport), typeof(PaddingView), typeof(RecurrentLayer),
        typeof(Bidirectional), typeof(RecurrentPlan), typeof(History), typeof(IEnumerable<History>), typeof(Tensor),
    ];

    /// <summary>
    /// Renders <paramref name="value"/> as a <see cref="MimeBundle"/>: <c>text/html</c> and <c>text/plain</c> always,
    /// and <c>image/svg+xml</c> for charts and diagrams.
    /// </summary>
    /// <param name="value">The value to draw.</param>
    /// <param name="options">Rendering options; default <see cref="NotebookSettings.Render"/> of <see cref="NotebookSettings.Default"/>.</param>
    /// <returns>The bundle, or null for a type not in <see cref="RenderedTypes"/> (let the notebook's default formatter show it).</returns>
    public static MimeBundle? Render(object? value, RenderOptions? options = null)
    {
        options ??= NotebookSettings.Default.Render;
        return value switch
        {
            Sequential model => SummaryView.Render(model),
            ModelSummary summary => SummaryView.Render(summary),
            PaddingReport report => PaddingReportView.Render(new PaddingView(report), options),
            PaddingView view => PaddingReportView.Render(view, options),
            RecurrentLayer layer => UnrollGraphView.Render(layer, options),
            Bidirectional layer => UnrollGraphView.Render(layer, options),
            RecurrentPlan plan => UnrollGraphView.Render(plan, options),
            History history => HistoryView.Render(history, options),
            IEnumerable<History> runs => HistoryView.Render([.. runs], options),
            Tensor tensor => TensorView.Render(tensor),
            _ => null,
        };
    }
}
