using NotebookRnn.Layers;
using NotebookRnn.Tensors;

namespace NotebookRnn.Data;

/// <summary>
/// Sequences of different lengths — token ids (<c>int[][]</c>) or feature vectors (<c>float[][][]</c>) — for one model
/// input or several (each a <see cref="RaggedColumn"/>; a dense input may stand beside ragged ones), batched on request.
/// Each ragged input of a batch is padded with zeros after each sequence's real steps to the longest sequence of that
/// input in the batch, and carries its own post-padding <see cref="SequenceMask"/> of the real steps.
/// </summary>
/// <remarks>
/// Targets are one tensor per model output whose first axis is the sample axis. Per-step targets follow the steps of one
/// input (<see cref="RaggedTarget.StepsFrom"/>): shape (samples, T, …) with T ≥ that input's longest sequence, of which a
/// batch takes the first steps up to that input's length in the batch. Sample weights are (samples,), or (samples, T) one
/// per step of per-step targets, cut like them.
/// </remarks>
internal sealed class RaggedDataSource : DataSource
{
    private readonly RaggedColumn[] _inputs;
    private readonly RaggedTarget[]? _outputs;
    private readonly bool _weighted;
    // Σ of each sample's real steps over the ragged inputs: the batch order's sort key and the devices' balance.
    private readonly int[] _tokens;
    private readonly Tensor[] _batchInputs;
    private readonly SequenceMask?[] _batchMasks;
    private readonly int[] _batchSteps;
    private readonly Tensor?[] _batchTargets, _batchWeights, _targetBuffers, _weightBuffers;

    /// <summary>A source over one column per model input, in input order; every column has the same number of samples.</summary>
    public RaggedDataSource(IReadOnlyList<RaggedColumn> inputs, IReadOnlyList<RaggedTarget>? outputs = null)
    {
        _inputs = [.. inputs];
        _outputs = outputs?.ToArray();
        _weighted = _outputs?.Any(o => o.SampleWeight is not null) ?? false;
        _tokens = new int[_inputs[0].Count];
        foreach (RaggedColumn column in _inputs)
            for (int i = 0; i < _tokens.Length; i++) _tokens[i] += column.Lengths[i];
        (_batchInputs, _batchMasks, _batchSteps) = (new Tensor[_inputs.Length], new SequenceMask?[_inputs.Length], new int[_inputs.Length]);
        int outputCount = _outputs?.Length ?? 0;
        (_batchTargets, _batchWeights) = (new Tensor?[outputCount], new Tensor?[outputCount]);
        (_targetBuffers, _weightBuffers) = (new Tensor?[outputCount], new Tensor?[outputCount]);
    }

    /// <summary>Token-id sequences of a model with one input: a batch is (n, steps).</summary>
    /// <exception cref="ArgumentException">A sequence is null.</exception>
    public static RaggedDataSource FromTokens(int[][] sequences, string argumentName) => new([RaggedColumn.FromTokens(sequences, argumentName)]);

    /// <summary>Feature-vector sequences of a model with one input: a batch is (n, steps, features).</summary>
    /// <exception cref="ArgumentException">A sequence or vector is null, or vectors differ in size.</exception>
    public static RaggedDataSource FromVectors(float[][][] sequences, int? defaultFeatures, string argumentName) =>
        new([RaggedColumn.FromVectors(sequences, defaultFeatures, argumentName)]);

    /// <summary>The same inputs with one model output's targets attached, per-step ones following the one input.</summary>
    public RaggedDataSource WithTargets(Tensor targets, bool targetsHaveTimeAxis, Tensor? sampleWeight = null) =>
        WithTargets([new RaggedTarget(targets, sampleWeight, targetsHaveTimeAxis ? 0 : null)]);

    /// <summary>The same inputs with one target per model output attached.</summary>
    public RaggedDataSource WithTargets(IReadOnlyList<RaggedTarget> outputs) => new([.. _inputs.Select(c => c.CreateView())], outputs);

    /// <summary>One column per model input.</summary>
    public IReadOnlyList<RaggedColumn> Inputs => _inputs;

    /// <inheritdoc/>
    public override int Count => _tokens.Length;

    public override int Tokens(int index) => _tokens[index];

    /// <inheritdoc/>
    public override bool HasTargets => _outputs is not null;

    public override DataSource CreateView() => new RaggedDataSource([.. _inputs.Select(c => c.CreateView())], _outputs);

    /// <summary>Sample indices ordered by their real steps over all ragged inputs, fewest first; ties keep their order.</summary>
    public int[] IndicesByLength(IEnumerable<int> indices) => [.. indices.OrderBy(i => _tokens[i])];

    /// <inheritdoc/>
    public override Batch Take(ReadOnlySpan<int> indices)
    {
        for (int k = 0; k < _inputs.Length; k++) (_batchInputs[k], _batchMasks[k], _batchSteps[k]) = _inputs[k].Take(indices);
        if (_outputs is not null)
            for (int k = 0; k < _outputs.Length; k++)
            {
                RaggedTarget output = _outputs[k];
                int? steps = output.StepsFrom is int input ? _batchSteps[input] : null;
                _batchTargets[k] = Cut(output.Targets, ref _targetBuffers[k], indices, steps);
                _batchWeights[k] = output.SampleWeight is { } weights ? Cut(weights, ref _weightBuffers[k], indices, steps) : null;
            }
        return new Batch(_batchInputs, _outputs is null ? null : _batchTargets, _batchMasks,
            _weighted ? _batchWeights : null);
    }

    // y: (n, …), or (n, steps, …) cut from (samples, T, …) for per-step targets; the same for per-sample or per-step weights
    private static Tensor Cut(Tensor targets, ref Tensor? buffer, ReadOnlySpan<int> indices, int? steps)
    {
        if (steps is not int length || targets.Rank == 1)
        {
            Tensor all = Tensor.Reuse(ref buffer, [indices.Length, .. targets.Shape.Skip(1)]);
            targets.GatherInto(indices, all);
            return all;
        }
        int stepLength = targets.RowLength / Math.Max(1, targets.Dim(1)), rowLength = length * stepLength;
        Tensor y = Tensor.Reuse(ref buffer, [indices.Length, length, .. targets.Shape.Skip(2)]);
        for (int row = 0; row < indices.Length; row++)
            targets.Row(indices[row])[..rowLength].CopyTo(y.Span.Slice(row * rowLength, rowLength));
        return y;
    }
}
