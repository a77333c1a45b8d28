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

    private static bool Passes(Layer layer, bool maskIn) => Carries(layer, [maskIn]);

    /// <summary>
    /// The one rule of where a mask goes: whether a call of <paramref name="layer"/> whose inputs carry the masks
    /// <paramref name="masksIn"/> (one flag per input; the sequence input only for a recurrent call, whose initial states
    /// never carry one) outputs a mask. The layer answers itself through its own <c>ComputeOutputMask</c>, on a
    /// one-sample input of its built shape: an Embedding with <c>maskZero</c> and Masking start a mask, a layer that
    /// supports masking passes it on while its output keeps the time axis (a recurrent layer with <c>returnSequences</c>),
    /// a recurrent layer without it consumes it, and a layer that does not support masking stops it (and fails at run time).
    /// </summary>
    public static bool Carries(Layer layer, IReadOnlyList<bool> masksIn)
    {
        bool anyIn = masksIn.Any(m => m);
        if (!layer.IsBuilt || (anyIn && layer is not MultiInputLayer && !layer.SupportsMasking)) return false;
        IReadOnlyList<int?[]> shapes = layer.BuiltInputShapes;
        Tensor[] inputs = [.. shapes.Select(shape => new Tensor([1, .. shape.Select(d => d ?? 1)]))];
        SequenceMask?[] masks = [.. shapes.Select((shape, i) => i < masksIn.Count && masksIn[i] ? AllValid(shape) : null)];
        try
        {
            return (layer is MultiInputLayer multi ? multi.ComputeOutputMask(inputs, masks) : layer.ComputeOutputMask(inputs[0], masks[0])) is not null;
        }
        catch (ArgumentException)
        {
            return anyIn;
        }
    }

    // A mask of one sample whose every step is real, over the time axis of a sample of this shape.
    private static SequenceMask AllValid(int?[] shape)
    {
        int steps = shape.Length > 0 ? shape[0] ?? 1 : 1;
        return new SequenceMask(Enumerable.Repeat(true, steps).ToArray(), 1, steps);
    }
}
