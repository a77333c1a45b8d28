using System.Runtime.CompilerServices;
using NotebookRnn.Kernels;

namespace NotebookRnn;

/// <summary>
/// Keras GRU, gate order z, r, h: z = σ(x·Wz + h·Uz + b), r = σ(x·Wr + h·Ur + b), h' = z ⊙ h + (1 − z) ⊙ h̃.
/// With <c>resetAfter</c> (Keras 3 default, PyTorch's GRU): h̃ = tanh(x·Wh + bₓ + r ⊙ (h·Uh + b_rec)) and the bias
/// is (2, 3·units): input bias, recurrent bias. Without: h̃ = tanh(x·Wh + (r ⊙ h)·Uh + b), bias (3·units).
/// </summary>
internal sealed class GruCell(int units, ActivationFunction activation, ActivationFunction recurrentActivation, bool resetAfter)
    : RecurrentCell(units, activation, recurrentActivation)
{
    // Keras's defaults with a lane-multiple width take the fused kernels; anything else the per-activation path.
    private readonly bool _fused = resetAfter && VectorMath.FitsLanes(units) && activation.Kind == ActivationKind.Tanh &&
        recurrentActivation.Kind == ActivationKind.Sigmoid;
    // resetAfter: h·Uh + b_rec per row-step; otherwise r ⊙ hPrev per row-step.
    private Tensor? _candidateCache;
    private Tensor? _recurrentGateGradients;
    private Tensor? _recurrentProjection;
    private float[] _rowGradient = [];
    private float[] _scratch = [];

    public bool ResetAfter { get; } = resetAfter;
    public override int Gates => 3;
    public override int[] BiasShape => ResetAfter ? [2, GateWidth] : [GateWidth];
    public override ReadOnlySpan<float> InputBias => Bias is null ? default : Bias.Value.Span[..GateWidth];
    public override Span<float> InputBiasGradient => Bias is null ? default : Bias.Gradient.Span[..GateWidth];

    public override void Prepare(int totalRows, int maxActiveRows)
    {
        Tensor.Reuse(ref _candidateCache, totalRows, Units);
        if (ResetAfter)
        {
            Tensor.Reuse(ref _recurrentGateGradients, totalRows, GateWidth);
            Tensor.Reuse(ref _recurrentProjection, Math.Max(1, maxActiveRows), GateWidth);
        }
        if (_rowGradient.Length < GateWidth) _rowGradient = new float[GateWidth];
    }

    // Only the reset-after form multiplies all of U at every step; reset-before multiplies two column blocks apart.
    public override void PackRecurrentKernel(bool forward)
    {
        if (ResetAfter) base.PackRecurrentKernel(forward);
    }

    public override void StepForward(int n, int offset, Span<float> gates, ReadOnlySpan<float> hPrev, ReadOnlySpan<float> cPrev,
        Span<float> h, Span<float> c)
    {
        if (ResetAfter) ForwardResetAfter(n, offset, gates, hPrev, h);
        else ForwardResetBefore(n, offset, gates, hPrev, h);
    }

    // The per-batch loops here are AggressiveOptimization: fully optimised from their first call, not tier-0 code that a
    // busy notebook kernel would keep running for epochs (issue 13).
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void ForwardResetAfter(int n, int offset, Span<float> gates, ReadOnlySpan<float> hPrev, Span<float> h)
    {
        int u = Units, w = GateWidth;
        Span<float> projection = _recurrentProjection!.Span[..(n * w)];
        MultiplyRecurrentKernel(n, hPrev, 0f, projection);
        if (Bias is not null) ActivationKernels.AddBias(projection, Bias.Value.Span[w..]);
        Span<float> candidate = _candidateCache!.Span.Slice(offset * u, n * u);
        if (_fused)
        {
            GruKernels.Forward(n, u, gates, projection, hPrev, candidate, h);
            return;
        }
        for (int r = 0; r < n; r++)
        {
            Span<float> g = gates.Slice(r * w, w), p = projection.Slice(r * w, w);
            for (int j = 0; j < 2 * u; j++) g[j] += p[j];
            RecurrentActivation.Forward(g[..(2 * u)], g[..(2 * u)], u);
            p.Slice(2 * u, u).CopyTo(candidate.Slice(r * u, u));
            for (int j = 0; j < u; j++) g[2 * u + j] += g[u + j] * p[2 * u + j];
            Activation.Forward(g.Slice(2 * u, u), g.Slice(2 * u, u), u);
            Interpolate(g, hPrev.Slice(r * u, u), h.Slice(r * u, u));
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void ForwardResetBefore(int n, int offset, Span<float> gates, ReadOnlySpan<float> hPrev, Span<float> h)
    {
        int u = Units, w = GateWidth;
        AddRecurrentProjection(n, hPrev, gates, 0, 2 * u);
        Span<float> resetState = _candidateCache!.Span.Slice(offset * u, n * u);
        for (int r = 0; r < n; r++)
        {
            Span<float> g = gates.Slice(r * w, w);
            RecurrentActivation.Forward(g[..(2 * u)], g[..(2 * u)], u);
            for (int j = 0; j < u; j++) resetState[r * u + j] = g[u + j] * hPrev[r * u + j];
        }
        Gemm.Multiply(false, false, n, u, u, 1f, resetState, u, RecurrentKernel.Value.Span[(2 * u)..], w, 1f, gates[(2 * u)..], w);
        for (int r = 0; r < n; r++)
        {
            Span<float> g = gates.Slice(r * w, w);
            Activation.Forward(g.Slice(2 * u, u), g.Slice(2 * u, u), u);
            Interpolate(g, hPrev.Slice(r * u, u), h.Slice(r * u, u));
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void Interpolate(ReadOnlySpan<float> g, ReadOnlySpan<float> hPrev, Span<float> h)
    {
        int u = Units;
        for (int j = 0; j < u; j++) h[j] = g[j] * hPrev[j] + (1 - g[j]) * g[2 * u + j];
    }

    // The backward of Interpolate, h' = z ⊙ h + (1 − z) ⊙ h̃: d[z] = dh ⊙ (h − h̃), d[h̃] = dh ⊙ (1 − z) (both before their
    // activations' derivatives), and the direct part of dhPrev = dh ⊙ z.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void InterpolationGradients(ReadOnlySpan<float> g, ReadOnlySpan<float> hPrev, ReadOnlySpan<float> dh, Span<float> d,
        Span<float> dhPrev)
    {
        int u = Units;
        for (int j = 0; j < u; j++)
        {
            d[j] = dh[j] * (hPrev[j] - g[2 * u + j]);
            d[2 * u + j] = dh[j] * (1 - g[j]);
            dhPrev[j] = dh[j] * g[j];
        }
    }

    public override void StepBackward(int n, int offset, Span<float> gates, ReadOnlySpan<float> hPrev, ReadOnlySpan<float> cPrev,
        ReadOnlySpan<float> h, ReadOnlySpan<float> dh, ReadOnlySpan<float> dc, Span<float> dhPrev, Span<float> dcPrev)
    {
        if (ResetAfter) BackwardResetAfter(n, offset, gates, hPrev, dh, dhPrev);
        else BackwardResetBefore(n, offset, gates, hPrev, dh, dhPrev);
    }

    // dz = dh ⊙ (h − h̃) ⊙ σ'; dh̃ = dh ⊙ (1 − z) ⊙ act'; dr = dh̃ ⊙ (h·Uh + b_rec) ⊙ σ';
    // recurrent gate gradients = [dz, dr, dh̃ ⊙ r]; dhPrev = dh ⊙ z + [dz, dr, dh̃ ⊙ r]·Uᵀ
    private void BackwardResetAfter(int n, int offset, Span<float> gates, ReadOnlySpan<float> hPrev, ReadOnlySpan<float> dh, Span<float> dhPrev)
    {
        int u = Units, w = GateWidth;
        ReadOnlySpan<float> candidate = _candidateCache!.Span.Slice(offset * u, n * u);
        Span<float> recurrent = _recurrentGateGradients!.Span.Slice(offset * w, n * w);
        if (_fused) GruKernels.Backward(n, u, gates, candidate, hPrev, dh, recurrent, dhPrev);
        else ResetAfterGateGradients(n, gates, candidate, hPrev, dh, recurrent, dhPrev);
        MultiplyRecurrentKernelTransposed(n, recurrent, 1f, dhPrev);
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void ResetAfterGateGradients(int n, Span<float> gates, ReadOnlySpan<float> candidate, ReadOnlySpan<float> hPrev,
        ReadOnlySpan<float> dh, Span<float> recurrent, Span<float> dhPrev)
    {
        int u = Units, w = GateWidth;
        Span<float> d = _rowGradient.AsSpan(0, w);
        for (int r = 0; r < n; r++)
        {
            Span<float> g = gates.Slice(r * w, w), rec = recurrent.Slice(r * w, w);
            ReadOnlySpan<float> hp = hPrev.Slice(r * u, u), dhRow = dh.Slice(r * u, u);
            InterpolationGradients(g, hp, dhRow, d, dhPrev.Slice(r * u, u));
            Activation.Backward(g.Slice(2 * u, u), d.Slice(2 * u, u), d.Slice(2 * u, u), u);
            for (int j = 0; j < u; j++)
            {
                d[u + j] = d[2 * u + j] * candidate[r * u + j];
                rec[2 * u + j] = d[2 * u + j] * g[u + j];
            }
            RecurrentActivation.Backward(g[..(2 * u)], d[..(2 * u)], g[..(2 * u)], u);
            d.Slice(2 * u, u).CopyTo(g.Slice(2 * u, u));
            g[..(2 * u)].CopyTo(rec);
        }
    }

    // dz, dh̃ as above; d(r⊙h) = dh̃·Uhᵀ; dr = d(r⊙h) ⊙ h ⊙ σ'; dhPrev = dh ⊙ z + d(r⊙h) ⊙ r + [dz, dr]·U_zrᵀ
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void BackwardResetBefore(int n, int offset, Span<float> gates, ReadOnlySpan<float> hPrev, ReadOnlySpan<float> dh, Span<float> dhPrev)
    {
        int u = Units, w = GateWidth;
        Span<float> d = _rowGradient.AsSpan(0, w);
        for (int r = 0; r < n; r++)
        {
            Span<float> g = gates.Slice(r * w, w);
            ReadOnlySpan<float> hp = hPrev.Slice(r * u, u), dhRow = dh.Slice(r * u, u);
            InterpolationGradients(g, hp, dhRow, d, dhPrev.Slice(r * u, u));
            Activation.Backward(g.Slice(2 * u, u), d.Slice(2 * u, u), g.Slice(2 * u, u), u);
            RecurrentActivation.Backward(g[..u], d[..u], g[..u], u);
        }
        Span<float> resetStateGradient = ResetStateGradientScratch(n);
        Gemm.Multiply(false, true, n, u, u, 1f, gates[(2 * u)..], w, RecurrentKernel.Value.Span[(2 * u)..], w, 0f, resetStateGradient, u);
        for (int r = 0; r < n; r++)
        {
            Span<float> g = gates.Slice(r * w, w);
            for (int j = 0; j < u; j++)
            {
                float dReset = resetStateGradient[r * u + j];
                dhPrev[r * u + j] += dReset * g[u + j];
                d[u + j] = dReset * hPrev[r * u + j];
            }
            RecurrentActivation.Backward(g.Slice(u, u), d.Slice(u, u), g.Slice(u, u), u);
        }
        Gemm.Multiply(false, true, n, u, 2 * u, 1f, gates, w, RecurrentKernel.Value.Span, w, 1f, dhPrev, u);
    }

    private Span<float> ResetStateGradientScratch(int n)
    {
        if (_scratch.Length < n * Units) _scratch = new float[n * Units];
        return _scratch.AsSpan(0, n * Units);
    }

    public override void AccumulateRecurrentGradients(int totalRows, ReadOnlySpan<float> hPrevAll, ReadOnlySpan<float> inputGateGradients)
    {
        int u = Units, w = GateWidth;
        Span<float> dU = RecurrentKernel.Gradient.Span;
        if (totalRows == 0) return;
        if (ResetAfter)
        {
            ReadOnlySpan<float> recurrent = _recurrentGateGradients!.Span[..(totalRows * w)];
            Gemm.Multiply(true, false, u, w, totalRows, 1f, hPrevAll, u, recurrent, w, 1f, dU, w);
            if (Bias is not null) ActivationKernels.AccumulateColumnSums(recurrent, Bias.Gradient.Span[w..]);
            return;
        }
        Gemm.Multiply(true, false, u, 2 * u, totalRows, 1f, hPrevAll, u, inputGateGradients, w, 1f, dU, w);
        Gemm.Multiply(true, false, u, u, totalRows, 1f, _candidateCache!.Span[..(totalRows * u)], u, inputGateGradients[(2 * u)..], w,
            1f, dU[(2 * u)..], w);
    }
}
