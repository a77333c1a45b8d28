using NotebookRnn.Layers;

namespace NotebookRnn.Sequences;

/// <summary>One batch of a <see cref="BucketPlan"/>: which samples go together and how long their rows will be.</summary>
public sealed class BucketBatch
{
    internal BucketBatch(int[] indices, int bucket, int paddedLength, long realTokens)
    {
        Indices = indices;
        Bucket = bucket;
        PaddedLength = paddedLength;
        RealTokens = realTokens;
    }

    /// <summary>Original sample indices, in the order they were taken from the input.</summary>
    public int[] Indices { get; }

    /// <summary>
    /// The bucket these samples fall in: bucket <c>i</c> holds lengths in <c>[boundaries[i−1], boundaries[i])</c>,
    /// the first bucket starts at 0 and the last is unbounded.
    /// </summary>
    public int Bucket { get; }

    /// <summary>
    /// Steps per row once padded: the bucket's upper boundary − 1 with <c>padToBucketBoundary</c>, otherwise the
    /// longest sequence in this batch.
    /// </summary>
    public int PaddedLength { get; }

    /// <summary>Number of samples in the batch.</summary>
    public int Size => Indices.Length;

    /// <summary>Sum of the lengths of the batch's sequences.</summary>
    public long RealTokens { get; }

    /// <summary>Tokens in the padded block: <c>Size × PaddedLength</c>.</summary>
    public long PaddedTokens => (long)Size * PaddedLength;

    /// <summary>
    /// Pads this batch's sequences to <see cref="PaddedLength"/> with
    /// <see cref="Sequences.PadSequences(IReadOnlyList{IReadOnlyList{int}}, int?, string, Padding, Truncating, float)"/>.
    /// Nothing is truncated when <paramref name="sequences"/> are those whose lengths built the plan.
    /// </summary>
    /// <param name="sequences">All sequences of the data set, indexed like the lengths given to the plan.</param>
    /// <param name="padding">Where padding goes; default <see cref="Padding.Pre"/>.</param>
    /// <param name="value">The padding value; default 0.</param>
    /// <exception cref="ArgumentException">A sequence is longer than <see cref="PaddedLength"/> (it does not match the plan).</exception>
    public PaddedSequences Pad(IReadOnlyList<IReadOnlyList<int>> sequences, Padding padding = Padding.Pre, float value = 0f)
    {
        ArgumentNullException.ThrowIfNull(sequences);
        var rows = new IReadOnlyList<int>[Indices.Length];
        for (int i = 0; i < rows.Length; i++)
        {
            rows[i] = sequences[Indices[i]];
            if (rows[i] is { } row && row.Count > PaddedLength)
                throw new ArgumentException(
                    $"Sequence {Indices[i]} has length {row.Count}, longer than the batch's padded length {PaddedLength}: " +
                    "the sequences do not match the lengths the plan was built from.", nameof(sequences));
        }
        return Sequences.PadSequences(rows, PaddedLength, padding: padding, value: value);
    }
}
