using NotebookRnn.Layers;
using NotebookRnn.Layers.Recurrent;
using TorchSharp;

namespace NotebookRnn.TorchSharp.Layers.Recurrent;

/// <summary>
/// <see cref="GRUCell"/> in libtorch operations (gates z, r, h): z = σ(x·Wz + h·Uz + b_z), r = σ(x·Wr + h·Ur + b_r),
/// h' = z ⊙ h + (1 − z) ⊙ h̃ with h̃ = act(x·Wh + bₓ + r ⊙ (h·Uh + b_rec)) reset after, or act(x·Wh + b + (r ⊙ h)·Uh)
/// reset before. As in the managed loop, h is the dropped-out previous h wherever the step reads it. State: h.
/// </summary>
internal sealed class GruCellOnTorch(GRUCell cell, Func<Parameter, torch.Tensor> weight) : TorchCell
{
    public override int StateCount => 1;

    public override IReadOnlyList<int> StateSizes => [cell.Units];

    // The input bias: the bias's first row reset after, the whole bias reset before.
    public override torch.Tensor Project(torch.Tensor x)
    {
        torch.Tensor projected = x.matmul(weight(cell.Kernel));
        if (cell.Bias is null) return projected;
        return projected + (cell.ResetAfter ? weight(cell.Bias)[0] : weight(cell.Bias));
    }

    public override torch.Tensor[] Step(torch.Tensor projected, torch.Tensor[] states, torch.Tensor? recurrentMask)
    {
        torch.Tensor h = Dropped(states[0], recurrentMask), u = weight(cell.RecurrentKernel);
        torch.Tensor[] x = projected.chunk(3, 1);
        int units = cell.Units;
        torch.Tensor z, candidate;
        if (cell.ResetAfter)
        {
            torch.Tensor recurrent = h.matmul(u);
            if (cell.Bias is not null) recurrent = recurrent + weight(cell.Bias)[1];
            torch.Tensor[] hu = recurrent.chunk(3, 1);
            z = TorchActivations.Apply(cell.RecurrentActivation, x[0] + hu[0]);
            torch.Tensor r = TorchActivations.Apply(cell.RecurrentActivation, x[1] + hu[1]);
            candidate = TorchActivations.Apply(cell.Activation, x[2] + r * hu[2]);
        }
        else
        {
            torch.Tensor[] zr = (torch.cat([x[0], x[1]], 1) + h.matmul(u[.., ..(2 * units)])).chunk(2, 1);
            z = TorchActivations.Apply(cell.RecurrentActivation, zr[0]);
            torch.Tensor r = TorchActivations.Apply(cell.RecurrentActivation, zr[1]);
            candidate = TorchActivations.Apply(cell.Activation, x[2] + (r * h).matmul(u[.., (2 * units)..]));
        }
        return [z * h + (1 - z) * candidate];
    }
}
