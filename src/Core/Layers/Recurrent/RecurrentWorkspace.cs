using NotebookRnn.Data;
using NotebookRnn.Tensors;

namespace NotebookRnn.Layers.Recurrent;

/// <summary>
/// Every buffer of one <see cref="RecurrentLoop"/>, sized in one place (<see cref="Prepare"/>) from the batch's
/// <see cref="RecurrentPlan"/> and the cell; they grow to the largest batch seen and are reused, so training does not
/// allocate. Shapes use B batch, T time steps, F features, U units, G·U the gate width, R the computed row-steps
/// (<see cref="RecurrentPlan.ComputedRowSteps"/>) and S = B + R state rows: row i &lt; B is the initial state of sorted
/// row i, row B + r the state after computed row-step r. Row-steps and sorted rows are in the plan's order; tensors
/// handed to callers (<see cref="Output"/>, final states, gradients) are in batch order.
/// </summary>
internal sealed class RecurrentWorkspace(RecurrentCell cell, bool returnSequences)
{
    private static Tensor None => new(0);

    // Forward

    /// <summary>(R, F): the input row of each computed row-step, after input dropout.</summary>
    public Tensor Inputs { get; private set; } = None;

    /// <summary>(R, G·U): x·W + b, then the activated gates; the backward sweep turns them into dL/d(x·W + b).</summary>
    public Tensor Gates { get; private set; } = None;

    /// <summary>(R, U): the h each row-step's cell saw (after recurrent dropout); the input of the dU GEMM.</summary>
    public Tensor PreviousH { get; private set; } = None;

    /// <summary>(S, U): h of every state row.</summary>
    public Tensor H { get; private set; } = None;

    /// <summary>(S, U): c of every state row (LSTM), else (0, U).</summary>
    public Tensor C { get; private set; } = None;

    /// <summary>(R, cache width): what the cell keeps of each row-step for its backward.</summary>
    public Tensor Cache { get; private set; } = None;

    /// <summary>(B, scratch width): the cell's scratch for one step.</summary>
    public Tensor StepScratch { get; private set; } = None;

    /// <summary>(G·U): one row's gate gradient on the cells' unfused paths.</summary>
    public Tensor RowScratch { get; private set; } = None;

    /// <summary>(B, F): input dropout factors, 0 or 1 / (1 − rate) per feature, one mask per sequence for every step.</summary>
    public Tensor InputDropMask { get; private set; } = None;

    /// <summary>(B, U): recurrent dropout factors on the previous h, one mask per sequence.</summary>
    public Tensor RecurrentDropMask { get; private set; } = None;

    /// <summary>(B, T, U) with returnSequences, else (B, U): the output, batch order.</summary>
    public Tensor Output { get; private set; } = None;

    /// <summary>(B, U): the final h, batch order.</summary>
    public Tensor FinalH { get; private set; } = None;

    /// <summary>(B, U): the final c (LSTM), batch order, else (0, U).</summary>
    public Tensor FinalC { get; private set; } = None;

    // Backward

    /// <summary>(S, U): dL/dh of every state row; rows &lt; B are the initial states' gradients (sorted order).</summary>
    public Tensor HGradient { get; private set; } = None;

    /// <summary>(S, U): dL/dc of every state row (LSTM), else (0, U).</summary>
    public Tensor CGradient { get; private set; } = None;

    /// <summary>(B, U): one step's dL/dh of the previous h, as the cell writes it.</summary>
    public Tensor PreviousHGradient { get; private set; } = None;

    /// <summary>(B, U): one step's dL/dc of the previous c (LSTM), else (0, U).</summary>
    public Tensor PreviousCGradient { get; private set; } = None;

    /// <summary>(B, U): dense masked path: dL/dh of carried rows, set aside while the cell runs.</summary>
    public Tensor HeldH { get; private set; } = None;

    /// <summary>(B, U): the same for dL/dc (LSTM), else (0, U).</summary>
    public Tensor HeldC { get; private set; } = None;

