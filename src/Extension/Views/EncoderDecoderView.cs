using NotebookRnn.Layers;
using NotebookRnn.Layers.Recurrent;

namespace NotebookRnn.Notebook.Views;

/// <summary>
/// The unroll graph of an encoder–decoder (Keras's <c>lstm_seq2seq</c>): the encoder's steps on the first row, then the
/// handover of its final states (h, c) into the decoder's first step, and the decoder's steps on the second row, each
/// drawn from the plan its last batch ran (<see cref="UnrollGraphView"/>, <see cref="StateHandover"/>).
/// </summary>
internal static class EncoderDecoderView
{
    /// <summary>
    /// The graph of the first handover of <paramref name="graph"/> that <paramref name="layer"/> takes part in, as encoder
    /// or decoder; null when it hands no state over and receives none.
    /// </summary>
    public static MimeBundle? Render(ModelGraph graph, Layer layer, RenderOptions options)
    {
        foreach (var (e, d) in graph.StateHandovers())
        {
            var encoder = (RecurrentLayer)graph.Calls[e].Layer;
            var decoder = (RecurrentLayer)graph.Calls[d].Layer;
            if (layer != encoder && layer != decoder) continue;
            string title = $"{encoder.GetType().Name} '{encoder.Name}' → {decoder.GetType().Name} '{decoder.Name}'";
            if (encoder.LastPlan is not { } encoderPlan || decoder.LastPlan is not { } decoderPlan) return UnrollGraphView.NotRun(title);
            string states = string.Join(", ", graph.Edges.Where(x => x.Kind == EdgeKind.State && x.From == e && x.To == d).Select(x => x.StateName));
            return UnrollGraphView.Render(title,
            [
                new UnrollRow($"{encoder.Name} ({encoder.GetType().Name}), encoder", encoderPlan),
                new UnrollRow($"{decoder.Name} ({decoder.GetType().Name}), decoder", decoderPlan, HandedOver: states),
            ], options);
        }
        return null;
    }
}
