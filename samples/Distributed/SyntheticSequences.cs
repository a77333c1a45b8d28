using NotebookRnn.Tensors;

namespace Distributed;

/// <summary>
/// Token-id sequences of lengths <see cref="MinLength"/>..<see cref="MaxLength"/> made from a seed, each labelled with
/// the bucket its ids fall in most often. Ids 1..<see cref="Vocabulary"/> − 1 are cut into <see cref="Classes"/> buckets
/// of equal width (0 is padding); a sequence draws about 60% of its ids from one bucket and the rest anywhere, so an LSTM
/// learns the label by counting and the loss falls within the first epochs.
/// </summary>
/// <param name="Sequences">Token ids, one array per sample.</param>
/// <param name="Labels">The most frequent bucket of each sample (the lowest one on a tie), in 0..<see cref="Classes"/> − 1.</param>
internal sealed record SyntheticSequences(int[][] Sequences, int[] Labels)
{
    public const int Vocabulary = 65;
    public const int Classes = 4;
    public const int MinLength = 5;
    public const int MaxLength = 40;
    private const int ProbeSamples = 8;
    private const int BucketWidth = (Vocabulary - 1) / Classes;

    /// <summary>The same <paramref name="count"/> samples for the same <paramref name="seed"/>, on every rank and machine.</summary>
    public static SyntheticSequences Generate(int count, long seed)
    {
        var random = new RandomGenerator(seed);
        var sequences = new int[count][];
        var labels = new int[count];
        for (int i = 0; i < count; i++)
        {
            int favourite = random.NextInt(Classes);
            sequences[i] = new int[random.NextInt(MinLength, MaxLength + 1)];
            for (int t = 0; t < sequences[i].Length; t++)
            {
                int bucket = random.NextDouble() < 0.6 ? favourite : random.NextInt(Classes);
                sequences[i][t] = 1 + bucket * BucketWidth + random.NextInt(BucketWidth);
            }
            labels[i] = MostFrequentBucket(sequences[i]);
        }
        return new SyntheticSequences(sequences, labels);
    }

    /// <summary>The fixed batch the sample predicts after each checkpoint: 8 samples from its own stream of <paramref name="seed"/>.</summary>
    public static int[][] Probe(long seed) => Generate(ProbeSamples, unchecked(seed + 1)).Sequences;

    /// <summary>The labels one-hot, shape (samples, <see cref="Classes"/>), for categorical cross-entropy.</summary>
    public Tensor OneHotLabels()
    {
        var y = new Tensor(Labels.Length, Classes);
        for (int i = 0; i < Labels.Length; i++) y.Span[i * Classes + Labels[i]] = 1;
        return y;
    }

    private static int MostFrequentBucket(int[] ids)
    {
        var counts = new int[Classes];
        foreach (int id in ids) counts[(id - 1) / BucketWidth]++;
        return Array.IndexOf(counts, counts.Max());
    }
}
