using NotebookRnn.Layers;
using NotebookRnn.Layers.Recurrent;
using NotebookRnn.Sequences;
using NotebookRnn.Tensors;

namespace NotebookRnn.Tests.Layers.Recurrent;

/// <summary>The one workspace of a loop: shapes from the plan, gradients only when needed, buffers reused.</summary>
public class RecurrentWorkspaceTests
{
    private static RecurrentPlan Plan(RecurrentCell cell, int[] lengths, int steps) =>
        RecurrentPlan.Create(lengths.Length, steps, cell.Units, cell.Gates, cell.Features, SequenceMask.FromLengths(lengths, steps, Padding.Post),
            packing: true, unrolled: false, goBackwards: false);

    [Fact]
    public void Every_buffer_has_the_shape_the_plan_gives()
    {
        RecurrentCell cell = CellSteps.Built(new LSTMCell(3), features: 5, seed: 1);
        RecurrentPlan plan = Plan(cell, [4, 1, 2], 4);
        var workspace = new RecurrentWorkspace(cell, returnSequences: true);
        workspace.Prepare(plan, withGradients: true);
        int rows = 7, states = 3 + rows;
        Assert.Equal(rows, plan.ComputedRowSteps);
        Assert.Equal([rows, 5], workspace.Inputs.Shape);
        Assert.Equal([rows, 12], workspace.Gates.Shape);
        Assert.Equal([rows, 3], workspace.PreviousH.Shape);
        Assert.Equal([states, 3], workspace.H.Shape);
        Assert.Equal([states, 3], workspace.C.Shape);
        Assert.Equal([rows, 3], workspace.Cache.Shape);
        Assert.Equal([3, 4, 3], workspace.Output.Shape);
        Assert.Equal([states, 3], workspace.HGradient.Shape);
        Assert.Equal([3, 4, 5], workspace.InputGradient.Shape);
        Assert.Equal([rows, 0], workspace.RecurrentGateGradients.Shape);
    }

    [Fact]
    public void Gradient_buffers_are_sized_only_when_gradients_are_needed()
    {
        RecurrentCell cell = CellSteps.Built(new GRUCell(4), features: 2, seed: 2);
        var workspace = new RecurrentWorkspace(cell, returnSequences: false);
        RecurrentPlan plan = Plan(cell, [3, 3], 3);
        workspace.Prepare(plan, withGradients: false);
        Assert.Equal(0, workspace.HGradient.Length);
        Assert.Equal([2, 4], workspace.Output.Shape);
        workspace.Prepare(plan, withGradients: true);
        Assert.Equal([8, 4], workspace.HGradient.Shape);
        Assert.Equal([6, 12], workspace.RecurrentGateGradients.Shape);
    }

    [Fact]
    public void A_smaller_batch_reuses_the_buffers_and_the_same_plan_keeps_their_values()
    {
        RecurrentCell cell = CellSteps.Built(new SimpleRNNCell(2), features: 2, seed: 3);
        var workspace = new RecurrentWorkspace(cell, returnSequences: true);
        workspace.Prepare(Plan(cell, [5, 5, 5], 5), withGradients: true);
        Tensor h = workspace.H, gates = workspace.Gates;
        RecurrentPlan small = Plan(cell, [2, 1], 5);
        workspace.Prepare(small, withGradients: true);
        Assert.Same(h, workspace.H);
        Assert.Same(gates, workspace.Gates);
        workspace.H.Span.Fill(7);
        workspace.Prepare(small, withGradients: true);
        Assert.All(workspace.H.ToArray(), v => Assert.Equal(7, v));
    }
}
