using NotebookRnn.Notebook.Views;
using NotebookRnn.Devices;
using NotebookRnn.Layers;
using NotebookRnn.Layers.Recurrent;
using NotebookRnn.Layers.Wrappers;
using NotebookRnn.Models;
using NotebookRnn.Sequences;
using NotebookRnn.Tensors;
using NotebookRnn.Text;
using NotebookRnn.Training;

namespace NotebookRnn.Notebook;

/// <summary>
/// The one entry point from our objects to notebook output: the kernel extension registers it as the formatter of
/// every type in <see cref="Views"/>, for the MIME types listed there.
/// </summary>
/// <remarks>
/// Every view is drawn from the engine's own objects (the padding report, the plan a batch ran, the recorded
/// History), never from a second model of them. A view's forms depend on its type only, so that the kernel can be told
/// which MIME types a returned value has: charts and diagrams have <c>text/html</c>, <c>image/svg+xml</c> and
/// <c>text/plain</c>, tables <c>text/html</c> and <c>text/plain</c>. The HTML form loads plotly.js as described at
/// <see cref="RenderOptions.PlotlySource"/> and embeds the SVG form as its fallback.
/// </remarks>
public static class Renderers
{
    private static readonly IReadOnlyList<string> Chart = [MimeTypes.Html, MimeTypes.Svg, MimeTypes.PlainText];
    private static readonly IReadOnlyList<string> Table = [MimeTypes.Html, MimeTypes.PlainText];

    /// <summary>
    /// The types <see cref="Render"/> draws (a value of a derived type is drawn too), each with the MIME types of its
    /// view, richest first.
    /// </summary>
    public static IReadOnlyList<(Type Type, IReadOnlyList<string> MimeTypes)> Views { get; } =
    [
        (typeof(Model), Table), (typeof(ModelSummary), Table),
        (typeof(RecurrentLayer), Chart), (typeof(Bidirectional), Chart), (typeof(RecurrentPlan), Chart), (typeof(Layer), Table),
        (typeof(PaddingReport), Chart), (typeof(PaddingView), Chart), (typeof(PaddedSequences), Chart),
        (typeof(History), Chart), (typeof(IEnumerable<History>), Chart),
        (typeof(Tensor), Table), (typeof(Device), Table), (typeof(DeviceSet), Table),
        (typeof(GeneratedText), Table), (typeof(IEnumerable<GeneratedText>), Table),
        (typeof(Layers.Attention.AttentionMap), Chart),
    ];

    /// <summary>
    /// Renders <paramref name="value"/> as a <see cref="MimeBundle"/> with the MIME types <see cref="Views"/> lists for
    /// its type.
    /// </summary>
    /// <param name="value">The value to draw.</param>
    /// <param name="options">Rendering options; default <see cref="NotebookSettings.Render"/> of <see cref="NotebookSettings.Default"/>.</param>
    /// <returns>The bundle, or null for a type not in <see cref="Views"/> (let the notebook's default formatter show it).</returns>
    public static MimeBundle? Render(object? value, RenderOptions? options = null)
    {
        options ??= NotebookSettings.Default.Render;
        return value switch
        {
            Model model => ModelView.Render(model),
            ModelSummary summary => SummaryView.Render(summary),
            RecurrentLayer layer => UnrollGraphView.Render(layer, options),
            Bidirectional layer => UnrollGraphView.Render(layer, options),
            RecurrentPlan plan => UnrollGraphView.Render(plan, options),
            Layer layer => LayerView.Render(layer),
            PaddingReport report => PaddingReportView.Render(new PaddingView(report), options),
            PaddingView view => PaddingReportView.Render(view, options),
            PaddedSequences padded => PaddingReportView.Render(PaddingView.FromPadded(padded), options),
            History history => HistoryView.Render(history, options),
            IEnumerable<History> runs => HistoryView.Render([.. runs], options),
            Tensor tensor => TensorView.Render(tensor),
            Device device => DevicesView.Render([device]),
            DeviceSet devices => DevicesView.Render(devices),
            GeneratedText text => GeneratedTextView.Render([text]),
            IEnumerable<GeneratedText> texts => GeneratedTextView.Render([.. texts]),
            Layers.Attention.AttentionMap map => AttentionMapView.Render(map, options),
            _ => null,
        };
    }

    /// <summary>The MIME types of the view of <paramref name="type"/>, or null when no view draws it.</summary>
    public static IReadOnlyList<string>? MimeTypesOf(Type type) =>
        Views.FirstOrDefault(v => v.Type.IsAssignableFrom(type)).MimeTypes;
}
