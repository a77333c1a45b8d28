using NotebookRnn.Layers;
using NotebookRnn.Tensors;

namespace NotebookRnn.Data;

/// <summary>
/// One model input's samples in a <see cref="RaggedDataSource"/>: token-id sequences (<c>int[][]</c>), feature-vector
/// sequences (<c>float[][][]</c>), or a dense tensor whose first axis is the sample axis (an input of fixed shape fed
/// beside ragged ones). A batch of sequences is padded with zeros after each sequence's real steps to the batch's longest
/// and carries the post-padding mask of the real steps; a dense input is gathered and carries none.
/// </summary>
internal sealed class RaggedColumn
{
    private readonly int[][]? _tokens;
    private readonly float[][][]? _vectors;
    private readonly Tensor? _dense;
    private readonly int[] _lengths;
    private int[] _batchLengths = [];
    private Tensor? _batch;

    private RaggedColumn(int[][]? tokens, float[][][]? vectors, Tensor? dense, int[] lengths, int? features)
    {
        (_tokens, _vectors, _dense, _lengths, Features) = (tokens, vectors, dense, lengths, features);
        MaxLength = lengths.Length == 0 ? 0 : lengths.Max();
    }

    /// <summary>Token-id sequences: a batch is (n, steps).</summary>
    /// <exception cref="ArgumentException">A sequence is null.</exception>
    public static RaggedColumn FromTokens(int[][] sequences, string argumentName)
    {
        ArgumentNullException.ThrowIfNull(sequences, argumentName);
        var lengths = new int[sequences.Length];
        for (int i = 0; i < sequences.Length; i++)
            lengths[i] = (sequences[i] ?? throw new ArgumentException($"{argumentName}[{i}] is null; expected a sequence (possibly empty).", argumentName)).Length;
        return new RaggedColumn(sequences, null, null, lengths, null);
    }

    /// <summary>Feature-vector sequences: a batch is (n, steps, features).</summary>
    /// <param name="sequences">The sequences; every vector must have the same size.</param>
    /// <param name="defaultFeatures">Feature size to use when no sequence has a step (all are empty).</param>
    /// <param name="argumentName">Name used in errors.</param>
    /// <exception cref="ArgumentException">A sequence or vector is null, or vectors differ in size (naming sample, step and both sizes).</exception>
    public static RaggedColumn FromVectors(float[][][] sequences, int? defaultFeatures, string argumentName)
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
        return new RaggedColumn(null, sequences, null, lengths, first?.Size ?? defaultFeatures);
    }

    /// <summary>A dense input, (samples, …); its samples have no length of their own.</summary>
    /// <exception cref="ArgumentException">The tensor is a scalar.</exception>
    public static RaggedColumn FromTensor(Tensor samples, string argumentName)
    {
        ArgumentNullException.ThrowIfNull(samples, argumentName);
        if (samples.Rank == 0) throw new ArgumentException($"{argumentName} needs a sample axis, got a scalar.", argumentName);
        return new RaggedColumn(null, null, samples, new int[samples.Dim(0)], null);
    }

    /// <summary>A column over the same samples with its own batch buffers.</summary>
    public RaggedColumn CreateView() => new(_tokens, _vectors, _dense, _lengths, Features);

    /// <summary>Whether the samples are sequences of their own lengths (not a dense tensor).</summary>
    public bool IsRagged => _dense is null;

    public int Count => _lengths.Length;

    /// <summary>Real steps of each sequence (zeros for a dense column).</summary>
    public IReadOnlyList<int> Lengths => _lengths;

    /// <summary>The longest sequence's length (0 without sequences, or for a dense column).</summary>
    public int MaxLength { get; }

    /// <summary>Size of each feature vector; null for token ids and dense columns, or for vectors when every sequence is empty and no default was given.</summary>
    public int? Features { get; }

    /// <summary>Per-sample shape as the model sees it: (None,) for token ids, (None, features) for vectors, the tensor's for a dense column.</summary>
    public int?[] SampleShape => _dense is not null ? [.. _dense.Shape.Skip(1).Select(d => (int?)d)] : _tokens is not null ? [null] : [null, Features];

    /// <summary>The shape for messages, e.g. <c>(100, None, 8) (ragged)</c>.</summary>
    public string ShapeText => _dense is not null ? Tensor.ShapeText(_dense.Shape) : Tensor.ShapeText([Count, .. SampleShape]) + " (ragged)";

    /// <summary>
    /// Checks every token id is in [0, <paramref name="vocabulary"/>) (when given) and, with <paramref name="finite"/>,
    /// every feature value is finite; the error names the sample and step. A dense column is checked by its caller.
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

    /// <summary>
    /// The samples <paramref name="indices"/> as one batch tensor with its mask (null for a dense column) and its number of
    /// steps (the longest sequence's). The tensor belongs to the column until its next <c>Take</c>.
    /// </summary>
    public (Tensor Batch, SequenceMask? Mask, int Steps) Take(ReadOnlySpan<int> indices)
    {
        if (_dense is not null)
        {
            Tensor all = Tensor.Reuse(ref _batch, [indices.Length, .. _dense.Shape.Skip(1)]);
            _dense.GatherInto(indices, all);
            return (all, null, 0);
        }
        if (_batchLengths.Length < indices.Length) _batchLengths = new int[indices.Length];
        int steps = 0;
        for (int i = 0; i < indices.Length; i++) steps = Math.Max(steps, _batchLengths[i] = _lengths[indices[i]]);
        Tensor x = _tokens is not null ? TakeTokens(indices, steps) : TakeVectors(indices, steps);
        return (x, SequenceMask.FromLengths(new ArraySegment<int>(_batchLengths, 0, indices.Length), steps, Padding.Post), steps);
    }

    // ids: (n, steps), zero after each sequence's end
    private Tensor TakeTokens(ReadOnlySpan<int> indices, int steps)
    {
        Tensor x = Tensor.Reuse(ref _batch, indices.Length, steps);
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
        Tensor x = Tensor.Reuse(ref _batch, indices.Length, steps, features);
        x.Span.Clear();
        for (int row = 0; row < indices.Length; row++)
        {
            float[][] sequence = _vectors![indices[row]];
            for (int t = 0; t < sequence.Length; t++) sequence[t].CopyTo(x.Span.Slice((row * steps + t) * features, features));
        }
        return x;
    }
}
