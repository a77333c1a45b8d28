using NotebookRnn.Layers;
using TorchSharp;

namespace NotebookRnn.TorchSharp.Layers;

/// <summary>
/// A layer's computation on libtorch: its forward pass in libtorch operations, which libtorch's autograd differentiates,
/// and its weights on the device (<see cref="TorchWeight"/>s in Keras's layout unless a subclass maps them to a
/// libtorch module's). A layer called several times in a graph has one <see cref="TorchLayer"/>, so its weights'
/// gradients add up on the device.
/// </summary>
internal abstract class TorchLayer : IDisposable
{
    private readonly TorchWeight[] _weights;

    /// <summary>A computation of <paramref name="layer"/> on <paramref name="device"/>; <paramref name="ownWeights"/> makes a leaf tensor per weight.</summary>
    protected TorchLayer(Layer layer, torch.Device device, bool ownWeights = true)
    {
        Layer = layer;
        Device = device;
        _weights = ownWeights ? [.. layer.Parameters.Select(p => new TorchWeight(p, device))] : [];
    }

    /// <summary>The layer computed.</summary>
    public Layer Layer { get; }

    /// <summary>The device computed on.</summary>
    public torch.Device Device { get; }

    /// <summary>Weight <paramref name="index"/> of the layer's <see cref="Layer.Parameters"/>, on the device in Keras's layout.</summary>
    protected torch.Tensor Weight(int index) => _weights[index].Value;

    /// <summary>Copies the layer's weights to the device (before each forward pass).</summary>
    public virtual void Upload()
    {
        foreach (TorchWeight weight in _weights) weight.Upload();
    }

    /// <summary>Adds the device's weight gradients into the layer's (after each backward pass).</summary>
    public virtual void AddGradients()
    {
        foreach (TorchWeight weight in _weights) weight.AddGradient();
    }

    /// <summary>Runs the call; libtorch records what its backward pass needs when gradients are enabled.</summary>
    public abstract TorchResult Forward(TorchCall call);

    /// <summary>Frees the device tensors the layer holds.</summary>
    public virtual void Dispose()
    {
        foreach (TorchWeight weight in _weights) weight.Dispose();
    }
}
