using NotebookRnn.Layers;
using NotebookRnn.Layers.Recurrent;
using TorchSharp;

namespace NotebookRnn.TorchSharp.Layers.Recurrent;

/// <summary>
/// The managed recurrent loop's semantics step by step in libtorch operations, for what no libtorch module computes
/// (other activations, GRU reset before, masks with holes, recurrent dropout, stacked cells): the input projection of
/// every step in one product, then one <see cref="TorchCell.Step"/> per step in processing order. A masked step carries
/// every state; the returned sequence shows at a masked position the latest real output before it (zeros before the
/// first), or zeros with zeroOutputForMask; the last output is the latest real one (zeros for a row without real steps).
/// </summary>
internal sealed class StepLoop(RecurrentLayer layer, TorchCell cell)
{
    /// <summary>The cell the loop steps.</summary>
    public TorchCell Cell => cell;

    // x: (batch, steps, features) → y: (batch, steps, units) or (batch, units), and the final states, each (batch, width)
    /// <summary>Runs the layer over <paramref name="x"/> (input dropout applied) from <paramref name="initial"/> states (null: zeros).</summary>
    public (torch.Tensor Output, torch.Tensor[] States) Forward(torch.Tensor x, SequenceMask? mask, IReadOnlyList<torch.Tensor>? initial,
        torch.Tensor? recurrentMask)
    {
        long batch = x.shape[0], steps = x.shape[1];
        if (layer.GoBackwards) x = x.flip(1);
        torch.Tensor? real = RealSteps(mask, x.device);
        torch.Tensor projected = cell.Project(x);
        torch.Tensor[] states = initial is null
            ? [.. cell.StateSizes.Select(size => torch.zeros(batch, size, device: x.device))]
            : [.. initial];
        torch.Tensor? latest = real is null ? null : torch.zeros(batch, cell.StateSizes[cell.OutputState], device: x.device);
        var outputs = new List<torch.Tensor>();
        for (long t = 0; t < steps; t++)
        {
            torch.Tensor[] next = cell.Step(projected.select(1, t), states, recurrentMask);
            torch.Tensor h = next[cell.OutputState];
            if (real is null)
            {
                states = next;
                if (layer.ReturnSequences) outputs.Add(h);
                continue;
            }
            torch.Tensor isReal = real.select(1, t).unsqueeze(1);
            for (int k = 0; k < states.Length; k++) states[k] = torch.where(isReal, next[k], states[k]);
            latest = torch.where(isReal, h, latest!);
            if (layer.ReturnSequences) outputs.Add(layer.ZeroOutputForMask ? torch.where(isReal, h, torch.zeros_like(h)) : latest);
        }
        torch.Tensor output = layer.ReturnSequences
            ? (outputs.Count > 0 ? torch.stack(outputs, 1) : torch.zeros(batch, 0, cell.StateSizes[cell.OutputState], device: x.device))
            : latest ?? states[cell.OutputState];
        return (output, states);
    }

    // (batch, steps) booleans in processing order, true at real steps; null when nothing is masked.
    private torch.Tensor? RealSteps(SequenceMask? mask, torch.Device device)
    {
        if (mask is not { HasPadding: true }) return null;
        torch.Tensor flags = torch.tensor(mask.Flags.ToArray(), [mask.Batch, mask.Steps], device: device);
        return layer.GoBackwards ? flags.flip(1) : flags;
    }
}
