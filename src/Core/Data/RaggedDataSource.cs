using NotebookRnn.Kernels;
using NotebookRnn.Layers;
using NotebookRnn.Sequences;
using NotebookRnn.Tensors;

namespace NotebookRnn.Data;

/// <summary>
/// Sequences of different lengths — token ids (<c>int[][]</c>) or feature vectors (<c>float[][][]</c>) — batched on
/// request. A batch is padded with zeros after each sequence's real steps to the longest sequence in that batch and
/// carries the post-padding <see cref="SequenceMask"/> of the real steps.
/// </summary>
/// <remarks>
/// Targets are a tensor whose first axis is the sample axis. Per-step targets (<see cref="TargetsHaveTimeAxis"/>)
/// have shape (samples, T, …) with T ≥ <see cref="MaxLength"/>; a batch takes their first steps up to its own length.
/// Sample weights are (samples,), or (samples, T) one per step of per-step targets, cut like them.
/// </remarks>
internal sealed class RaggedDataSource : DataSource
{
    private readonly int[][]? _tokens;
    private readonly float[][][]? _vectors;
    private readonly int[] _lengths;
    private readonly Tensor? _targets, _sampleWeight;
    private int[] _batchLengths = [];
    private Tensor? _xBatch, _yBatch, _weightBatch;

    private RaggedDataSource(int[][]? tokens, float[][][]? vectors, int[] lengths, int? features, Tensor? targets, bool targetsHaveTimeAxis,
        Tensor? sampleWeight = null)
    {
        _tokens = tokens;
        _vectors = vectors;
        _lengths = lengths;
        Features = features;
        _targets = targets;
        TargetsHaveTimeAxis = targetsHaveTimeAxis;
        _sampleWeight = sampleWeight;
        MaxLength = lengths.Length == 0 ? 0 : lengths.Max();
    }

    /// <summary>Token-id sequences: a batch is (n, steps).</summary>
    /// <exception cref="ArgumentException">A sequence is null.</exception>
    public static RaggedDataSource FromTokens(int[][] sequences, string argumentName)
    {
        ArgumentNullException.ThrowIfNull(sequences, argumentName);
        var lengths = new int[sequences.Length];
        for (int i = 0; i < sequences.Length; i++)
            lengths[i] = (sequences[i] ?? throw new ArgumentException($"{argumentName}[{i}] is null; expected a sequence (possibly empty).", argumentName)).Length;
        return new RaggedDataSource(sequences, null, lengths, null, null, false);
    }

    /// <summary>Feature-vector sequences: a batch is (n, steps, features).</summary>
    /// <param name="sequences">The sequences; every vector must have the same size.</param>
    /// <param name="defaultFeatures">Feature size to use when no sequence has a step (all are empty).</param>
    /// <param name="argumentName">Name used in errors.</param>
    /// <exception cref="ArgumentException">A sequence or vector is null, or vectors differ in size (naming sample, step and both sizes).</exception>
    public static RaggedDataSource FromVectors(float[][][] sequences, int? defaultFeatures, string argumentName)
    {
        ArgumentNullException.ThrowIfNull(sequences, argumentName);
        var lengths = new int[sequences.Length];
        (int Sample, int Step, int Size)? first = null;
        for (int i = 0; i < sequences.Length; i++)
        {
            float[][] sequence = sequences[i] ?? throw new ArgumentException($"{argumentName}[{i}] is null; expected a sequence (possibly empty).", argumentName);
            lengths[i] = sequence.Length;
            for (int t = 0; t < sequence.Length; t++)
            {
                float[] vector = sequence[t] ?? throw new ArgumentException($"{argumentName}[{i}][{t}] is null; expected a feature vector.", argumentName);
                first ??= (i, t, vector.Length);
                if (vector.Length != first.Value.Size)
                    throw new ArgumentException(
                        $"Every feature vector must have the same size: {argumentName}[{i}][{t}] (sample {i}, step {t}) has {vector.Length} features, " +
                        $"but {argumentName}[{first.Value.Sample}][{first.Value.Step}] has {first.Value.Size}.", argumentName);
            }
        }
        return new RaggedDataSource(null, sequences, lengths, first?.Size ?? defaultFeatures, null, false);
    }

    /// <summary>The same sequences with <paramref name="targets"/> and, when given, their sample weights attached.</summary>
    public RaggedDataSource WithTargets(Tensor targets, bool targetsHaveTimeAxis, Tensor? sampleWeight = null) =>
        new(_tokens, _vectors, _lengths, Features, targets, targetsHaveTimeAxis, sampleWeight);

    /// <inheritdoc/>
    public override int Count => _lengths.Length;

    public override int Tokens(int index) => _lengths[index];

