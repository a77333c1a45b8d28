using NotebookRnn.Kernels;
using NotebookRnn.Layers;
using NotebookRnn.Tensors;

namespace NotebookRnn.Sequences;

/// <summary>
/// The result of <see cref="Sequences.PadSequences(IReadOnlyList{IReadOnlyList{int}}, int?, string, Padding, Truncating, float)"/>:
/// the padded block, how many real steps each row kept, and the matching mask.
/// </summary>
public sealed class PaddedSequences
{
    internal PaddedSequences(Tensor values, int[] lengths, int[] originalLengths, Padding padding, Truncating truncating)
    {
        Values = values;
        Lengths = lengths;
        OriginalLengths = originalLengths;
        Padding = padding;
        Truncating = truncating;
        Mask = SequenceMask.FromLengths(lengths, values.Dim(1), padding);
    }

    /// <summary>
    /// The padded values: (samples, maxLen) for token ids, (samples, maxLen, features) for vector sequences.
    /// Token ids are stored exactly (float32 holds every integer up to 2^24).
    /// </summary>
    public Tensor Values { get; }

    /// <summary>Real steps kept in each row: <c>min(original length, maxLen)</c>.</summary>
    public int[] Lengths { get; }

    /// <summary>Length of each input sequence before truncation.</summary>
    public int[] OriginalLengths { get; }

    /// <summary>Number of steps per row (the second dimension of <see cref="Values"/>).</summary>
    public int MaxLen => Values.Dim(1);

    /// <summary>Where the padding went.</summary>
    public Padding Padding { get; }

    /// <summary>Which end of too-long sequences was cut.</summary>
    public Truncating Truncating { get; }

    /// <summary>Real steps of each row as a (samples, maxLen) mask: <c>SequenceMask.FromLengths(Lengths, MaxLen, Padding)</c>.</summary>
    public SequenceMask Mask { get; }

    /// <summary>Steps lost to truncation over all rows: Σ (original length − kept length).</summary>
    public long TruncatedSteps
    {
        get
        {
            long lost = 0;
            for (int i = 0; i < Lengths.Length; i++) lost += OriginalLengths[i] - Lengths[i];
            return lost;
        }
    }
}
