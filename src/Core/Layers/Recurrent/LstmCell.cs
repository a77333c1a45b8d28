using System.Runtime.CompilerServices;
using NotebookRnn.Kernels;

namespace NotebookRnn;

/// <summary>
/// Keras LSTM, gate order i, f, c, o: i = σ(·), f = σ(·), g = tanh(·), o = σ(·) of x·W + h·U + b;
/// c' = f ⊙ c + i ⊙ g; h' = o ⊙ tanh(c'). σ is the recurrent activation, tanh the activation.
/// </summary>
internal sealed class LstmCell(int units, ActivationFunction activation, ActivationFunction recurrentActivation)
    : RecurrentCell(units, activation, recurrentActivation)
{
    // Keras's defaults with a lane-multiple width take the fused kernels; anything else the per-activation path.
    private readonly bool _fused = VectorMath.FitsLanes(units) && activation.Kind == ActivationKind.Tanh &&
        recurrentActivation.Kind == ActivationKind.Sigmoid;
    private Tensor? _cellActivation;
    private float[] _rowGradient = [];

    public override int Gates => 4;
    public override int StateCount => 2;

    public override void Prepare(int totalRows, int maxActiveRows)
    {
        Tensor.Reuse(ref _cellActivation, totalRows, Units);
        if (_rowGradient.Length < GateWidth) _rowGradient = new float[GateWidth];
    }

    // The per-batch loops here are AggressiveOptimization: fully optimised from their first call, not tier-0 code that a
    // busy notebook kernel would keep running for epochs (issue 13).
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public override void StepForward(int n, int offset, Span<float> gates, ReadOnlySpan<float> hPrev, ReadOnlySpan<float> cPrev,
        Span<float> h, Span<float> c)
    {
        int u = Units;
        MultiplyRecurrentKernel(n, hPrev, 1f, gates);
        Span<float> cellActivation = _cellActivation!.Span.Slice(offset * u, n * u);
        if (_fused)
        {
            LstmKernels.Forward(n, u, gates, cPrev, c, cellActivation, h);
            return;
        }
        for (int r = 0; r < n; r++)
        {
            Span<float> g = gates.Slice(r * GateWidth, GateWidth);
            RecurrentActivation.Forward(g[..(2 * u)], g[..(2 * u)], u);
            Activation.Forward(g.Slice(2 * u, u), g.Slice(2 * u, u), u);
            RecurrentActivation.Forward(g.Slice(3 * u, u), g.Slice(3 * u, u), u);
            Span<float> cRow = c.Slice(r * u, u), tc = cellActivation.Slice(r * u, u), hRow = h.Slice(r * u, u);
            ElementwiseKernels.Multiply(g.Slice(u, u), cPrev.Slice(r * u, u), cRow);
            ElementwiseKernels.MultiplyAdd(g[..u], g.Slice(2 * u, u), cRow, cRow);
            Activation.Forward(cRow, tc, u);
            ElementwiseKernels.Multiply(g.Slice(3 * u, u), tc, hRow);
        }
    }

    // dc_total = dc + dh ⊙ o ⊙ act'(c'); do = dh ⊙ tanh(c') ⊙ σ'; di = dc_total ⊙ g ⊙ σ'; dg = dc_total ⊙ i ⊙ act';
    // df = dc_total ⊙ c ⊙ σ'; dcPrev = dc_total ⊙ f; dhPrev = dGates·Uᵀ
    public override void StepBackward(int n, int offset, Span<float> gates, ReadOnlySpan<float> hPrev, ReadOnlySpan<float> cPrev,
        ReadOnlySpan<float> h, ReadOnlySpan<float> dh, ReadOnlySpan<float> dc, Span<float> dhPrev, Span<float> dcPrev)
    {
        int u = Units;
        ReadOnlySpan<float> cellActivation = _cellActivation!.Span.Slice(offset * u, n * u);
        if (_fused) LstmKernels.Backward(n, u, gates, cPrev, cellActivation, dh, dc, dcPrev);
        else BackwardGates(n, gates, cPrev, cellActivation, dh, dc, dcPrev);
        MultiplyRecurrentKernelTransposed(n, gates, 0f, dhPrev);
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void BackwardGates(int n, Span<float> gates, ReadOnlySpan<float> cPrev, ReadOnlySpan<float> cellActivation,
        ReadOnlySpan<float> dh, ReadOnlySpan<float> dc, Span<float> dcPrev)
    {
        int u = Units;
        Span<float> d = _rowGradient.AsSpan(0, GateWidth);
        for (int r = 0; r < n; r++)
        {
            Span<float> g = gates.Slice(r * GateWidth, GateWidth);
            ReadOnlySpan<float> tc = cellActivation.Slice(r * u, u), dhRow = dh.Slice(r * u, u), dcRow = dc.Slice(r * u, u);
            ReadOnlySpan<float> cPrevRow = cPrev.Slice(r * u, u);
            Span<float> dcTotal = dcPrev.Slice(r * u, u);
            ReadOnlySpan<float> i = g[..u], f = g.Slice(u, u), cell = g.Slice(2 * u, u), o = g.Slice(3 * u, u);
            ElementwiseKernels.Multiply(dhRow, o, d[..u]);
            Activation.Backward(tc, d[..u], dcTotal, u);
            ElementwiseKernels.Add(dcTotal, dcRow, dcTotal);
            ElementwiseKernels.Multiply(dhRow, tc, d.Slice(3 * u, u));
            ElementwiseKernels.Multiply(dcTotal, cell, d[..u]);
            ElementwiseKernels.Multiply(dcTotal, cPrevRow, d.Slice(u, u));
            ElementwiseKernels.Multiply(dcTotal, i, d.Slice(2 * u, u));
            ElementwiseKernels.Multiply(dcTotal, f, dcTotal);
            RecurrentActivation.Backward(g[..(2 * u)], d[..(2 * u)], g[..(2 * u)], u);
            Activation.Backward(g.Slice(2 * u, u), d.Slice(2 * u, u), g.Slice(2 * u, u), u);
            RecurrentActivation.Backward(g.Slice(3 * u, u), d.Slice(3 * u, u), g.Slice(3 * u, u), u);
        }
    }

    public override void AccumulateRecurrentGradients(int totalRows, ReadOnlySpan<float> hPrevAll, ReadOnlySpan<float> inputGateGradients) =>
        Gemm.Multiply(true, false, Units, GateWidth, totalRows, 1f, hPrevAll, Units, inputGateGradients, GateWidth, 1f,
            RecurrentKernel.Gradient.Span, GateWidth);
}
