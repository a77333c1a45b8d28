using NotebookRnn.Layers;
using NotebookRnn.Layers.Recurrent;
using NotebookRnn.TorchSharp.Layers.Recurrent;
using TorchSharp;

namespace NotebookRnn.TorchSharp.Layers;

/// <summary>The libtorch form of each layer type.</summary>
internal static class TorchLayers
{
    /// <summary>The computation of <paramref name="layer"/> on <paramref name="device"/>.</summary>
    /// <exception cref="NotSupportedException">The layer has no libtorch form; the message names it and says what to do.</exception>
    public static TorchLayer Create(Layer layer, torch.Device device)
    {
        if (layer.WrappedActivities.Count > 0)
            throw Unsupported(layer, "an activity regularizer on a wrapped layer");
        return layer switch
        {
            Dense dense => new DenseOnTorch(dense, device),
            Embedding embedding => new EmbeddingOnTorch(embedding, device),
            RecurrentLayer recurrent => new RecurrentOnTorch(recurrent, device),
            _ => throw Unsupported(layer, $"layer type {layer.GetType().Name}"),
        };
    }

    private static NotSupportedException Unsupported(Layer layer, string what) =>
        new($"Layer '{layer.Name}' ({layer.GetType().Name}) cannot run on the libtorch backend: {what} has no libtorch form. " +
            "Compile the model without backend: TorchBackend.Instance to train it on the managed backend.");
}
