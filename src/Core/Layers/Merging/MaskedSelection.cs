using NotebookRnn.Tensors;

namespace NotebookRnn.Layers.Merging;

/// <summary>
/// The elementwise maximum or minimum of merged inputs with Keras 3's mask rule (<c>Merge._apply_merge_op_and_or_mask</c>):
/// the inputs are folded left to right, and at each step an input that is masked there takes the running value, while
/// a running value masked in every input so far takes the input's. Each output value is one input's value: which one
/// is kept, so the gradient goes to it alone.
/// </summary>
internal static class MaskedSelection
{
    /// <summary>Writes the selected values into <paramref name="output"/> and the index of the input each came from into <paramref name="sources"/>.</summary>
    /// <param name="operands">The inputs, each of the output's shape (batch, steps, …).</param>
    /// <param name="masks">Each input's mask over (batch, steps), or <c>null</c>.</param>
    /// <param name="stepSize">Values per (batch, step) row.</param>
    /// <param name="maximum">True for the maximum, false for the minimum; a tie keeps the earlier input.</param>
    /// <param name="output">The selected values.</param>
    /// <param name="sources">Which input each value came from.</param>
    public static void Select(IReadOnlyList<Tensor> operands, IReadOnlyList<SequenceMask?> masks, int stepSize, bool maximum,
        Span<float> output, Span<int> sources)
    {
        operands[0].Span.CopyTo(output);
        sources.Clear();
        int rows = output.Length / Math.Max(1, stepSize);
        // Whether some input so far is real at each (batch, step) row; every row when the first input has no mask.
        var seen = new bool[rows];
        if (masks[0] is { } first) first.Flags.CopyTo(seen);
        else seen.AsSpan().Fill(true);
        for (int k = 1; k < operands.Count; k++)
        {
            ReadOnlySpan<float> x = operands[k].Span;
            ReadOnlySpan<bool> real = masks[k] is { } mask ? mask.Flags : default;
            for (int row = 0; row < rows; row++)
            {
                bool isReal = real.IsEmpty || real[row];
                for (int i = row * stepSize, end = i + stepSize; i < end; i++)
                {
                    float candidate = isReal ? x[i] : output[i];
                    int source = isReal ? k : sources[i];
                    if (!seen[row] || (maximum ? candidate > output[i] : candidate < output[i])) (output[i], sources[i]) = (candidate, source);
                }
                seen[row] |= isReal;
            }
        }
    }

    /// <summary><c>inputGradient[i] = outputGradient[i]</c> where the value came from <paramref name="input"/>, else 0.</summary>
    public static void Gradient(int input, ReadOnlySpan<int> sources, ReadOnlySpan<float> outputGradient, Span<float> inputGradient)
    {
        for (int i = 0; i < inputGradient.Length; i++) inputGradient[i] = sources[i] == input ? outputGradient[i] : 0f;
    }
}
