using NotebookRnn.Tensors;

namespace NotebookRnn.Datasets;

/// <summary>
/// The adding problem (Hochreiter &amp; Schmidhuber 1997, in the form of Le, Jaitly &amp; Hinton 2015), a test of
/// long-range memory. Each step has two features: a value drawn uniformly from [0, 1) and a marker. Exactly two
/// steps are marked (marker 1, others 0): one in the first half, <c>[0, ⌊T/2⌋)</c>, and one in the second,
/// <c>[⌊T/2⌋, T)</c>. The target is the sum of the two marked values, in [0, 2); always predicting 1 gives a mean
/// squared error of about 0.167, the baseline a model must beat.
/// </summary>
public static class AddingProblem
{
    /// <summary>Sequences of one fixed length.</summary>
    /// <param name="samples">Number of sequences (≥ 0).</param>
    /// <param name="length">Steps per sequence, T (≥ 2).</param>
    /// <param name="seed">Seed; the same seed gives the same data.</param>
    /// <returns>X of shape (samples, length, 2) — feature 0 the value, feature 1 the marker — and Y of shape (samples).</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="samples"/> is negative or <paramref name="length"/> is below 2.</exception>
    public static (Tensor X, Tensor Y) Generate(int samples, int length, long seed)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(samples);
        CheckLength(length, nameof(length));
        var random = new RandomGenerator(seed);
        var x = new Tensor(samples, length, 2);
        var y = new Tensor(samples);
        for (int i = 0; i < samples; i++) y.Span[i] = FillSample(x.Row(i), length, random);
        return (x, y);
    }

    /// <summary>Sequences whose lengths are drawn uniformly from [minLength, maxLength] (ragged, not padded).</summary>
    /// <param name="samples">Number of sequences (≥ 0).</param>
    /// <param name="minLength">Shortest length (≥ 2).</param>
    /// <param name="maxLength">Longest length (≥ minLength).</param>
    /// <param name="seed">Seed; the same seed gives the same data.</param>
    /// <returns>
    /// X as sequences of steps, each step <c>[value, marker]</c> (pad with <c>NotebookRnn.Sequences.Sequences.PadSequences</c>), and Y of shape (samples).
    /// </returns>
    /// <exception cref="ArgumentOutOfRangeException">An argument is outside the range given above.</exception>
    public static (float[][][] X, Tensor Y) Generate(int samples, int minLength, int maxLength, long seed)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(samples);
        CheckLength(minLength, nameof(minLength));
        if (maxLength < minLength)
            throw new ArgumentOutOfRangeException(nameof(maxLength), maxLength, $"Expected maxLength ≥ minLength ({minLength}).");
        var random = new RandomGenerator(seed);
        var x = new float[samples][][];
        var y = new Tensor(samples);
        for (int i = 0; i < samples; i++)
        {
            int length = random.NextInt(minLength, maxLength + 1);
            var flat = new float[length * 2];
            y.Span[i] = FillSample(flat, length, random);
            x[i] = Enumerable.Range(0, length).Select(t => flat[(2 * t)..(2 * t + 2)]).ToArray();
        }
        return (x, y);
    }

    // steps: (length, 2) row-major; returns the target.
    private static float FillSample(Span<float> steps, int length, RandomGenerator random)
    {
        for (int t = 0; t < length; t++) steps[2 * t] = random.NextFloat();
        int half = length / 2;
        int first = random.NextInt(0, half);
        int second = random.NextInt(half, length);
        steps[2 * first + 1] = 1f;
        steps[2 * second + 1] = 1f;
        return steps[2 * first] + steps[2 * second];
    }

    private static void CheckLength(int length, string name)
    {
        if (length < 2)
            throw new ArgumentOutOfRangeException(name, length, "Expected a length ≥ 2 (one marked step in each half).");
    }
}
