using NotebookRnn.Layers;
using NotebookRnn.Layers.Recurrent;
using NotebookRnn.Tensors;
using NotebookRnn.TorchSharp.Tensors;
using TorchSharp;

namespace NotebookRnn.TorchSharp.Layers.Recurrent;

/// <summary>
/// A recurrent layer (<see cref="LSTM"/>, <see cref="GRU"/>, <see cref="SimpleRNN"/>, <see cref="RNN"/>) on libtorch. The
/// common case runs on libtorch's module (<see cref="RecurrentModule"/>: Keras's activations, GRU reset after, no mask
/// or a padding mask, no recurrent dropout in training); everything else runs the managed loop's semantics step by step
/// (<see cref="StepLoop"/>). Around both, what the layer owns: initial states (a functional call's, else the states a
/// stateful layer carries, which are kept in the layer itself so that the managed backend and <c>ResetStates</c> see
/// them), and the dropout masks, drawn from the layer's own stream as the managed loop draws them, so both backends
/// drop the same values. Outputs: the output, then the final states.
/// </summary>
internal sealed class RecurrentOnTorch : TorchLayer
{
    private readonly RecurrentLayer _layer;
    private readonly RecurrentModule? _module;
    private readonly StepLoop _loop;
    private bool _moduleStale, _weightsStale;

    public RecurrentOnTorch(RecurrentLayer layer, torch.Device device) : base(layer, device)
    {
        _layer = layer;
        _loop = new StepLoop(layer, TorchCell.For(layer.Cell, WeightOf));
        _module = RecurrentModule.For(layer, device);
    }

    private torch.Tensor WeightOf(Parameter parameter)
    {
        int index = Layer.Parameters.ToList().IndexOf(parameter);
        return index >= 0 ? Weight(index) : throw new InvalidOperationException($"'{parameter.Name}' is not a weight of layer '{Layer.Name}'.");
    }

    /// <summary>Marks the weights for upload: each forward pass copies them to the form it runs (module or step loop), once.</summary>
    public override void Upload() => _moduleStale = _weightsStale = true;

    public override void AddGradients()
    {
        _module?.AddGradients();
        base.AddGradients();
    }

    // x: (batch, steps, features) → y: (batch, units) or (batch, steps, units), then the final states
    public override TorchResult Forward(TorchCall call)
    {
        int batch = (int)call.X.shape[0];
        IReadOnlyList<torch.Tensor>? initial = call.States.Count > 0 ? call.States : CarriedStates(batch);
        (torch.Tensor? inputMask, torch.Tensor? recurrentMask) = DropoutMasks(call.Training, batch, (int)call.X.shape[2]);
        torch.Tensor x = inputMask is null ? call.X : call.X * inputMask.unsqueeze(1);
        (torch.Tensor output, torch.Tensor[] states) = UsesModule(call.Mask, recurrentMask)
            ? RunModule(x, call.Mask, initial, call.Training)
            : RunLoop(x, call.Mask, initial, recurrentMask);
        if (_layer.Stateful) Carry(states);
        return new TorchResult([output, .. states], _layer.ReturnSequences ? call.Mask : null);
    }

    private bool UsesModule(SequenceMask? mask, torch.Tensor? recurrentMask) =>
        _module is not null && recurrentMask is null && mask is not { Layout: MaskLayout.Scattered };

    private (torch.Tensor, torch.Tensor[]) RunModule(torch.Tensor x, SequenceMask? mask, IReadOnlyList<torch.Tensor>? initial, bool training)
    {
        if (_moduleStale) _module!.Upload();
        _moduleStale = false;
        return _module!.Forward(x, mask, initial, training);
    }

    private (torch.Tensor, torch.Tensor[]) RunLoop(torch.Tensor x, SequenceMask? mask, IReadOnlyList<torch.Tensor>? initial, torch.Tensor? recurrentMask)
    {
        if (_weightsStale) base.Upload();
        _weightsStale = false;
        return _loop.Forward(x, mask, initial, recurrentMask);
    }

    // The managed loop draws, in training, the input mask (batch, features) and then the recurrent mask (batch, units),
    // each only when its rate is > 0, from the layer's dropout stream: the same draws give the same masks.
    private (torch.Tensor? Input, torch.Tensor? Recurrent) DropoutMasks(bool training, int batch, int features)
    {
        if (!training || _layer.DropoutRandom is not { } random) return (null, null);
        torch.Tensor? Draw(double rate, int width)
        {
            if (rate <= 0) return null;
            var factors = new float[batch * width];
            random.FillDropMask(factors, rate);
            return TorchTransfer.ToTorch(factors, [batch, width], Device);
        }
        torch.Tensor? input = Draw(_layer.Dropout, features);
        return (input, Draw(_layer.RecurrentDropout, _layer.Units));
    }

    // A stateful layer starts from the states it carries (checked as the managed layer checks them), or zeros.
    private torch.Tensor[]? CarriedStates(int batch)
    {
        if (!_layer.Stateful || _layer.CarriedStates is not { } carried) return null;
        _layer.CheckStates(carried, batch);
        return [.. carried.Select(state => TorchTransfer.ToTorch(state, Device))];
    }

    private void Carry(torch.Tensor[] states) =>
        _layer.CarriedStates = [.. states.Select(state =>
        {
            Tensor? host = null;
            return TorchTransfer.ToHost(state.detach(), ref host);
        })];

    public override void Dispose()
    {
        _module?.Dispose();
        base.Dispose();
    }
}
