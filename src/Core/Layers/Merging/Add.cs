using NotebookRnn.Kernels;
using NotebookRnn.Tensors;

namespace NotebookRnn.Layers.Merging;

/// <summary>
/// Adds its inputs elementwise (Keras <c>Add</c>): <c>y = x₁ + x₂ + … + xₙ</c>, inputs of one shape or shapes that
/// broadcast (<see cref="Merge"/>). Masked steps are added like the others; the output's mask is the union of the
/// inputs' masks when every input has one.
/// </summary>
public sealed class Add : Merge
{
    /// <summary>Creates the layer.</summary>
    /// <param name="name">Layer name.</param>
    public Add(string? name = null) : base(name)
    {
    }

    private protected override void Combine(IReadOnlyList<Tensor> operands, IReadOnlyList<SequenceMask?> masks, int stepSize, Span<float> output)
    {
        operands[0].Span.CopyTo(output);
        for (int k = 1; k < operands.Count; k++) ElementwiseKernels.Add(output, operands[k].Span, output);
    }

    // ∂y/∂x_k = 1
    private protected override void InputGradient(int input, ReadOnlySpan<float> outputGradient, int stepSize, Span<float> inputGradient) =>
        outputGradient.CopyTo(inputGradient);
}
