using NotebookRnn.Data;
using NotebookRnn.Devices;
using NotebookRnn.Kernels;
using NotebookRnn.Tensors;

namespace NotebookRnn.Training;

/// <summary>Runs a model's engine over all samples of a source in inference mode and gathers the outputs in sample order.</summary>
internal static class Prediction
{
    /// <summary>Every output of every sample, in order, run in consecutive batches; one tensor (samples, …output) per model output.</summary>
    /// <param name="engine">The model's engine.</param>
    /// <param name="source">The samples.</param>
    /// <param name="batchSize">Samples per batch, &gt; 0.</param>
    /// <param name="outputShapes">The model's output shapes (without batch), for the shape of an empty result.</param>
    public static Tensor[] InOrder(IExecutionEngine engine, DataSource source, int batchSize, IReadOnlyList<int?[]> outputShapes)
    {
        var results = new Tensor?[outputShapes.Count];
        int[] indices = new int[Math.Min(batchSize, Math.Max(1, source.Count))];
        for (int start = 0; start < source.Count; start += batchSize)
        {
            int count = Math.Min(batchSize, source.Count - start);
            for (int i = 0; i < count; i++) indices[i] = start + i;
            foreach (PredictionShare share in engine.Predict(source, new ArraySegment<int>(indices, 0, count)))
                for (int k = 0; k < share.Outputs.Count; k++) Scatter(share.Outputs[k], null, source.Count, share.Samples, ref results[k]);
        }
        return [.. results.Select((r, k) => r ?? Empty(outputShapes[k]))];
    }

    /// <summary>
    /// Every output of sequences of different lengths, run in batches of similar length and put back in the caller's
    /// order. An output that follows the steps of a ragged input (<paramref name="stepsFrom"/>) has shape (samples, T, …)
    /// with T that input's longest sequence: each row its real steps first, zeros after them.
    /// </summary>
    /// <param name="engine">The model's engine.</param>
    /// <param name="source">The samples.</param>
    /// <param name="batchSize">Samples per batch, &gt; 0.</param>
    /// <param name="outputShapes">The model's output shapes (without batch), for the shape of an empty result.</param>
    /// <param name="stepsFrom">Per output, the input whose steps its first axis has, or null.</param>
    public static Tensor[] ByLength(IExecutionEngine engine, RaggedDataSource source, int batchSize, IReadOnlyList<int?[]> outputShapes,
        IReadOnlyList<int?> stepsFrom)
    {
        int[] order = source.IndicesByLength(Enumerable.Range(0, source.Count));
        var results = new Tensor?[outputShapes.Count];
        for (int start = 0; start < order.Length; start += batchSize)
        {
            int count = Math.Min(batchSize, order.Length - start);
            foreach (PredictionShare share in engine.Predict(source, new ArraySegment<int>(order, start, count)))
                for (int k = 0; k < share.Outputs.Count; k++)
                {
                    RaggedColumn? steps = stepsFrom[k] is int input && source.Inputs[input].IsRagged ? source.Inputs[input] : null;
                    Scatter(share.Outputs[k], steps, source.Count, share.Samples, ref results[k]);
                }
        }
        return [.. results.Select((r, k) => r ?? Empty(outputShapes[k]))];
    }

    // Puts a batch's rows back at their samples' places; an output with the steps of a ragged input, its real steps only.
    private static void Scatter(Tensor output, RaggedColumn? steps, int samples, ReadOnlySpan<int> rows, ref Tensor? result)
    {
        int[] rowShape = steps is not null ? [steps.MaxLength, .. output.Shape.Skip(2)] : [.. output.Shape.Skip(1)];
        result ??= new Tensor([samples, .. rowShape]);
        int stepLength = steps is not null ? output.RowLength / Math.Max(1, output.Dim(1)) : 0;
        for (int row = 0; row < rows.Length; row++)
        {
            int sample = rows[row];
            Span<float> values = output.Row(row);
            (steps is not null ? values[..(steps.Lengths[sample] * stepLength)] : values).CopyTo(result.Row(sample));
        }
    }

    private static Tensor Empty(int?[] outputShape) => new([0, .. outputShape.Select(d => d ?? 0)]);

    /// <summary>
    /// Whether an output of this shape keeps the time axis of ragged input: the model's time axis is the unknown
    /// dimension, so an output that still has it is a sequence output.
    /// </summary>
    public static bool HasTimeAxis(int?[] outputShape) => outputShape.Length > 0 && outputShape[0] is null;
}
