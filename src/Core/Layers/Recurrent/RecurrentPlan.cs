using System.Runtime.CompilerServices;
using NotebookRnn.Data;
using NotebookRnn.Kernels;

namespace NotebookRnn.Layers.Recurrent;

/// <summary>
/// What a recurrent layer runs for one batch: which rows are active at each step, what was skipped, and the cost.
/// The unroll graph is drawn from it and the benchmark counts FLOPs with it, so it is built from the very index
/// arrays the loop executes, not from a second model of them.
/// </summary>
/// <remarks>
/// Rows are ordered by real length (longest first) once per batch; with a mask, step s runs only the rows that
/// still have a real step s ("packing"), so padded steps are never computed. Without packing (or without a mask)
/// every row runs every step and masked rows carry their state.
/// </remarks>
public sealed class RecurrentPlan
{
    internal RecurrentPlan(int batch, int timeSteps, int units, int gates, int features, bool packed, bool unrolled,
        bool goBackwards, int[] order, int[] lengths, int[] activeRows, int[] stepOffsets, int[] inputRows, bool[]? keep,
        bool zeroOutputForMask)
    {
        Batch = batch;
        TimeSteps = timeSteps;
        Units = units;
        Gates = gates;
        Features = features;
        Packed = packed;
        Unrolled = unrolled;
        GoBackwards = goBackwards;
        _order = order;
        Lengths = lengths;
        ActiveRowsPerStep = activeRows;
        StepOffsets = stepOffsets;
        InputRows = inputRows;
        Keep = keep;
        TotalRows = stepOffsets.Length == 0 ? 0 : stepOffsets[^1] + (activeRows.Length == 0 ? 0 : activeRows[^1]);
        InputGradientRows = keep is null ? inputRows : BuildInputGradientRows();
        OutputRows = BuildOutputRows(carryMasked: true);
        (LastOutputRows, FinalStateRows) = BuildStateRows();
        ZeroOutputForMask = zeroOutputForMask;
        if (zeroOutputForMask && (packed || keep is not null)) OutputRows = BuildOutputRows(carryMasked: false);
    }

    private readonly int[] _order;

    /// <summary>Sequences in the batch.</summary>
    public int Batch { get; }

    /// <summary>Time steps of the (padded) input.</summary>
    public int TimeSteps { get; }

    /// <summary>Hidden units of the layer.</summary>
    public int Units { get; }

    /// <summary>Gates of the cell (1 SimpleRNN, 3 GRU, 4 LSTM).</summary>
    public int Gates { get; }

    /// <summary>Input features per step.</summary>
    public int Features { get; }

    /// <summary>Whether padded steps are skipped (rows ordered by length, active rows shrinking per step).</summary>
    public bool Packed { get; }

    /// <summary>Whether the layer was built with <c>unroll: true</c> (fixed time dimension, static plan).</summary>
    public bool Unrolled { get; }

    /// <summary>Whether the sequence is processed last step first.</summary>
    public bool GoBackwards { get; }

    /// <summary>
    /// Whether masked positions of the returned sequence are zeros (Keras's <c>zero_output_for_mask</c>) rather than the
    /// latest real output before them; the last output and the final states are the same either way.
    /// </summary>
    public bool ZeroOutputForMask { get; }

    /// <summary>Steps the loop runs (the longest real length when packed, else <see cref="TimeSteps"/>).</summary>
    public int Steps => ActiveRowsPerStep.Count;

    /// <summary>Rows computed at each step.</summary>
    public IReadOnlyList<int> ActiveRowsPerStep { get; }

    /// <summary>Real steps of each row in processing order (index = position in <see cref="Order"/>).</summary>
    public IReadOnlyList<int> Lengths { get; }

    /// <summary>The batch rows in the order the loop keeps them (longest first when packed).</summary>
    public IReadOnlyList<int> Order => _order;

    /// <summary>Row-steps computed (Σ active rows).</summary>
    public int ComputedRowSteps => TotalRows;

    /// <summary>Row-steps that are real data.</summary>
    public int RealRowSteps => Lengths.Sum();

    /// <summary>Row-steps that are padding (batch × time − real).</summary>
    public int PaddedRowSteps => Batch * TimeSteps - RealRowSteps;

    /// <summary>Padded row-steps that were not computed thanks to packing.</summary>
    public int SkippedRowSteps => Batch * TimeSteps - ComputedRowSteps;

    /// <summary>FLOPs of the input projection of all computed row-steps (one GEMM): 2·rows·features·gates·units.</summary>
    public double InputProjectionFlops => 2.0 * TotalRows * Features * Gates * Units;

    /// <summary>Forward FLOPs of step s: the recurrent GEMM (2·n·units·gates·units) plus ≈ 10 per gate value.</summary>
    public double StepFlops(int step)
    {
        double n = ActiveRowsPerStep[step];
        return 2 * n * Units * Gates * Units + 10 * n * Gates * Units;
    }

