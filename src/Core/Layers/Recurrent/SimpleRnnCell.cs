using NotebookRnn.Kernels;

namespace NotebookRnn;

/// <summary>h' = f(x·W + h·U + b).</summary>
internal sealed class SimpleRnnCell(int units, ActivationFunction activation)
    : RecurrentCell(units, activation, ActivationFunction.Sigmoid)
{
    public override int Gates => 1;

    public override void StepForward(int n, int offset, Span<float> gates, ReadOnlySpan<float> hPrev, ReadOnlySpan<float> cPrev,
        Span<float> h, Span<float> c)
    {
        MultiplyRecurrentKernel(n, hPrev, 1f, gates);
        Activation.Forward(gates[..(n * Units)], h[..(n * Units)], Units);
    }

    // dz = dh ⊙ f'(h); dhPrev = dz·Uᵀ
    public override void StepBackward(int n, int offset, Span<float> gates, ReadOnlySpan<float> hPrev, ReadOnlySpan<float> cPrev,
        ReadOnlySpan<float> h, ReadOnlySpan<float> dh, ReadOnlySpan<float> dc, Span<float> dhPrev, Span<float> dcPrev)
    {
        int size = n * Units;
        Activation.Backward(h[..size], dh[..size], gates[..size], Units);
        MultiplyRecurrentKernelTransposed(n, gates, 0f, dhPrev);
    }

    public override void AccumulateRecurrentGradients(int totalRows, ReadOnlySpan<float> hPrevAll, ReadOnlySpan<float> inputGateGradients) =>
        Gemm.Multiply(true, false, Units, Units, totalRows, 1f, hPrevAll, Units, inputGateGradients, Units, 1f,
            RecurrentKernel.Gradient.Span, Units);
}
