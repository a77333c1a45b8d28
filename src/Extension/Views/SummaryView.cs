using NotebookRnn.Data;
using NotebookRnn.Layers;
using NotebookRnn.Layers.Recurrent;
using NotebookRnn.Layers.Wrappers;
using NotebookRnn.Models;
using NotebookRnn.Tensors;

namespace NotebookRnn.Notebook.Views;

/// <summary>
/// The Keras summary table of a model, plus for each layer: whether a mask comes in and goes out, how a recurrent
/// layer runs its steps (unrolled or a loop, packed or dense), the time dimension it sees, and what its last batch ran.
/// </summary>
internal static class SummaryView
{
    private static readonly string[] Header =
        ["Layer (type)", "Output Shape", "Param #", "Mask in", "Mask out", "Unroll", "Time steps", "Last batch"];

    private static readonly bool[] Numeric = [false, false, true, false, false, false, true, false];

    /// <summary>
    /// Renders the summary (HTML table and text). A functional model's summary has Keras's "Connected to" column; its
    /// masks follow the graph, so they are known only from the model (see <see cref="Render(Model)"/>).
    /// </summary>
    public static MimeBundle Render(ModelSummary summary) =>
        Render(summary, IsFunctional(summary) ? null : MaskFlow.Analyse([.. summary.Layers.Select(l => l.Layer)]));

    /// <summary>The model's summary, or a one-line note when it is not built yet.</summary>
    public static MimeBundle Render(Model model)
    {
        if (model.IsBuilt)
        {
            ModelSummary summary = model.Summary();
            return Render(summary, IsFunctional(summary) ? GraphMasks(summary, ModelGraph.Of(model)) : MaskFlow.Analyse([.. summary.Layers.Select(l => l.Layer)]));
        }
        string note = $"Model \"{model.Name}\" has {Format.Plural(model.Layers.Count, "layer")} and is not built yet: " +
                      "give its first layer an inputShape, call Build(inputShape), or call Fit/Predict with data.";
        return new MimeBundle()
            .Add(MimeTypes.Html, new ViewHtml("summary", $"Model: \"{model.Name}\"").Paragraph(note).Finish())
            .Add(MimeTypes.PlainText, note + "\n");
    }

    // masks: each layer's mask in and out, or null when they are not known (a functional model's summary on its own).
    private static MimeBundle Render(ModelSummary summary, IReadOnlyList<(MaskPresence In, MaskPresence Out)>? masks)
    {
        bool functional = IsFunctional(summary);
        string[] header = functional ? [.. Header, "Connected to"] : Header;
        bool[] numeric = functional ? [.. Numeric, false] : Numeric;
        var rows = summary.Layers.Select((l, i) => Row(l, masks?[i], functional)).ToList();
        List<string> warnings = masks is null ? [MasksUnknown] : [.. Warnings(summary, masks)];
        var html = new ViewHtml("summary", $"Model: \"{summary.ModelName}\"").Table(header, rows, numeric);
        foreach (string line in Totals(summary)) html.Paragraph(line);
        foreach (string warning in warnings) html.Paragraph(warning, note: true);
        string text = $"Model: \"{summary.ModelName}\"\n" + TextTable.Render(header, rows, numeric) +
                      string.Concat(Totals(summary).Concat(warnings).Select(l => l + "\n"));
        return new MimeBundle().Add(MimeTypes.Html, html.Finish()).Add(MimeTypes.PlainText, text);
    }

    private const string MasksUnknown =
        "Masks in and out follow the model's graph: display the model itself, or draw it with #!rnn-graph, to see them.";

    private static bool IsFunctional(ModelSummary summary) => summary.Layers.Any(l => l.ConnectedTo is not null);

