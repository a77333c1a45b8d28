using NotebookRnn.Initializers;
using NotebookRnn.Kernels;

namespace NotebookRnn.Layers.Recurrent;

/// <summary>
/// One step of Keras's SimpleRNN (Keras <c>SimpleRNNCell</c>): with x (batch, features) and h (batch, units),
/// h' = activation(x·W + h·U + b), default tanh. Weights: kernel W (features, units), recurrent kernel U
/// (units, units), bias (units). States: [h].
/// </summary>
public sealed class SimpleRNNCell : RecurrentCell
{
    /// <summary>Creates the cell; give it weights with <see cref="RecurrentCell.Build"/>, or let a <see cref="SimpleRNN"/> layer do.</summary>
    /// <param name="units">Size of h, &gt; 0.</param>
    /// <param name="activation">Default tanh.</param>
    /// <param name="useBias">Whether a layer building the cell gives it a bias; default true.</param>
    /// <param name="kernelInitializer">Of the input kernel; default glorot_uniform.</param>
    /// <param name="recurrentInitializer">Of the recurrent kernel; default orthogonal.</param>
    /// <param name="biasInitializer">Of the bias; default zeros.</param>
    /// <exception cref="ArgumentOutOfRangeException">units ≤ 0.</exception>
    /// <exception cref="ArgumentException">The activation is softmax (not elementwise).</exception>
    public SimpleRNNCell(int units, ActivationFunction? activation = null,
        bool useBias = true, Initializer? kernelInitializer = null, Initializer? recurrentInitializer = null, Initializer? biasInitializer = null)
        : base(units, activation, ActivationFunction.Sigmoid, useBias, kernelInitializer, recurrentInitializer, biasInitializer)
    {
    }

    /// <inheritdoc/>
    public override int Gates => 1;

    internal override void StepForward(in RecurrentStep step)
    {
        int size = step.Rows * Units;
        MultiplyRecurrentKernel(step.Rows, step.PreviousH, 1f, step.Gates);
        Activation.Forward(step.Gates[..size], step.H[..size], Units);
    }

    // dz = dh ⊙ f'(h); dhPrev = dz·Uᵀ
    internal override void StepBackward(in RecurrentStep step)
    {
        int size = step.Rows * Units;
        Activation.Backward(step.H[..size], step.HGradient[..size], step.Gates[..size], Units);
        MultiplyRecurrentKernelTransposed(step.Rows, step.Gates, 0f, step.PreviousHGradient);
    }

    // dU += hPrevᵀ·dz over all row-steps
    internal override void AccumulateRecurrentGradients(in RecurrentStep rows) =>
        Gemm.Multiply(true, false, Units, Units, rows.Rows, 1f, rows.PreviousH, Units, rows.Gates, Units, 1f,
            RecurrentKernel.Gradient.Span, Units);
}
