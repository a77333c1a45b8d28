using NotebookRnn.Constraints;
using NotebookRnn.Initializers;
using NotebookRnn.Kernels;
using NotebookRnn.Regularizers;
using NotebookRnn.Tensors;

namespace NotebookRnn.Layers;

/// <summary>
/// A fully connected layer, <c>y = f(x·W + b)</c>, applied to the last axis:
/// x: (batch, …, inputDim) → y: (batch, …, units). W is (inputDim, units), b is (units).
/// </summary>
public sealed class Dense : Layer, IOutputActivation
{
    private Parameter? _kernel, _bias;
    private Tensor? _input, _preActivation, _output, _preActivationGradient, _inputGradient;

    /// <summary>Creates the layer.</summary>
    /// <param name="units">Output size, &gt; 0.</param>
    /// <param name="activation">Activation applied last; default linear.</param>
    /// <param name="useBias">Whether to add a bias; default true.</param>
    /// <param name="kernelInitializer">Default <c>glorot_uniform</c>.</param>
    /// <param name="biasInitializer">Default <c>zeros</c>.</param>
    /// <param name="kernelRegularizer">Penalty on W added to the training loss; default none.</param>
    /// <param name="biasRegularizer">Penalty on b; default none.</param>
    /// <param name="activityRegularizer">Penalty on the output y, divided by the batch size; default none.</param>
    /// <param name="kernelConstraint">Projection of W after each optimizer step; default none.</param>
    /// <param name="biasConstraint">Projection of b after each optimizer step; default none.</param>
    /// <param name="inputShape">Input shape without batch, for a model's first layer.</param>
    /// <param name="name">Layer name.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="units"/> ≤ 0.</exception>
    public Dense(int units, ActivationFunction? activation = null, bool useBias = true,
        Initializer? kernelInitializer = null, Initializer? biasInitializer = null, Regularizer? kernelRegularizer = null,
        Regularizer? biasRegularizer = null, Regularizer? activityRegularizer = null, Constraint? kernelConstraint = null,
        Constraint? biasConstraint = null, int?[]? inputShape = null, string? name = null) : base(name, inputShape)
    {
        if (units <= 0) throw new ArgumentOutOfRangeException(nameof(units), units, "Expected units > 0.");
        Units = units;
        Activation = activation ?? ActivationFunction.Linear;
        UseBias = useBias;
        KernelInitializer = kernelInitializer ?? new GlorotUniform();
        BiasInitializer = biasInitializer ?? new Zeros();
        KernelRegularizer = kernelRegularizer;
        BiasRegularizer = biasRegularizer;
        ActivityRegularizer = activityRegularizer;
        KernelConstraint = kernelConstraint;
        BiasConstraint = biasConstraint;
    }

    /// <summary>Output size.</summary>
    public int Units { get; }

    /// <summary>Activation applied last.</summary>
    public ActivationFunction Activation { get; }

    /// <summary>Whether a bias is added.</summary>
    public bool UseBias { get; }

    /// <summary>Initializer of W.</summary>
    public Initializer KernelInitializer { get; }

    /// <summary>Initializer of b.</summary>
    public Initializer BiasInitializer { get; }

    /// <summary>Penalty on W, or <c>null</c>.</summary>
    public Regularizer? KernelRegularizer { get; }

    /// <summary>Penalty on b, or <c>null</c>.</summary>
    public Regularizer? BiasRegularizer { get; }

    /// <summary>Projection of W after each optimizer step, or <c>null</c>.</summary>
    public Constraint? KernelConstraint { get; }

    /// <summary>Projection of b after each optimizer step, or <c>null</c>.</summary>
    public Constraint? BiasConstraint { get; }

    /// <summary>W, shape (inputDim, units).</summary>
    public Parameter Kernel => _kernel ?? throw NotBuilt();

    /// <summary>b, shape (units), or <c>null</c> without bias.</summary>
    public Parameter? Bias => _bias;

    /// <inheritdoc/>
    public override bool SupportsMasking => true;

    ActivationFunction IOutputActivation.OutputActivation => Activation;
    Tensor IOutputActivation.PreActivation => _preActivation ?? throw NotBuilt();

    /// <inheritdoc/>
    public override int?[] ComputeOutputShape(int?[] inputShape)
    {
        if (inputShape.Length == 0 || inputShape[^1] is null)
            throw new ArgumentException(
                $"Dense '{Name}' needs a known last dimension, got input shape {Tensor.ShapeText(inputShape)}.", nameof(inputShape));
        return [.. inputShape[..^1], Units];
    }

    /// <inheritdoc/>
    protected override void OnBuild(int?[] inputShape, RandomGenerator random)
    {
        _kernel = AddWeight("kernel", [inputShape[^1]!.Value, Units], KernelInitializer, random, KernelRegularizer, KernelConstraint);
        if (UseBias) _bias = AddWeight("bias", [Units], BiasInitializer, random, BiasRegularizer, BiasConstraint);
    }

    // x: (batch, …, inputDim) → y: (batch, …, units)
    /// <inheritdoc/>
    public override Tensor Forward(Tensor input, SequenceMask? mask, bool training)
    {
        CheckInput(input);
        int inputDim = input.Dim(-1), rows = input.Length / Math.Max(1, inputDim);
        int[] outputShape = [.. input.Shape.Take(input.Rank - 1), Units];
        bool linear = Activation.Kind == ActivationKind.Linear;
        Tensor pre = Tensor.Reuse(ref _preActivation, outputShape);
        Gemm.Multiply(false, false, rows, Units, inputDim, 1f, input.Span, Kernel.Value.Span, 0f, pre.Span);
        if (_bias is not null) ActivationKernels.AddBias(pre.Span, _bias.Value.Span);
        _input = input;
        if (linear) return pre;
        Tensor output = Tensor.Reuse(ref _output, outputShape);
        Activation.Forward(pre.Span, output.Span, Units);
        return output;
    }

    // dy: (batch, …, units) → dx: (batch, …, inputDim); dW += xᵀ·dz, db += Σ dz
    /// <inheritdoc/>
    public override Tensor? Backward(Tensor outputGradient, bool needInputGradient)
    {
        if (Activation.Kind == ActivationKind.Linear) return BackwardFromPreActivation(outputGradient, needInputGradient);
        Tensor dz = Tensor.Reuse(ref _preActivationGradient, [.. outputGradient.Shape]);
        Activation.Backward(_output!.Span, outputGradient.Span, dz.Span, Units);
        return BackwardFromPreActivation(dz, needInputGradient);
    }

    /// <inheritdoc cref="IOutputActivation.BackwardFromPreActivation"/>
    public Tensor? BackwardFromPreActivation(Tensor preActivationGradient, bool needInputGradient)
    {
        Tensor input = _input ?? throw new InvalidOperationException($"Dense '{Name}': Backward called before Forward.");
        int inputDim = input.Dim(-1), rows = input.Length / Math.Max(1, inputDim);
        Gemm.Multiply(true, false, inputDim, Units, rows, 1f, input.Span, preActivationGradient.Span, 1f, Kernel.Gradient.Span);
        if (_bias is not null) ActivationKernels.AccumulateColumnSums(preActivationGradient.Span, _bias.Gradient.Span);
        if (!needInputGradient) return null;
        Tensor dx = Tensor.Reuse(ref _inputGradient, [.. input.Shape]);
        Gemm.Multiply(false, true, rows, inputDim, Units, 1f, preActivationGradient.Span, Kernel.Value.Span, 0f, dx.Span);
        return dx;
    }
}
