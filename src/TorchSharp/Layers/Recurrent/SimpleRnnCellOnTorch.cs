using NotebookRnn.Layers;
using NotebookRnn.Layers.Recurrent;
using TorchSharp;

namespace NotebookRnn.TorchSharp.Layers.Recurrent;

/// <summary><see cref="SimpleRNNCell"/> in libtorch operations: h' = act(x·W + b + h·U). State: h.</summary>
internal sealed class SimpleRnnCellOnTorch(SimpleRNNCell cell, Func<Parameter, torch.Tensor> weight) : TorchCell
{
    public override int StateCount => 1;

    public override IReadOnlyList<int> StateSizes => [cell.Units];

    public override torch.Tensor Project(torch.Tensor x) =>
        cell.Bias is null ? x.matmul(weight(cell.Kernel)) : x.matmul(weight(cell.Kernel)) + weight(cell.Bias);

    public override torch.Tensor[] Step(torch.Tensor projected, torch.Tensor[] states, torch.Tensor? recurrentMask) =>
        [TorchActivations.Apply(cell.Activation, projected + Dropped(states[0], recurrentMask).matmul(weight(cell.RecurrentKernel)))];
}
