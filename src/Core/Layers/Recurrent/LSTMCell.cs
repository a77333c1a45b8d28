using System.Runtime.CompilerServices;
using NotebookRnn.Initializers;
using NotebookRnn.Kernels;
using NotebookRnn.Tensors;

namespace NotebookRnn.Layers.Recurrent;

/// <summary>
/// One step of Keras's LSTM (Keras <c>LSTMCell</c>), gate order i, f, c, o. With x (batch, features) and the states
/// h, c (batch, units): z = x·W + h·U + b (batch, 4·units); i = σ(z_i), f = σ(z_f), g = tanh(z_c), o = σ(z_o);
/// c' = f ⊙ c + i ⊙ g; h' = o ⊙ tanh(c'). σ is the recurrent activation (default sigmoid), tanh the activation.
/// Weights: kernel W (features, 4·units), recurrent kernel U (units, 4·units), bias (4·units). States: [h, c].
/// </summary>
/// <remarks>With Keras's activations and a lane-multiple width, a step runs the fused gate kernels.</remarks>
public sealed class LSTMCell : RecurrentCell
{
    private readonly bool _fused;

    /// <summary>Creates the cell; give it weights with <see cref="RecurrentCell.Build"/>, or let an <see cref="LSTM"/> layer do.</summary>
    /// <param name="units">Size of h and c, &gt; 0.</param>
    /// <param name="activation">Of the candidate and the cell output; default tanh.</param>
    /// <param name="recurrentActivation">Of the gates; default sigmoid (<c>"hard_sigmoid"</c> is Keras 3's, <c>"hard_sigmoid_keras2"</c> Keras 2's).</param>
    /// <param name="useBias">Whether a layer building the cell gives it a bias; default true.</param>
    /// <param name="kernelInitializer">Of the input kernel; default glorot_uniform.</param>
    /// <param name="recurrentInitializer">Of the recurrent kernel; default orthogonal.</param>
    /// <param name="biasInitializer">Of the bias; default zeros.</param>
    /// <param name="unitForgetBias">Start the forget-gate bias at 1, after the bias initializer (default true).</param>
    /// <exception cref="ArgumentOutOfRangeException">units ≤ 0.</exception>
    /// <exception cref="ArgumentException">An activation is softmax (not elementwise).</exception>
    public LSTMCell(int units, ActivationFunction? activation = null, ActivationFunction? recurrentActivation = null,
        bool useBias = true, Initializer? kernelInitializer = null, Initializer? recurrentInitializer = null, Initializer? biasInitializer = null,
        bool unitForgetBias = true)
        : base(units, activation, recurrentActivation, useBias, kernelInitializer, recurrentInitializer, biasInitializer)
    {
        UnitForgetBias = unitForgetBias;
        _fused = VectorMath.FitsLanes(units) && Activation.Kind == ActivationKind.Tanh && RecurrentActivation.Kind == ActivationKind.Sigmoid;
    }

    /// <summary>Whether the forget-gate bias starts at 1 (Keras's <c>unit_forget_bias</c>).</summary>
    public bool UnitForgetBias { get; }

    /// <inheritdoc/>
    public override int Gates => 4;

    /// <inheritdoc/>
    public override int StateCount => 2;

    internal override void InitializeBias(Span<float> bias, RandomGenerator random)
    {
        base.InitializeBias(bias, random);
        if (UnitForgetBias) bias.Slice(Units, Units).Fill(1);
    }

    // The cache holds tanh(c') of every row-step.
    internal override int CacheWidth => Units;

    // The per-batch loops here are AggressiveOptimization: fully optimised from their first call, not tier-0 code that a
    // busy notebook kernel would keep running for epochs (issue 13).
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    internal override void StepForward(in RecurrentStep step)
    {
        int n = step.Rows, u = Units;
        Span<float> gates = step.Gates, c = step.C, cellActivation = step.Cache;
        MultiplyRecurrentKernel(n, step.PreviousH, 1f, gates);
        if (_fused)
        {
            LstmKernels.Forward(n, u, gates, step.PreviousC, c, cellActivation, step.H);
            return;
        }
        for (int r = 0; r < n; r++)
        {
            Span<float> g = gates.Slice(r * GateWidth, GateWidth);
            RecurrentActivation.Forward(g[..(2 * u)], g[..(2 * u)], u);
            Activation.Forward(g.Slice(2 * u, u), g.Slice(2 * u, u), u);
            RecurrentActivation.Forward(g.Slice(3 * u, u), g.Slice(3 * u, u), u);
            Span<float> cRow = c.Slice(r * u, u), tc = cellActivation.Slice(r * u, u), hRow = step.H.Slice(r * u, u);
            ElementwiseKernels.Multiply(g.Slice(u, u), step.PreviousC.Slice(r * u, u), cRow);
            ElementwiseKernels.MultiplyAdd(g[..u], g.Slice(2 * u, u), cRow, cRow);
            Activation.Forward(cRow, tc, u);
            ElementwiseKernels.Multiply(g.Slice(3 * u, u), tc, hRow);
        }
    }

    // dc_total = dc + dh ⊙ o ⊙ act'(c'); do = dh ⊙ tanh(c') ⊙ σ'; di = dc_total ⊙ g ⊙ σ'; dg = dc_total ⊙ i ⊙ act';
    // df = dc_total ⊙ c ⊙ σ'; dcPrev = dc_total ⊙ f; dhPrev = dGates·Uᵀ
    internal override void StepBackward(in RecurrentStep step)
    {
        if (_fused)
            LstmKernels.Backward(step.Rows, Units, step.Gates, step.PreviousC, step.Cache, step.HGradient, step.CGradient, step.PreviousCGradient);
        else BackwardGates(step);
        MultiplyRecurrentKernelTransposed(step.Rows, step.Gates, 0f, step.PreviousHGradient);
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void BackwardGates(in RecurrentStep step)
    {
        int u = Units;
        Span<float> d = step.RowScratch;
        for (int r = 0; r < step.Rows; r++)
        {
            Span<float> g = step.Gates.Slice(r * GateWidth, GateWidth);
            ReadOnlySpan<float> tc = step.Cache.Slice(r * u, u), dhRow = step.HGradient.Slice(r * u, u), dcRow = step.CGradient.Slice(r * u, u);
            ReadOnlySpan<float> cPrevRow = step.PreviousC.Slice(r * u, u);
            Span<float> dcTotal = step.PreviousCGradient.Slice(r * u, u);
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

    // dU += hPrevᵀ·dGates over all row-steps
    internal override void AccumulateRecurrentGradients(in RecurrentStep rows) =>
        Gemm.Multiply(true, false, Units, GateWidth, rows.Rows, 1f, rows.PreviousH, Units, rows.Gates, GateWidth, 1f,
            RecurrentKernel.Gradient.Span, GateWidth);
}
