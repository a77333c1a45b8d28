using NotebookRnn.Tensors;
using NotebookRnn.Text;

namespace NotebookRnn.Models;

/// <summary>
/// Keras's text-generation helpers: temperature sampling from a predicted distribution, and character-by-character
/// generation from a seed string (the seed example's <c>sample</c> function and generation loop).
/// </summary>
public static class TextSampling
{
    /// <summary>
    /// Draws an index from <paramref name="probabilities"/> reweighted by <paramref name="temperature"/>:
    /// <c>p'ᵢ ∝ exp(log pᵢ / T)</c>. T &lt; 1 sharpens (0.2 is nearly greedy), T &gt; 1 flattens.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="temperature"/> ≤ 0.</exception>
    /// <exception cref="ArgumentException"><paramref name="probabilities"/> is empty or has no positive value.</exception>
    public static int Sample(ReadOnlySpan<float> probabilities, double temperature, RandomGenerator random)
    {
        if (!(temperature > 0)) throw new ArgumentOutOfRangeException(nameof(temperature), temperature, "Expected a temperature > 0.");
        ArgumentNullException.ThrowIfNull(random);
        double max = double.NegativeInfinity;
        foreach (float p in probabilities) if (p > 0) max = Math.Max(max, Math.Log(p) / temperature);
        if (double.IsNegativeInfinity(max))
            throw new ArgumentException($"Expected at least one positive probability among {probabilities.Length}.", nameof(probabilities));
        Span<double> weights = probabilities.Length <= 1024 ? stackalloc double[probabilities.Length] : new double[probabilities.Length];
        double total = 0;
        for (int i = 0; i < probabilities.Length; i++)
            total += weights[i] = probabilities[i] > 0 ? Math.Exp(Math.Log(probabilities[i]) / temperature - max) : 0;
        double draw = random.NextDouble() * total;
        for (int i = 0; i < weights.Length; i++)
        {
            draw -= weights[i];
            if (draw < 0) return i;
        }
        return weights.LastIndexOfAnyExcept(0.0);
    }

    /// <summary>
    /// Generates <paramref name="length"/> characters after <paramref name="seed"/> at <paramref name="temperature"/>, as
    /// <see cref="GenerateCharacters"/> does, and keeps the seed and temperature with them (a notebook shows it as a table).
    /// </summary>
    /// <exception cref="ArgumentException">The seed is shorter than the model's window or has characters outside the vocabulary.</exception>
    public static GeneratedText Generate(Model model, CharacterVocabulary vocabulary, string seed, int length, double temperature,
        RandomGenerator random) =>
        new(seed, GenerateCharacters(model, vocabulary, seed, length, temperature, random), temperature);

    /// <summary>
    /// Generates <paramref name="length"/> characters after <paramref name="seed"/> with a model that maps one-hot
    /// windows (1, maxLen, vocabulary) to next-character probabilities: each step feeds the last maxLen characters
    /// and appends a sampled one.
    /// </summary>
    /// <returns>The generated characters (without the seed).</returns>
    /// <exception cref="ArgumentException">The seed is shorter than the model's window or has characters outside the vocabulary.</exception>
    public static string GenerateCharacters(Model model, CharacterVocabulary vocabulary, string seed, int length, double temperature,
        RandomGenerator random)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(vocabulary);
        int maxLen = model.InputShape?[0] ?? seed.Length;
        if (seed.Length < maxLen)
            throw new ArgumentException($"The seed must have at least the model's {maxLen} characters, got {seed.Length}.", nameof(seed));
        var window = new Tensor(1, maxLen, vocabulary.Count);
        var text = new System.Text.StringBuilder(seed[^maxLen..]);
        var generated = new System.Text.StringBuilder(length);
        for (int i = 0; i < length; i++)
        {
            window.Span.Clear();
            for (int t = 0; t < maxLen; t++)
            {
                int id = vocabulary.IndexOf(text[text.Length - maxLen + t]);
                window[0, t, id] = 1;
            }
            Tensor probabilities = model.Predict(window);
            char next = vocabulary.Characters[Sample(probabilities.Span, temperature, random)];
            text.Append(next);
            generated.Append(next);
        }
        return generated.ToString();
    }
}