    // Each layer's mask in and out at its first call.
    private static IReadOnlyList<(MaskPresence In, MaskPresence Out)> GraphMasks(ModelSummary summary, ModelGraph graph) =>
    [
        .. summary.Layers.Select(l => graph.Calls.First(c => c.Layer == l.Layer)).Select(c =>
            (c.MaskIn ? MaskPresence.Always : MaskPresence.None, c.MaskOut ? MaskPresence.Always : MaskPresence.None)),
    ];

    private static string[] Row(LayerSummary layer, (MaskPresence In, MaskPresence Out)? mask, bool functional)
    {
        string[] cells =
        [
            $"{layer.Name} ({layer.TypeName})",
            layer.OutputShapes.Count == 1 ? Tensor.ShapeText([null, .. layer.OutputShape])
                : string.Join(", ", layer.OutputShapes.Select(s => Tensor.ShapeText([null, .. s]))),
            Format.Count(layer.Parameters),
            mask is not { } known ? "?" : MaskFlow.Rejects(layer.Layer, known.In) ? "yes (unsupported)" : Mask(known.In),
            mask is not { } leaving ? "?" : Mask(leaving.Out),
            Unroll(layer.Layer),
            TimeSteps(layer.Layer),
            LastBatch(layer.Layer),
        ];
        return functional ? [.. cells, layer.ConnectedTo is { Count: > 0 } sources ? string.Join(", ", sources) : "—"] : cells;
    }

    private static string Mask(MaskPresence presence) => presence switch
    {
        MaskPresence.Always => "yes",
        MaskPresence.RaggedOnly => "if ragged",
        _ => "—",
    };

    private static string Unroll(Layer layer) => layer switch
    {
        RecurrentLayer recurrent => RunMode(recurrent),
        Bidirectional both => "2 × " + RunMode(both.ForwardLayer),
        _ => "—",
    };

    private static string RunMode(RecurrentLayer layer) =>
        (layer.Unroll ? "unrolled" : "loop") + (layer.Packing ? ", packed" : ", dense");

    // The time axis a layer reads: the first input dimension of a sequence input.
    private static string TimeSteps(Layer layer)
    {
        // A model input is not built: its own shape is the one it reads.
        int?[] shape = layer.IsBuilt ? layer.BuiltInputShape : layer.InputShape ?? [];
        bool sequence = layer is Embedding ? shape.Length >= 1 : shape.Length >= 2;
        return !sequence ? "—" : shape[0] is int steps ? Format.Count(steps) : "any";
    }

    private static string LastBatch(Layer layer)
    {
        RecurrentPlan? plan = layer switch
        {
            RecurrentLayer recurrent => recurrent.LastPlan,
            Bidirectional both => both.ForwardLayer.LastPlan,
            _ => null,
        };
        if (plan is null) return layer is RecurrentLayer or Bidirectional ? "not run yet" : "—";
        long block = (long)plan.Batch * plan.TimeSteps;
        return $"{plan.Batch}×{plan.TimeSteps}: {Format.Plural(plan.Steps, "step")}, " +
               $"{Format.Percent(block == 0 ? 0 : (double)plan.ComputedRowSteps / block)} of row-steps computed";
    }

    private static IEnumerable<string> Totals(ModelSummary summary)
    {
        yield return $"Total params: {Format.Count(summary.TotalParameters)}";
        yield return $"Trainable params: {Format.Count(summary.TrainableParameters)}";
        yield return $"Non-trainable params: {Format.Count(summary.NonTrainableParameters)}";
    }

    private static IEnumerable<string> Warnings(ModelSummary summary, IReadOnlyList<(MaskPresence In, MaskPresence Out)> masks)
    {
        for (int i = 0; i < summary.Layers.Count; i++)
            if (MaskFlow.Rejects(summary.Layers[i].Layer, masks[i].In))
                yield return $"Layer '{summary.Layers[i].Name}' ({summary.Layers[i].TypeName}) does not support masking, but a mask " +
                             (masks[i].In == MaskPresence.Always ? "reaches it" : "reaches it with ragged input") +
                             ": Fit fails there. Consume the mask first, e.g. with a recurrent layer.";
    }
}