    /// <summary>Bytes the step touches: the recurrent kernel plus the rows' gates, state and input projection.</summary>
    public double StepBytes(int step) =>
        4.0 * (Units * Gates * Units + ActiveRowsPerStep[step] * (2 * Gates * Units + 3 * Units));

    /// <summary>
    /// Whether sorted row <paramref name="sortedRow"/> (a position in <see cref="Order"/>) processes a real step at loop
    /// step <paramref name="step"/>: when packed, steps past its length are skipped (never computed); otherwise a
    /// masked step is computed and its state carried over unchanged.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">The row or step is outside the plan.</exception>
    public bool IsRealStep(int sortedRow, int step)
    {
        if ((uint)sortedRow >= (uint)Batch)
            throw new ArgumentOutOfRangeException(nameof(sortedRow), sortedRow, $"Expected a row in [0, {Batch}).");
        if ((uint)step >= (uint)Steps)
            throw new ArgumentOutOfRangeException(nameof(step), step, $"Expected a step in [0, {Steps}).");
        if (Packed) return step < Lengths[sortedRow];
        return Keep is null || Keep[StepOffsets[step] + sortedRow];
    }

    /// <summary>Forward FLOPs of the whole batch.</summary>
    public double TotalFlops => InputProjectionFlops + Enumerable.Range(0, Steps).Sum(StepFlops);

    // The loop keeps states in "state rows": row i < Batch is the initial state of sorted row i, row Batch + r the
    // state after computed row-step r (step s computes rows [StepOffsets[s], StepOffsets[s] + ActiveRowsPerStep[s])).
    // The index lists below are what its gather and scatter kernels read.

    /// <summary>The batch row of each sorted row (<see cref="Order"/> as a span).</summary>
    internal ReadOnlySpan<int> SortedSamples => _order;

    internal int[] StepOffsets { get; }

    /// <summary>Dense masked path: whether each computed row-step is real (false: it carries its state), else null.</summary>
    internal bool[]? Keep { get; }

    internal int TotalRows { get; }

    /// <summary>For each computed row-step: the row of the input, seen as (batch · timeSteps, features), it reads (b · timeSteps + t).</summary>
    internal int[] InputRows { get; }

    /// <summary><see cref="InputRows"/>, −1 where the row-step carried a masked step (it receives no input gradient).</summary>
    internal int[] InputGradientRows { get; }

    /// <summary>For row b (batch order) and processing position p: the state row whose h is the output, or −1 (zeros).</summary>
    internal int[] OutputRows { get; }

    /// <summary>For row b (batch order): the state row whose h is the last output, or −1 (zeros, no time steps).</summary>
    internal int[] LastOutputRows { get; }

    /// <summary>For sorted row i: the state row holding its final state (its initial state when it never ran).</summary>
    internal int[] FinalStateRows { get; }

    /// <summary>
    /// The same schedule (order, active rows, positions) for another cell of a stack, whose units, gates and input
    /// features are given: each cell of <see cref="StackedRNNCells"/> runs the batch's one schedule.
    /// </summary>
    internal RecurrentPlan WithCell(int units, int gates, int features) =>
        new(Batch, TimeSteps, units, gates, features, Packed, Unrolled, GoBackwards, _order, (int[])Lengths, (int[])ActiveRowsPerStep,
            StepOffsets, InputRows, Keep, ZeroOutputForMask);

    /// <summary>The first state row of the n rows that step <paramref name="step"/> reads as previous states.</summary>
    internal int PreviousStateRow(int step) => step == 0 ? 0 : Batch + StepOffsets[step - 1];

    /// <summary>The first state row that step <paramref name="step"/> writes.</summary>
    internal int StateRow(int step) => Batch + StepOffsets[step];

    /// <summary>The processing position of computed row-step <paramref name="row"/> of batch row <paramref name="sample"/>.</summary>
    internal int Position(int row, int sample)
    {
        int time = InputRows[row] - sample * TimeSteps;
        return GoBackwards ? TimeSteps - 1 - time : time;
    }

    // The per-batch loops here are AggressiveOptimization: fully optimised from their first call, not tier-0 code that a
    // busy notebook kernel would keep running for epochs (issue 13).
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private int[] BuildOutputRows(bool carryMasked)
    {
        var rows = new int[Batch * TimeSteps];
        Array.Fill(rows, -1);
        for (int i = 0; i < Order.Count; i++)
        {
            int b = Order[i], steps = Packed ? Lengths[i] : Steps;
            for (int s = 0; s < steps; s++)
            {
                int row = StepOffsets[s] + i;
                if (Keep is null || Keep[row]) rows[b * TimeSteps + Position(row, b)] = Batch + row;
            }
            // Masked positions show the latest real output before them (zeros before the first): Keras semantics; with
            // zeroOutputForMask they stay zeros.
            if (!carryMasked) continue;
            int carried = -1;
            for (int p = 0; p < TimeSteps; p++)
            {
                ref int slot = ref rows[b * TimeSteps + p];
                if (slot >= 0) carried = slot;
                else slot = carried;
            }
        }
        return rows;
    }

