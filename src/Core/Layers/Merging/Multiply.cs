using NotebookRnn.Kernels;
using NotebookRnn.Tensors;

namespace NotebookRnn.Layers.Merging;

/// <summary>
/// Multiplies its inputs elementwise (Keras <c>Multiply</c>): <c>y = x₁ ⊙ x₂ ⊙ … ⊙ xₙ</c>, inputs of one shape or shapes
/// that broadcast (<see cref="Merge"/>).
/// </summary>
/// <remarks>
/// Masks as in Keras 3: an input's masked steps count as 1 in the product, so they leave the other inputs' values
/// unchanged; when every input has a mask, the output's mask is their union and steps masked in every input are 0.
/// </remarks>
public sealed class Multiply : Merge
{
    // Per input: its values with masked steps set to 1, (batch, …) of the output's shape; only for inputs with a mask.
    private Tensor?[] _factors = [];
    // The union of the inputs' masks when every input has one: steps outside it are 0.
    private SequenceMask? _union;

    /// <summary>Creates the layer.</summary>
    /// <param name="name">Layer name.</param>
    public Multiply(string? name = null) : base(name)
    {
    }

    private protected override void Combine(IReadOnlyList<Tensor> operands, IReadOnlyList<SequenceMask?> masks, int stepSize, Span<float> output)
    {
        if (_factors.Length != operands.Count) _factors = new Tensor?[operands.Count];
        for (int k = 0; k < operands.Count; k++)
        {
            ReadOnlySpan<float> factor = Factor(k, operands, masks, stepSize);
            if (k == 0) factor.CopyTo(output);
            else ElementwiseKernels.Multiply(output, factor, output);
        }
        _union = ComputeOutputMask(operands, masks);
        if (_union is not null) FillPaddedSteps(_union, stepSize, output, 0f);
    }

    // ∂y/∂x_k = Π_{j≠k} factor_j on steps real in x_k (and, when every input is masked, in some input); 0 elsewhere
    private protected override void InputGradient(int input, ReadOnlySpan<float> outputGradient, int stepSize, Span<float> inputGradient)
    {
        outputGradient.CopyTo(inputGradient);
        for (int j = 0; j < Operands.Count; j++)
            if (j != input) ElementwiseKernels.Multiply(inputGradient, (_factors[j] ?? Operands[j]).Span, inputGradient);
        if (_union is not null) FillPaddedSteps(_union, stepSize, inputGradient, 0f);
        if (Masks[input] is { } mask) FillPaddedSteps(mask, stepSize, inputGradient, 0f);
    }

    private ReadOnlySpan<float> Factor(int k, IReadOnlyList<Tensor> operands, IReadOnlyList<SequenceMask?> masks, int stepSize)
    {
        if (masks[k] is not { } mask)
        {
            _factors[k] = null;
            return operands[k].Span;
        }
        Tensor factor = Tensor.Reuse(ref _factors[k], [.. operands[k].Shape]);
        operands[k].Span.CopyTo(factor.Span);
        FillPaddedSteps(mask, stepSize, factor.Span, 1f);
        return factor.Span;
    }
}