    /// <summary>
    /// Checks every token id is in [0, <paramref name="vocabulary"/>) (when given) and, with <paramref name="finite"/>,
    /// every feature value is finite; the error names the sample and step.
    /// </summary>
    public void Validate(int? vocabulary, bool finite, string argumentName)
    {
        if (_tokens is not null && vocabulary is int size)
            for (int i = 0; i < _tokens.Length; i++)
                for (int t = 0; t < _tokens[i].Length; t++)
                    if ((uint)_tokens[i][t] >= (uint)size)
                        throw new ArgumentException(
                            $"{argumentName}[{i}][{t}] is token id {_tokens[i][t]}, outside the Embedding's [0, {size}).", argumentName);
        if (_vectors is null || !finite) return;
        for (int i = 0; i < _vectors.Length; i++)
            for (int t = 0; t < _vectors[i].Length; t++)
                foreach (float value in _vectors[i][t])
                    if (!float.IsFinite(value))
                        throw new ArgumentException(
                            $"{argumentName}[{i}][{t}] holds {value}; expected finite values. Clean the data, or set CheckInputsFinite = false.",
                            argumentName);
    }

    public override DataSource CreateView() =>
        new RaggedDataSource(_tokens, _vectors, _lengths, Features, _targets, TargetsHaveTimeAxis, _sampleWeight);

    /// <inheritdoc/>
    public override bool HasTargets => _targets is not null;

    /// <summary>Real steps of each sequence.</summary>
    public IReadOnlyList<int> Lengths => _lengths;

    /// <summary>The longest sequence's length (0 without sequences).</summary>
    public int MaxLength { get; }

    /// <summary>Size of each feature vector; null for token ids, or for vectors when every sequence is empty and no default was given.</summary>
    public int? Features { get; }

    /// <summary>Whether the targets have a time axis (axis 1) that batches cut to their own length.</summary>
    public bool TargetsHaveTimeAxis { get; }

    /// <summary>Per-sample shape as the model sees it: (None,) for token ids, (None, features) for vectors.</summary>
    public int?[] SampleShape => _tokens is not null ? [null] : [null, Features];

    /// <summary>The shape for messages, e.g. <c>(100, None, 8) (ragged)</c>.</summary>
    public string ShapeText => Tensor.ShapeText([Count, .. SampleShape]) + " (ragged)";

    /// <summary>Sample indices ordered by length, shortest first; equal lengths keep their order.</summary>
    public int[] IndicesByLength(IEnumerable<int> indices) => [.. indices.OrderBy(i => _lengths[i])];

    /// <inheritdoc/>
    public override Batch Take(ReadOnlySpan<int> indices)
    {
        if (_batchLengths.Length < indices.Length) _batchLengths = new int[indices.Length];
        int steps = 0;
        for (int i = 0; i < indices.Length; i++) steps = Math.Max(steps, _batchLengths[i] = _lengths[indices[i]]);
        Tensor x = _tokens is not null ? TakeTokens(indices, steps) : TakeVectors(indices, steps);
        var mask = SequenceMask.FromLengths(new ArraySegment<int>(_batchLengths, 0, indices.Length), steps, Padding.Post);
        return new Batch(x, _targets is null ? null : TakeTargets(_targets, ref _yBatch, indices, steps), mask,
            _sampleWeight is null ? null : TakeTargets(_sampleWeight, ref _weightBatch, indices, steps));
    }

    // ids: (n, steps), zero after each sequence's end
    private Tensor TakeTokens(ReadOnlySpan<int> indices, int steps)
    {
        Tensor x = Tensor.Reuse(ref _xBatch, indices.Length, steps);
        x.Span.Clear();
        for (int row = 0; row < indices.Length; row++)
        {
            int[] sequence = _tokens![indices[row]];
            Span<float> ids = x.Span.Slice(row * steps, sequence.Length);
            for (int t = 0; t < sequence.Length; t++) ids[t] = sequence[t];
        }
        return x;
    }

    // vectors: (n, steps, features), zero after each sequence's end
    private Tensor TakeVectors(ReadOnlySpan<int> indices, int steps)
    {
        int features = Features ?? 0;
        Tensor x = Tensor.Reuse(ref _xBatch, indices.Length, steps, features);
        x.Span.Clear();
        for (int row = 0; row < indices.Length; row++)
        {
            float[][] sequence = _vectors![indices[row]];
            for (int t = 0; t < sequence.Length; t++) sequence[t].CopyTo(x.Span.Slice((row * steps + t) * features, features));
        }
        return x;
    }

    // y: (n, …), or (n, steps, …) cut from (samples, T, …) for per-step targets; the same for per-sample or per-step weights
    private Tensor TakeTargets(Tensor targets, ref Tensor? buffer, ReadOnlySpan<int> indices, int steps)
    {
        if (!TargetsHaveTimeAxis || targets.Rank == 1)
        {
            Tensor all = Tensor.Reuse(ref buffer, [indices.Length, .. targets.Shape.Skip(1)]);
            targets.GatherInto(indices, all);
            return all;
        }
        int stepLength = targets.RowLength / Math.Max(1, targets.Dim(1)), rowLength = steps * stepLength;
        Tensor y = Tensor.Reuse(ref buffer, [indices.Length, steps, .. targets.Shape.Skip(2)]);
        for (int row = 0; row < indices.Length; row++)
            targets.Row(indices[row])[..rowLength].CopyTo(y.Span.Slice(row * rowLength, rowLength));
        return y;
    }
}
