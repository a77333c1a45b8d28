using System.Runtime.CompilerServices;
using NotebookRnn.Initializers;
using NotebookRnn.Kernels;

namespace NotebookRnn.Layers.Recurrent;

/// <summary>
/// One step of Keras's GRU (Keras <c>GRUCell</c>), gate order z, r, h. With x (batch, features) and h (batch, units):
/// z = σ(x·Wz + h·Uz + b_z), r = σ(x·Wr + h·Ur + b_r), h' = z ⊙ h + (1 − z) ⊙ h̃. With <see cref="ResetAfter"/>
/// (Keras 3 default, PyTorch's GRU) h̃ = tanh(x·Wh + bₓ + r ⊙ (h·Uh + b_rec)) and the bias is (2, 3·units): input bias,
/// recurrent bias. Without: h̃ = tanh(x·Wh + (r ⊙ h)·Uh + b), bias (3·units). σ is the recurrent activation (default
/// sigmoid), tanh the activation. Weights: kernel W (features, 3·units), recurrent kernel U (units, 3·units). States: [h].
/// </summary>
/// <remarks>Reset-after with Keras's activations and a lane-multiple width runs the fused gate kernels.</remarks>
public sealed class GRUCell : RecurrentCell
{
    private readonly bool _fused;

    /// <summary>Creates the cell; give it weights with <see cref="RecurrentCell.Build"/>, or let a <see cref="GRU"/> layer do.</summary>
    /// <param name="units">Size of h, &gt; 0.</param>
    /// <param name="activation">Of the candidate; default tanh.</param>
    /// <param name="recurrentActivation">Of the gates; default sigmoid (<c>"hard_sigmoid"</c> is Keras 3's, <c>"hard_sigmoid_keras2"</c> Keras 2's).</param>
    /// <param name="useBias">Whether a layer building the cell gives it a bias; default true.</param>
    /// <param name="kernelInitializer">Of the input kernel; default glorot_uniform.</param>
    /// <param name="recurrentInitializer">Of the recurrent kernel; default orthogonal.</param>
    /// <param name="biasInitializer">Of the bias; default zeros.</param>
    /// <param name="resetAfter">Apply the reset gate after the recurrent projection (default true).</param>
    /// <exception cref="ArgumentOutOfRangeException">units ≤ 0.</exception>
    /// <exception cref="ArgumentException">An activation is softmax (not elementwise).</exception>
    public GRUCell(int units, ActivationFunction? activation = null, ActivationFunction? recurrentActivation = null,
        bool useBias = true, Initializer? kernelInitializer = null, Initializer? recurrentInitializer = null, Initializer? biasInitializer = null,
        bool resetAfter = true)
        : base(units, activation, recurrentActivation, useBias, kernelInitializer, recurrentInitializer, biasInitializer)
    {
        ResetAfter = resetAfter;
        _fused = resetAfter && VectorMath.FitsLanes(units) && Activation.Kind == ActivationKind.Tanh &&
            RecurrentActivation.Kind == ActivationKind.Sigmoid;
    }

    /// <summary>Whether the reset gate is applied after the recurrent projection.</summary>
    public bool ResetAfter { get; }

    /// <inheritdoc/>
    public override int Gates => 3;

    /// <inheritdoc/>
    public override int[] BiasShape => ResetAfter ? [2, GateWidth] : [GateWidth];

    // The cache holds h·Uh + b_rec (reset after) or r ⊙ hPrev (reset before) of every row-step; the scratch one step's
    // h·U + b_rec (reset after) or d(r ⊙ h) (reset before).
    internal override int CacheWidth => Units;
    internal override int ScratchWidth => ResetAfter ? GateWidth : Units;
    internal override bool HasRecurrentGateGradients => ResetAfter;
    internal override ReadOnlySpan<float> InputBias => Bias is null ? default : Bias.Value.Span[..GateWidth];
    internal override Span<float> InputBiasGradient => Bias is null ? default : Bias.Gradient.Span[..GateWidth];

    // Only the reset-after form multiplies all of U at every step; reset-before multiplies two column blocks apart.
    internal override void PackRecurrentKernel(bool forward)
    {
        if (ResetAfter) base.PackRecurrentKernel(forward);
    }

    internal override void StepForward(in RecurrentStep step)
    {
        if (ResetAfter) ForwardResetAfter(step);
        else ForwardResetBefore(step);
    }