    /// <summary>(R, G·U): dL/d(h·U + b_rec) of every row-step (reset-after GRU), else (R, 0).</summary>
    public Tensor RecurrentGateGradients { get; private set; } = None;

    /// <summary>(R, F): dL/d<see cref="Inputs"/>.</summary>
    public Tensor InputsGradient { get; private set; } = None;

    /// <summary>(B, T, F): dL/dx, batch order.</summary>
    public Tensor InputGradient { get; private set; } = None;

    /// <summary>(B, U): dL/dh₀, batch order.</summary>
    public Tensor InitialHGradient { get; private set; } = None;

    /// <summary>(B, U): dL/dc₀ (LSTM), batch order, else (0, U).</summary>
    public Tensor InitialCGradient { get; private set; } = None;

    /// <summary>
    /// Sizes every buffer for <paramref name="plan"/>; the backward buffers only <paramref name="withGradients"/>.
    /// Buffers keep their values when their shape does not change, so the backward sweep may call it again.
    /// </summary>
    public void Prepare(RecurrentPlan plan, bool withGradients)
    {
        int b = plan.Batch, r = plan.TotalRows, s = b + r, f = plan.Features, u = cell.Units, width = cell.GateWidth;
        bool lstm = cell.StateCount == 2;
        Inputs = Sized(Inputs, r, f);
        Gates = Sized(Gates, r, width);
        PreviousH = Sized(PreviousH, r, u);
        H = Sized(H, s, u);
        C = Sized(C, lstm ? s : 0, u);
        Cache = Sized(Cache, r, cell.CacheWidth);
        StepScratch = Sized(StepScratch, b, cell.ScratchWidth);
        RowScratch = Sized(RowScratch, width);
        InputDropMask = Sized(InputDropMask, b, f);
        RecurrentDropMask = Sized(RecurrentDropMask, b, u);
        Output = returnSequences ? Sized(Output, b, plan.TimeSteps, u) : Sized(Output, b, u);
        FinalH = Sized(FinalH, b, u);
        FinalC = Sized(FinalC, lstm ? b : 0, u);
        if (!withGradients) return;
        HGradient = Sized(HGradient, s, u);
        CGradient = Sized(CGradient, lstm ? s : 0, u);
        PreviousHGradient = Sized(PreviousHGradient, b, u);
        PreviousCGradient = Sized(PreviousCGradient, lstm ? b : 0, u);
        HeldH = Sized(HeldH, b, u);
        HeldC = Sized(HeldC, lstm ? b : 0, u);
        RecurrentGateGradients = Sized(RecurrentGateGradients, r, cell.HasRecurrentGateGradients ? width : 0);
        InputsGradient = Sized(InputsGradient, r, f);
        InputGradient = Sized(InputGradient, b, plan.TimeSteps, f);
        InitialHGradient = Sized(InitialHGradient, b, u);
        InitialCGradient = Sized(InitialCGradient, lstm ? b : 0, u);
    }

    // A buffer whose shape already fits is returned as it is, so a steady run of equal batches allocates nothing here.
    private static Tensor Sized(Tensor buffer, int rows, int columns) =>
        buffer.Rank == 2 && buffer.Dim(0) == rows && buffer.Dim(1) == columns ? buffer : Reused(buffer, [rows, columns]);

    private static Tensor Sized(Tensor buffer, int batch, int steps, int columns) =>
        buffer.Rank == 3 && buffer.Dim(0) == batch && buffer.Dim(1) == steps && buffer.Dim(2) == columns ? buffer : Reused(buffer, [batch, steps, columns]);

    private static Tensor Sized(Tensor buffer, int length) => buffer.Rank == 1 && buffer.Length == length ? buffer : Reused(buffer, [length]);

    private static Tensor Reused(Tensor buffer, int[] shape)
    {
        Tensor? reused = buffer;
        return Tensor.Reuse(ref reused, shape);
    }
}
