using NotebookRnn.Sequences;
using NotebookRnn.Tensors;

namespace NotebookRnn.Datasets;

/// <summary>
/// A variable-length sequence classification task with a signal late in the sequence. Token ids are in
/// [1, vocabularySize): 0 never occurs (it is left for padding, so <c>Embedding(maskZero: true)</c> works),
/// <see cref="MarkerToken"/> (1) is the marker and the other ids are filler drawn uniformly.
/// Label 1 (half the samples, drawn at random) means the marker occurs exactly once, at a uniform position in
/// the second half <c>[⌊L/2⌋, L)</c> of the sequence of length L; label 0 means it never occurs.
/// </summary>
/// <remarks>
/// A recurrent net only has to remember whether it has seen the marker (one latched unit), so an LSTM learns this
/// to ≥ 95 % accuracy within a few epochs. Because the marker sits in the second half, the label depends on tokens
/// beyond the shortest length: padding with 'post' truncation to a short maxLen cuts it off, while Keras's default
/// 'pre' truncation keeps it.
/// </remarks>
public static class SequenceClassificationTask
{
    /// <summary>The token whose presence is the label.</summary>
    public const int MarkerToken = 1;

    /// <summary>Sequences with lengths drawn uniformly from [minLength, maxLength].</summary>
    /// <param name="samples">Number of sequences (≥ 0).</param>
    /// <param name="minLength">Shortest length (≥ 1).</param>
    /// <param name="maxLength">Longest length (≥ minLength).</param>
    /// <param name="vocabularySize">Ids are in [1, vocabularySize); at least 3 (padding, marker, one filler).</param>
    /// <param name="seed">Seed; the same seed gives the same data.</param>
    /// <returns>Ragged token sequences and their labels (0 or 1).</returns>
    /// <exception cref="ArgumentOutOfRangeException">An argument is outside the range given above.</exception>
    public static (int[][] Sequences, int[] Labels) Generate(
        int samples, int minLength, int maxLength, int vocabularySize, long seed)
    {
        if (minLength < 1) throw new ArgumentOutOfRangeException(nameof(minLength), minLength, "Expected minLength ≥ 1.");
        if (maxLength < minLength)
            throw new ArgumentOutOfRangeException(nameof(maxLength), maxLength, $"Expected maxLength ≥ minLength ({minLength}).");
        return Generate(samples, LengthDistribution.Uniform(minLength, maxLength), vocabularySize, seed);
    }

    /// <summary>Sequences with lengths drawn from <paramref name="lengths"/> (e.g. a skewed log-normal).</summary>
    /// <param name="samples">Number of sequences (≥ 0).</param>
    /// <param name="lengths">Length distribution; its minimum must be ≥ 1.</param>
    /// <param name="vocabularySize">Ids are in [1, vocabularySize); at least 3.</param>
    /// <param name="seed">Seed; the same seed gives the same data.</param>
    /// <exception cref="ArgumentOutOfRangeException">An argument is outside the range given above.</exception>
    public static (int[][] Sequences, int[] Labels) Generate(
        int samples, LengthDistribution lengths, int vocabularySize, long seed)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(samples);
        ArgumentNullException.ThrowIfNull(lengths);
        if (lengths.Min < 1)
            throw new ArgumentOutOfRangeException(nameof(lengths), lengths.Min, $"Expected a minimum length ≥ 1 from {lengths}.");
        if (vocabularySize < 3)
            throw new ArgumentOutOfRangeException(nameof(vocabularySize), vocabularySize,
                "Expected vocabularySize ≥ 3 (0 = padding, 1 = marker, at least one filler id).");
        var random = new RandomGenerator(seed);
        var sequences = new int[samples][];
        var labels = new int[samples];
        for (int i = 0; i < samples; i++)
        {
            int length = lengths.Next(random);
            labels[i] = random.NextInt(2);
            var tokens = new int[length];
            for (int t = 0; t < length; t++) tokens[t] = random.NextInt(MarkerToken + 1, vocabularySize);
            if (labels[i] == 1) tokens[random.NextInt(length / 2, length)] = MarkerToken;
            sequences[i] = tokens;
        }
        return (sequences, labels);
    }
}
