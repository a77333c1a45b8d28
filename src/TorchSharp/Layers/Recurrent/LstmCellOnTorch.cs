using NotebookRnn.Layers;
using NotebookRnn.Layers.Recurrent;
using TorchSharp;

namespace NotebookRnn.TorchSharp.Layers.Recurrent;

/// <summary>
/// <see cref="LSTMCell"/> in libtorch operations: z = x·W + b + h·U (gates i, f, c, o); i, f, o = σ(z), g = act(z_c);
/// c' = f ⊙ c + i ⊙ g; h' = o ⊙ act(c'). States: h, c.
/// </summary>
internal sealed class LstmCellOnTorch(LSTMCell cell, Func<Parameter, torch.Tensor> weight) : TorchCell
{
    public override int StateCount => 2;

    public override IReadOnlyList<int> StateSizes => [cell.Units, cell.Units];

    public override torch.Tensor Project(torch.Tensor x) =>
        cell.Bias is null ? x.matmul(weight(cell.Kernel)) : x.matmul(weight(cell.Kernel)) + weight(cell.Bias);

    public override torch.Tensor[] Step(torch.Tensor projected, torch.Tensor[] states, torch.Tensor? recurrentMask)
    {
        torch.Tensor z = projected + Dropped(states[0], recurrentMask).matmul(weight(cell.RecurrentKernel));
        torch.Tensor[] gates = z.chunk(4, 1);
        torch.Tensor i = TorchActivations.Apply(cell.RecurrentActivation, gates[0]), f = TorchActivations.Apply(cell.RecurrentActivation, gates[1]);
        torch.Tensor g = TorchActivations.Apply(cell.Activation, gates[2]), o = TorchActivations.Apply(cell.RecurrentActivation, gates[3]);
        torch.Tensor c = f * states[1] + i * g;
        return [o * TorchActivations.Apply(cell.Activation, c), c];
    }
}
