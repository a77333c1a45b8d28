using NotebookRnn.Layers;
using NotebookRnn.Layers.Attention;
using NotebookRnn.Layers.Merging;
using NotebookRnn.Layers.Recurrent;
using NotebookRnn.Layers.Reshaping;
using NotebookRnn.TorchSharp.Layers.Attention;
using NotebookRnn.TorchSharp.Layers.Merging;
using NotebookRnn.TorchSharp.Layers.Recurrent;
using NotebookRnn.TorchSharp.Layers.Reshaping;
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
            Activation activation => new ActivationOnTorch(activation, device),
            Dropout dropout => new DropoutOnTorch(dropout, device),
            Flatten flatten => new FlattenOnTorch(flatten, device),
            Masking masking => new MaskingOnTorch(masking, device),
            TimeDistributed wrapper => new TimeDistributedOnTorch(wrapper, device),
            Reshape reshape => new ReshapeOnTorch(reshape, device),
            Permute permute => new PermuteOnTorch(permute, device),
            RepeatVector repeat => new RepeatVectorOnTorch(repeat, device),
            Add add => new AddOnTorch(add, device),
            Subtract subtract => new SubtractOnTorch(subtract, device),
            Multiply multiply => new MultiplyOnTorch(multiply, device),
            Average average => new AverageOnTorch(average, device),
            Maximum maximum => new MaximumOnTorch(maximum, device),
            Minimum minimum => new MinimumOnTorch(minimum, device),
            Concatenate concatenate => new ConcatenateOnTorch(concatenate, device),
            Dot dot => new DotOnTorch(dot, device),
            NotebookRnn.Layers.Attention.Attention attention => new AttentionOnTorch(attention, device),
            AdditiveAttention attention => new AdditiveAttentionOnTorch(attention, device),
            _ => throw Unsupported(layer, $"layer type {layer.GetType().Name}"),
        };
    }

    private static NotSupportedException Unsupported(Layer layer, string what) =>
        new($"Layer '{layer.Name}' ({layer.GetType().Name}) cannot run on the libtorch backend: {what} has no libtorch form. " +
            "Compile the model without backend: TorchBackend.Instance to train it on the managed backend.");
}
