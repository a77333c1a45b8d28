using NotebookRnn.Data;
using NotebookRnn.Layers.Recurrent;

namespace NotebookRnn.Notebook.Views;

/// <summary>Reads from a <see cref="RecurrentPlan"/> what each step did for one sample of the batch.</summary>
/// <remarks>
/// <see cref="RecurrentPlan.IsRealStep"/> answers from the very index arrays the loop runs: a packed plan skips the
/// steps past a row's length (never computed); a dense plan with a mask computes every row at every step and carries
/// the state over the masked ones.
/// </remarks>
internal static class PlanSteps
{
    /// <summary>The position of batch row <paramref name="sample"/> in the plan's processing order.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The batch has no such row.</exception>
    public static int SortedRow(RecurrentPlan plan, int sample)
    {
        if (sample < 0 || sample >= plan.Batch)
            throw new ArgumentOutOfRangeException(nameof(sample), sample,
                $"The batch has {Format.Plural(plan.Batch, "sample")} (0 … {plan.Batch - 1}), so there is no sample {sample}.");
        for (int i = 0; i < plan.Order.Count; i++)
            if (plan.Order[i] == sample) return i;
        throw new InvalidOperationException($"Sample {sample} is missing from the plan's order.");
    }

    /// <summary>What step <paramref name="step"/> (processing order, &lt; <see cref="RecurrentPlan.Steps"/>) did for sorted row <paramref name="sortedRow"/>.</summary>
    public static StepState State(RecurrentPlan plan, int sortedRow, int step) =>
        plan.IsRealStep(sortedRow, step) ? StepState.Real : plan.Packed ? StepState.Skipped : StepState.Carried;
}
