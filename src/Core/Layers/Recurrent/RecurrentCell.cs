using NotebookRnn.Kernels;

namespace NotebookRnn;

/// <summary>
/// One step of a recurrent layer on n active rows (Keras's "cell"). The shared loop in <see cref="RecurrentLayer"/>
/// owns ordering, masking, reversal and the input projection; a cell owns the recurrent GEMM and the gate math.
/// Gate buffers are row-major (rows, gates·units) in Keras gate order; on entry to <see cref="StepForward"/> they
/// hold the input projection x·W (+ input bias), on exit the activated gates; <see cref="StepBackward"/> turns
/// them into gradients with respect to the input projection.
/// </summary>
internal abstract class RecurrentCell(int units, ActivationFunction activation, ActivationFunction recurrentActivation)
{
    public int Units { get; } = units;
    public ActivationFunction Activation { get; } = activation;
    public ActivationFunction RecurrentActivation { get; } = recurrentActivation;
    public abstract int Gates { get; }
    public virtual int StateCount => 1;
    public int GateWidth => Gates * Units;

    private readonly PackedMatrix _stepKernel = new(), _stepKernelTransposed = new();

    public Parameter Kernel { get; private set; } = null!;
    public Parameter RecurrentKernel { get; private set; } = null!;
    public Parameter? Bias { get; private set; }

    public void Bind(Parameter kernel, Parameter recurrentKernel, Parameter? bias)
    {
        Kernel = kernel;
        RecurrentKernel = recurrentKernel;
        Bias = bias;
    }

    /// <summary>The shape of the bias weight.</summary>
    public virtual int[] BiasShape => [GateWidth];

    /// <summary>The part of the bias added to the input projection.</summary>
    public virtual ReadOnlySpan<float> InputBias => Bias is null ? default : Bias.Value.Span;

    /// <summary>The part of the bias gradient that belongs to the input projection.</summary>
    public virtual Span<float> InputBiasGradient => Bias is null ? default : Bias.Gradient.Span;

    /// <summary>Sizes the caches for a batch that computes <paramref name="totalRows"/> row-steps.</summary>
    public virtual void Prepare(int totalRows, int maxActiveRows) { }

    /// <summary>One step: gates (n, G·U) hold x·W + b on entry; writes h (and c) of the n rows.</summary>
    /// <param name="n">Active rows.</param>
    /// <param name="offset">Index of the step's first row in the batch's computed rows (for caches).</param>
    /// <param name="gates">(n, G·U), x-projection in, activated gates out.</param>
    /// <param name="hPrev">(n, U) previous h as the cell sees it (after recurrent dropout).</param>
    /// <param name="cPrev">(n, U) previous c (LSTM only).</param>
    /// <param name="h">(n, U) new h.</param>
    /// <param name="c">(n, U) new c (LSTM only).</param>
    public abstract void StepForward(int n, int offset, Span<float> gates, ReadOnlySpan<float> hPrev, ReadOnlySpan<float> cPrev,
        Span<float> h, Span<float> c);

    /// <summary>
    /// Back through one step: turns the activated gates into dL/d(x-projection) in place and writes (not adds)
    /// dL/dhPrev and dL/dcPrev for the n rows.
    /// </summary>
    public abstract void StepBackward(int n, int offset, Span<float> gates, ReadOnlySpan<float> hPrev, ReadOnlySpan<float> cPrev,
        ReadOnlySpan<float> h, ReadOnlySpan<float> dh, ReadOnlySpan<float> dc, Span<float> dhPrev, Span<float> dcPrev);

    /// <summary>After the backward sweep: adds the recurrent kernel's (and recurrent bias's) gradient in large GEMMs.</summary>
    /// <param name="totalRows">All computed row-steps.</param>
    /// <param name="hPrevAll">(totalRows, U) the hPrev each row-step saw.</param>
    /// <param name="inputGateGradients">(totalRows, G·U) dL/d(x-projection).</param>
    public abstract void AccumulateRecurrentGradients(int totalRows, ReadOnlySpan<float> hPrevAll, ReadOnlySpan<float> inputGateGradients);

    /// <summary>
    /// Packs the recurrent kernel U (for the forward sweep) or Uᵀ (for the backward sweep) once, for the step GEMMs
    /// of <see cref="MultiplyRecurrentKernel"/> and <see cref="MultiplyRecurrentKernelTransposed"/>. Called at the
    /// start of each sweep: the optimizer changes U between batches.
    /// </summary>
    public virtual void PackRecurrentKernel(bool forward)
    {
        if (forward) _stepKernel.Pack(false, Units, GateWidth, RecurrentKernel.Value.Span, GateWidth);
        else _stepKernelTransposed.Pack(true, GateWidth, Units, RecurrentKernel.Value.Span, GateWidth);
    }

    /// <summary>gates (n, G·U) = hPrev·U + β·gates, with U as packed for this forward sweep.</summary>
    protected void MultiplyRecurrentKernel(int n, ReadOnlySpan<float> hPrev, float beta, Span<float> gates) =>
        Gemm.Multiply(false, n, 1f, hPrev, Units, Packed(_stepKernel, Units, GateWidth), beta, gates, GateWidth);

    /// <summary>dhPrev (n, U) = dGates·Uᵀ + β·dhPrev, with Uᵀ as packed for this backward sweep.</summary>
    protected void MultiplyRecurrentKernelTransposed(int n, ReadOnlySpan<float> gateGradients, float beta, Span<float> dhPrev) =>
        Gemm.Multiply(false, n, 1f, gateGradients, GateWidth, Packed(_stepKernelTransposed, GateWidth, Units), beta, dhPrev, Units);

    private PackedMatrix Packed(PackedMatrix pack, int depth, int columns) =>
        pack.Depth == depth && pack.Columns == columns ? pack
            : throw new InvalidOperationException($"{GetType().Name}: the recurrent kernel was not packed for this sweep.");

    /// <summary>The recurrent GEMM hPrev·U added into the gate columns [column, column + width), unpacked.</summary>
    protected void AddRecurrentProjection(int n, ReadOnlySpan<float> hPrev, Span<float> gates, int column, int width) =>
        Gemm.Multiply(false, false, n, width, Units, 1f, hPrev, Units, RecurrentKernel.Value.Span[column..], GateWidth,
            1f, gates[column..], GateWidth);
}
