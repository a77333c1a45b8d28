using NotebookRnn.Kernels;
using NotebookRnn.Tensors;

namespace NotebookRnn.Layers.Merging;

/// <summary>
/// Averages its inputs elementwise (Keras <c>Average</c>): <c>y = (x₁ + … + xₙ) / n</c>, inputs of one shape or shapes
/// that broadcast (<see cref="Merge"/>). Masked steps are averaged like the others; the output's mask is the union of the
/// inputs' masks when every input has one.
/// </summary>
public sealed class Average : Merge
{
    /// <summary>Creates the layer.</summary>
    /// <param name="name">Layer name.</param>
    public Average(string? name = null) : base(name)
    {
    }

    private protected override void Combine(IReadOnlyList<Tensor> operands, IReadOnlyList<SequenceMask?> masks, int stepSize, Span<float> output)
    {
        operands[0].Span.CopyTo(output);
        for (int k = 1; k < operands.Count; k++) ElementwiseKernels.Add(output, operands[k].Span, output);
        ElementwiseKernels.Multiply(output, 1f / operands.Count, output);
    }

    // ∂y/∂x_k = 1/n
    private protected override void InputGradient(int input, ReadOnlySpan<float> outputGradient, int stepSize, Span<float> inputGradient) =>
        ElementwiseKernels.Multiply(outputGradient, 1f / Operands.Count, inputGradient);
}
