using NotebookRnn.Layers.Wrappers;
using NotebookRnn.TorchSharp.Layers.Recurrent;
using TorchSharp;

namespace NotebookRnn.TorchSharp.Layers.Wrappers;

/// <summary>
/// <see cref="Bidirectional"/> on libtorch: its forward and backward layers each on libtorch (<see cref="RecurrentOnTorch"/>,
/// module or step loop), merged as the managed wrapper merges them: y = merge(forward(x), reverse_time(backward(x))) with
/// returnSequences, else merge of the two last outputs; concat puts the forward units first, ave is (f + b) / 2. Outputs:
/// the merged output, then the forward layer's states and the backward layer's.
/// </summary>
internal sealed class BidirectionalOnTorch : TorchLayer
{
    private readonly Bidirectional _wrapper;
    private readonly RecurrentOnTorch _forward, _backward;

    public BidirectionalOnTorch(Bidirectional wrapper, torch.Device device) : base(wrapper, device, ownWeights: false)
    {
        _wrapper = wrapper;
        _forward = new RecurrentOnTorch(wrapper.ForwardLayer, device);
        try
        {
            _backward = new RecurrentOnTorch(wrapper.BackwardLayer, device);
        }
        catch
        {
            _forward.Dispose();
            throw;
        }
    }

    public override void Upload()
    {
        _forward.Upload();
        _backward.Upload();
    }

    public override void AddGradients()
    {
        _forward.AddGradients();
        _backward.AddGradients();
    }

    // x: (batch, steps, features) → y: (batch, [steps,] units) merged, then the states of both layers
    /// <exception cref="InvalidOperationException">The merge mode is null (two outputs), which a model cannot pass on, as on the managed backend.</exception>
    public override TorchResult Forward(TorchCall call)
    {
        if (_wrapper.MergeMode == MergeMode.None)
            throw new InvalidOperationException(
                $"Bidirectional '{_wrapper.Name}' has mergeMode null and so two outputs, which a Sequential model cannot pass on; use CallBoth, or a merge mode.");
        int forwardStates = _wrapper.ForwardLayer.Cell.StateCount;
        TorchResult forward = _forward.Forward(call with { States = [.. call.States.Take(forwardStates)] });
        TorchResult backward = _backward.Forward(call with { States = [.. call.States.Skip(forwardStates)] });
        torch.Tensor f = forward.Outputs[0], b = backward.Outputs[0];
        if (_wrapper.ForwardLayer.ReturnSequences) b = b.flip(1);
        torch.Tensor merged = _wrapper.MergeMode switch
        {
            MergeMode.Concat => torch.cat([f, b], -1),
            MergeMode.Sum => f + b,
            MergeMode.Mul => f * b,
            _ => (f + b) * 0.5f,
        };
        return new TorchResult([merged, .. forward.Outputs.Skip(1), .. backward.Outputs.Skip(1)], forward.Mask);
    }

    public override void Dispose()
    {
        _forward.Dispose();
        _backward.Dispose();
    }
}
