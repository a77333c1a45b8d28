using NotebookRnn.Kernels;
using NotebookRnn.Tensors;

namespace NotebookRnn.Layers.Merging;

/// <summary>
/// Subtracts its second input from its first (Keras <c>Subtract</c>): <c>y = x₁ − x₂</c>, exactly two inputs of one
/// shape or shapes that broadcast (<see cref="Merge"/>). Masked steps are subtracted like the others; the output's mask
/// is the union of the inputs' masks when both have one.
/// </summary>
public sealed class Subtract : Merge
{
    /// <summary>Creates the layer.</summary>
    /// <param name="name">Layer name.</param>
    public Subtract(string? name = null) : base(name)
    {
    }

    /// <summary>Exactly 2.</summary>
    public override int MinInputs => 2;

    /// <summary>Exactly 2.</summary>
    public override int MaxInputs => 2;

    private protected override void Combine(IReadOnlyList<Tensor> operands, IReadOnlyList<SequenceMask?> masks, int stepSize, Span<float> output) =>
        ElementwiseKernels.MultiplyAdd(operands[1].Span, -1f, operands[0].Span, output);

    // ∂y/∂x₁ = 1, ∂y/∂x₂ = −1
    private protected override void InputGradient(int input, ReadOnlySpan<float> outputGradient, int stepSize, Span<float> inputGradient)
    {
        if (input == 0) outputGradient.CopyTo(inputGradient);
        else ElementwiseKernels.Multiply(outputGradient, -1f, inputGradient);
    }
}
