using NotebookRnn.Tensors;

namespace NotebookRnn.Layers.Merging;

/// <summary>
/// The elementwise maximum of its inputs (Keras <c>Maximum</c>): <c>y = max(x₁, …, xₙ)</c>, inputs of one shape or shapes
/// that broadcast (<see cref="Merge"/>); a tie keeps the earlier input's value, and the gradient goes to the input whose
/// value was kept.
/// </summary>
/// <remarks>
/// Masks as in Keras 3: at a step masked in an input, that input is left out of the maximum (a step masked in every input
/// keeps the first input's value); the output's mask is the union of the inputs' masks when every input has one.
/// </remarks>
public sealed class Maximum : Merge
{
    // Which input each output value came from, (batch, …) of the output's shape.
    private int[] _sources = [];

    /// <summary>Creates the layer.</summary>
    /// <param name="name">Layer name.</param>
    public Maximum(string? name = null) : base(name)
    {
    }

    private protected override void Combine(IReadOnlyList<Tensor> operands, IReadOnlyList<SequenceMask?> masks, int stepSize, Span<float> output)
    {
        if (_sources.Length < output.Length) _sources = new int[output.Length];
        MaskedSelection.Select(operands, masks, stepSize, maximum: true, output, _sources.AsSpan(0, output.Length));
    }

    // ∂y/∂x_k = 1 where x_k's value was kept, else 0
    private protected override void InputGradient(int input, ReadOnlySpan<float> outputGradient, int stepSize, Span<float> inputGradient) =>
        MaskedSelection.Gradient(input, _sources, outputGradient, inputGradient);
}
