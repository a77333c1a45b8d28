using NotebookRnn.Layers;
using NotebookRnn.Tensors;

namespace NotebookRnn.Notebook.Views;

/// <summary>Whether a mask reaches or leaves a layer.</summary>
internal enum MaskPresence
{
    /// <summary>Never.</summary>
    None,

    /// <summary>Only when the model is given ragged input (its time dimension is None).</summary>
    RaggedOnly,

    /// <summary>Always (Embedding with maskZero, Masking, and what they feed).</summary>
    Always,
}

/// <summary>
/// Follows the mask through a stack of layers by asking each layer itself, through its own
/// <see cref="Layer.ComputeOutputMask"/>, whether it passes or makes a mask for a one-sample input of its built shape.
/// No forward pass runs, so no layer's state (such as <see cref="Layers.Recurrent.RecurrentLayer.LastPlan"/>) changes.
/// </summary>
internal static class MaskFlow
{
    /// <summary>For each layer, the mask arriving and the mask leaving.</summary>
    public static IReadOnlyList<(MaskPresence In, MaskPresence Out)> Analyse(IReadOnlyList<Layer> layers)
    {
        if (layers.Count == 0) return [];
        bool raggedInput = layers[0].BuiltInputShape is [null, ..];
        bool[] plain = Flow(layers, initial: false), ragged = raggedInput ? Flow(layers, initial: true) : plain;
        return [.. Enumerable.Range(0, layers.Count).Select(i => (Presence(plain[i], ragged[i]), Presence(plain[i + 1], ragged[i + 1])))];
    }

    /// <summary>Whether <paramref name="layer"/> would fail because a mask reaches it that it cannot honour.</summary>
    public static bool Rejects(Layer layer, MaskPresence arriving) => arriving != MaskPresence.None && !layer.SupportsMasking;

    private static MaskPresence Presence(bool plain, bool ragged) =>
        plain ? MaskPresence.Always : ragged ? MaskPresence.RaggedOnly : MaskPresence.None;

    // arriving[i] = a mask reaches layer i; arriving[n] = the model's output carries one.
    private static bool[] Flow(IReadOnlyList<Layer> layers, bool initial)
    {
        var arriving = new bool[layers.Count + 1];
        arriving[0] = initial;
        for (int i = 0; i < layers.Count; i++) arriving[i + 1] = Passes(layers[i], arriving[i]);
        return arriving;
    }

    private static bool Passes(Layer layer, bool maskIn)
    {
        if (!layer.IsBuilt || (maskIn && !layer.SupportsMasking)) return false;
        int?[] shape = layer.BuiltInputShape;
        int[] concrete = [1, .. shape.Select(d => d ?? 1)];
        int steps = concrete.Length > 1 ? concrete[1] : 1;
        SequenceMask? mask = maskIn ? new SequenceMask(Enumerable.Repeat(true, steps).ToArray(), 1, steps) : null;
        try
        {
            return layer.ComputeOutputMask(new Tensor(concrete), mask) is not null;
        }
        catch (ArgumentException)
        {
            return maskIn;
        }
    }
}
