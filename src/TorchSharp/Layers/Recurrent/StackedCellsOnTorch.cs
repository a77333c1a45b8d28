using NotebookRnn.Layers.Recurrent;
using TorchSharp;

namespace NotebookRnn.TorchSharp.Layers.Recurrent;

/// <summary>
/// <see cref="StackedRNNCells"/> in libtorch operations: at each step cell k + 1 reads cell k's new h; the states are
/// every cell's, bottom cell first, and the output is the top cell's h.
/// </summary>
internal sealed class StackedCellsOnTorch(IReadOnlyList<TorchCell> cells) : TorchCell
{
    public override int StateCount => cells.Sum(c => c.StateCount);

    public override IReadOnlyList<int> StateSizes => [.. cells.SelectMany(c => c.StateSizes)];

    public override int OutputState => StateCount - cells[^1].StateCount + cells[^1].OutputState;

    // Only the bottom cell's input is known for every step at once.
    public override torch.Tensor Project(torch.Tensor x) => cells[0].Project(x);

    public override torch.Tensor[] Step(torch.Tensor projected, torch.Tensor[] states, torch.Tensor? recurrentMask)
    {
        var next = new List<torch.Tensor>(states.Length);
        for (int k = 0, first = 0; k < cells.Count; first += cells[k].StateCount, k++)
        {
            TorchCell cell = cells[k];
            torch.Tensor input = k == 0 ? projected : cell.Project(next[first - cells[k - 1].StateCount + cells[k - 1].OutputState]);
            next.AddRange(cell.Step(input, states[first..(first + cell.StateCount)], recurrentMask: null));
        }
        return [.. next];
    }
}