    private int[] BuildInputGradientRows()
    {
        int[] rows = [.. InputRows];
        for (int row = 0; row < rows.Length; row++) if (!Keep![row]) rows[row] = -1;
        return rows;
    }

    // The last output of each batch row, and the state row holding each sorted row's final state (its initial state
    // when it never ran).
    private (int[] LastOutputs, int[] FinalStates) BuildStateRows()
    {
        int[] lastOutputs = new int[Batch], finalStates = new int[Batch];
        for (int i = 0; i < Batch; i++)
        {
            lastOutputs[i] = TimeSteps == 0 ? -1 : OutputRows[i * TimeSteps + TimeSteps - 1];
            int last = Packed ? Lengths[i] - 1 : Steps - 1;
            finalStates[i] = last < 0 ? i : Batch + StepOffsets[last] + i;
        }
        return (lastOutputs, finalStates);
    }

    /// <summary>Schedules a batch: orders rows, lists each row's real steps and the active rows per step.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    internal static RecurrentPlan Create(int batch, int timeSteps, int units, int gates, int features, SequenceMask? mask,
        bool packing, bool unrolled, bool goBackwards, bool zeroOutputForMask = false)
    {
        // A mask without padding computes what no mask computes: no carried steps to look up.
        if (mask is { HasPadding: false }) mask = null;
        bool packed = packing && mask is not null;
        if (!packed) return Dense(batch, timeSteps, units, gates, features, mask, unrolled, goBackwards, zeroOutputForMask);
        int[] lengths = mask!.Lengths;
        int[] order = [.. Enumerable.Range(0, batch).OrderByDescending(b => lengths[b]).ThenBy(b => b)];
        int steps = batch == 0 ? 0 : lengths[order[0]];
        var active = new int[steps];
        var offsets = new int[steps];
        int total = 0;
        for (int s = 0; s < steps; s++)
        {
            int n = 0;
            while (n < batch && lengths[order[n]] > s) n++;
            active[s] = n;
            offsets[s] = total;
            total += n;
        }
        var inputRows = new int[total];
        var sortedLengths = new int[batch];
        for (int i = 0; i < batch; i++)
        {
            sortedLengths[i] = lengths[order[i]];
            ListRealSteps(mask, order[i], timeSteps, goBackwards, inputRows, offsets, i);
        }
        return new RecurrentPlan(batch, timeSteps, units, gates, features, true, unrolled, goBackwards, order, sortedLengths,
            active, offsets, inputRows, keep: null, zeroOutputForMask);
    }

    // Writes the input rows (b · timeSteps + t) of row b's real steps, in processing order, to its slots
    // (offsets[s] + sortedRow). Contiguous real steps follow from the length and layout; only a mask with holes is
    // read step by step.
    private static void ListRealSteps(SequenceMask mask, int b, int timeSteps, bool goBackwards, int[] inputRows, int[] offsets,
        int sortedRow)
    {
        int length = mask.Lengths[b], first = b * timeSteps;
        if (mask.Layout != MaskLayout.Scattered)
        {
            int start = first + mask.FirstStep(b);
            for (int s = 0; s < length; s++) inputRows[offsets[s] + sortedRow] = goBackwards ? start + length - 1 - s : start + s;
            return;
        }
        for (int p = 0, s = 0; p < timeSteps; p++)
        {
            int t = goBackwards ? timeSteps - 1 - p : p;
            if (mask.IsValid(b, t)) inputRows[offsets[s++] + sortedRow] = first + t;
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static RecurrentPlan Dense(int batch, int timeSteps, int units, int gates, int features, SequenceMask? mask,
        bool unrolled, bool goBackwards, bool zeroOutputForMask)
    {
        int[] order = [.. Enumerable.Range(0, batch)];
        var active = new int[timeSteps];
        var offsets = new int[timeSteps];
        var inputRows = new int[batch * timeSteps];
        bool[]? keep = mask is null ? null : new bool[batch * timeSteps];
        for (int s = 0; s < timeSteps; s++)
        {
            active[s] = batch;
            offsets[s] = s * batch;
            for (int i = 0; i < batch; i++)
            {
                int t = goBackwards ? timeSteps - 1 - s : s;
                inputRows[s * batch + i] = i * timeSteps + t;
                if (keep is not null) keep[s * batch + i] = mask!.IsValid(i, t);
            }
        }
        int[] lengths = mask?.Lengths.ToArray() ?? [.. Enumerable.Repeat(timeSteps, batch)];
        return new RecurrentPlan(batch, timeSteps, units, gates, features, false, unrolled, goBackwards, order, lengths,
            active, offsets, inputRows, keep, zeroOutputForMask);
    }
}