    // The per-batch loops here are AggressiveOptimization: fully optimised from their first call, not tier-0 code that a
    // busy notebook kernel would keep running for epochs (issue 13).
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void ForwardResetAfter(in RecurrentStep step)
    {
        int n = step.Rows, u = Units, w = GateWidth;
        Span<float> gates = step.Gates, projection = step.Scratch[..(n * w)], candidate = step.Cache;
        ReadOnlySpan<float> hPrev = step.PreviousH;
        MultiplyRecurrentKernel(n, hPrev, 0f, projection);
        if (Bias is not null) ActivationKernels.AddBias(projection, Bias.Value.Span[w..]);
        if (_fused)
        {
            GruKernels.Forward(n, u, gates, projection, hPrev, candidate, step.H);
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
            Interpolate(g, hPrev.Slice(r * u, u), step.H.Slice(r * u, u));
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void ForwardResetBefore(in RecurrentStep step)
    {
        int n = step.Rows, u = Units, w = GateWidth;
        Span<float> gates = step.Gates, resetState = step.Cache;
        ReadOnlySpan<float> hPrev = step.PreviousH;
        AddRecurrentProjection(n, hPrev, gates, 0, 2 * u);
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
            Interpolate(g, hPrev.Slice(r * u, u), step.H.Slice(r * u, u));
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

    internal override void StepBackward(in RecurrentStep step)
    {
        if (ResetAfter) BackwardResetAfter(step);
        else BackwardResetBefore(step);
    }

    // dz = dh ⊙ (h − h̃) ⊙ σ'; dh̃ = dh ⊙ (1 − z) ⊙ act'; dr = dh̃ ⊙ (h·Uh + b_rec) ⊙ σ';
    // recurrent gate gradients = [dz, dr, dh̃ ⊙ r]; dhPrev = dh ⊙ z + [dz, dr, dh̃ ⊙ r]·Uᵀ
    private void BackwardResetAfter(in RecurrentStep step)
    {
        if (_fused)
            GruKernels.Backward(step.Rows, Units, step.Gates, step.Cache, step.PreviousH, step.HGradient, step.RecurrentGateGradients,
                step.PreviousHGradient);
        else ResetAfterGateGradients(step);
        MultiplyRecurrentKernelTransposed(step.Rows, step.RecurrentGateGradients, 1f, step.PreviousHGradient);
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void ResetAfterGateGradients(in RecurrentStep step)
    {
        int u = Units, w = GateWidth;
        Span<float> d = step.RowScratch;
        ReadOnlySpan<float> candidate = step.Cache;
        for (int r = 0; r < step.Rows; r++)
        {
            Span<float> g = step.Gates.Slice(r * w, w), rec = step.RecurrentGateGradients.Slice(r * w, w);
            ReadOnlySpan<float> hp = step.PreviousH.Slice(r * u, u), dhRow = step.HGradient.Slice(r * u, u);
            InterpolationGradients(g, hp, dhRow, d, step.PreviousHGradient.Slice(r * u, u));
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
    private void BackwardResetBefore(in RecurrentStep step)
    {
        int n = step.Rows, u = Units, w = GateWidth;
        Span<float> gates = step.Gates, dhPrev = step.PreviousHGradient, d = step.RowScratch;
        ReadOnlySpan<float> hPrev = step.PreviousH;
        for (int r = 0; r < n; r++)
        {
            Span<float> g = gates.Slice(r * w, w);
            InterpolationGradients(g, hPrev.Slice(r * u, u), step.HGradient.Slice(r * u, u), d, dhPrev.Slice(r * u, u));
            Activation.Backward(g.Slice(2 * u, u), d.Slice(2 * u, u), g.Slice(2 * u, u), u);
            RecurrentActivation.Backward(g[..u], d[..u], g[..u], u);
        }
        Span<float> resetStateGradient = step.Scratch[..(n * u)];
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

    // Reset after: dU += hPrevᵀ·[dz, dr, dh̃ ⊙ r], db_rec += Σ of the same. Reset before: dU_zr += hPrevᵀ·[dz, dr] and
    // dUh += (r ⊙ hPrev)ᵀ·dh̃.
    internal override void AccumulateRecurrentGradients(in RecurrentStep rows)
    {
        int u = Units, w = GateWidth, total = rows.Rows;
        Span<float> dU = RecurrentKernel.Gradient.Span;
        if (total == 0) return;
        if (ResetAfter)
        {
            ReadOnlySpan<float> recurrent = rows.RecurrentGateGradients[..(total * w)];
            Gemm.Multiply(true, false, u, w, total, 1f, rows.PreviousH, u, recurrent, w, 1f, dU, w);
            if (Bias is not null) ActivationKernels.AccumulateColumnSums(recurrent, Bias.Gradient.Span[w..]);
            return;
        }
        Gemm.Multiply(true, false, u, 2 * u, total, 1f, rows.PreviousH, u, rows.Gates, w, 1f, dU, w);
        Gemm.Multiply(true, false, u, u, total, 1f, rows.Cache[..(total * u)], u, rows.Gates[(2 * u)..], w, 1f, dU[(2 * u)..], w);
    }
}
