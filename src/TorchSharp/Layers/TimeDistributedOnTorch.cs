using NotebookRnn.Layers;
using TorchSharp;

namespace NotebookRnn.TorchSharp.Layers;

/// <summary>
/// <see cref="TimeDistributed"/> on libtorch: the wrapped layer's libtorch form applied to every step,
/// <c>y[b, t] = layer(x[b, t])</c>, as one call on (batch·steps, …). The wrapped layer's weights are its form's; the mask
/// (batch, steps) passes on, and on to the wrapped layer as the managed wrapper passes it (<see cref="TimeDistributed.StepMask(IReadOnlyList{int}, SequenceMask?)"/>).
/// </summary>
internal sealed class TimeDistributedOnTorch : TorchLayer
{
    private readonly TimeDistributed _wrapper;
    private readonly TorchLayer _inner;

    public TimeDistributedOnTorch(TimeDistributed wrapper, torch.Device device) : base(wrapper, device, ownWeights: false)
    {
        _wrapper = wrapper;
        _inner = TorchLayers.Create(wrapper.Layer, device);
    }

    // x: (batch, steps, …) → (batch·steps, …) → layer → (batch·steps, …out) → y: (batch, steps, …out)
    public override TorchResult Forward(TorchCall call)
    {
        long[] shape = call.X.shape;
        int[] hostShape = [.. shape.Select(d => checked((int)d))];
        int[] flatShape = [hostShape[0] * hostShape[1], .. hostShape[2..]];
        var inner = new TorchCall([call.X.reshape([.. flatShape.Select(d => (long)d)])], [_wrapper.StepMask(hostShape, call.Mask)], [], call.Node,
            call.Training, i => call.HostInput(0).Reshape(flatShape));
        torch.Tensor output = _inner.Forward(inner).Outputs[0];
        return new TorchResult(output.reshape([shape[0], shape[1], .. output.shape[1..]]), call.Mask);
    }

    public override void Upload() => _inner.Upload();

    public override void AddGradients() => _inner.AddGradients();

    public override void Dispose() => _inner.Dispose();
}
