using NotebookRnn.Kernels;
using NotebookRnn.Layers;
using NotebookRnn.Layers.Recurrent;
using NotebookRnn.Sequences;
using NotebookRnn.Tensors;

namespace NotebookRnn.Tests.Layers.Recurrent;

/// <summary>The plan's schedule and index lists: real positions from lengths, state rows, output and input rows.</summary>
public class RecurrentPlanTests
{
    [Fact]
    public void Real_steps_from_lengths_equal_those_read_step_by_step()
    {
        var random = new RandomGenerator(8);
        for (int trial = 0; trial < 60; trial++)
        {
            int batch = random.NextInt(1, 7), steps = random.NextInt(1, 9);
            bool goBackwards = trial % 2 == 0;
            SequenceMask mask = trial % 3 == 2
                ? RecurrentGradientTests.Mask("scattered", batch, steps)!
                : SequenceMask.FromLengths([.. Enumerable.Range(0, batch).Select(_ => random.NextInt(0, steps + 1))], steps,
                    trial % 3 == 0 ? Padding.Post : Padding.Pre);
            RecurrentPlan plan = RecurrentPlan.Create(batch, steps, 2, 1, 1, mask, packing: true, unrolled: false, goBackwards);
            for (int i = 0; i < batch; i++)
            {
                int b = plan.Order[i];
                int[] real = [.. Enumerable.Range(0, steps).Select(p => goBackwards ? steps - 1 - p : p).Where(t => mask.IsValid(b, t))];
                Assert.Equal(real.Length, plan.Lengths[i]);
                for (int s = 0; s < real.Length; s++) Assert.Equal(b * steps + real[s], plan.InputRows[plan.StepOffsets[s] + i]);
            }
        }
    }

    [Fact]
    public void Index_lists_address_state_rows_initial_states_first()
    {
        // Lengths [2, 0, 1] of 3, post-padded: sorted rows are samples 0, 2, 1; step 0 computes rows 0–1, step 1 row 2.
        SequenceMask mask = SequenceMask.FromLengths([2, 0, 1], 3, Padding.Post);
        RecurrentPlan plan = RecurrentPlan.Create(3, 3, 4, 1, 2, mask, packing: true, unrolled: false, goBackwards: false);
        Assert.Equal([0, 2, 1], plan.Order);
        Assert.Equal([2, 1], plan.ActiveRowsPerStep);
        // State rows: 0–2 the initial states of sorted rows 0–2, then 3 + computed row.
        Assert.Equal([5, 4, 2], plan.FinalStateRows);
        Assert.Equal([3, 5, 5, -1, -1, -1, 4, 4, 4], plan.OutputRows);
        Assert.Equal([5, -1, 4], plan.LastOutputRows);
        Assert.Equal([0, 6, 1], plan.InputRows);
        Assert.Equal(0, plan.PreviousStateRow(0));
        Assert.Equal(3, plan.PreviousStateRow(1));
        Assert.Equal(5, plan.StateRow(1));
    }

    [Fact]
    public void The_dense_masked_plan_gives_carried_steps_no_input_gradient()
    {
        SequenceMask mask = SequenceMask.FromLengths([1, 2], 2, Padding.Pre);
        RecurrentPlan plan = RecurrentPlan.Create(2, 2, 4, 1, 2, mask, packing: false, unrolled: false, goBackwards: false);
        Assert.False(plan.Packed);
        Assert.Equal([0, 2, 1, 3], plan.InputRows);
        Assert.Equal([-1, 2, 1, 3], plan.InputGradientRows);
    }
}
