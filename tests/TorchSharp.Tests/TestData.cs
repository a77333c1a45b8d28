using NotebookRnn.Layers;
using NotebookRnn.Models;
using NotebookRnn.Tensors;

namespace NotebookRnn.TorchSharp.Tests;

/// <summary>Seeded inputs and targets for the cross-backend tests: uniform values, padded and ragged id and vector sequences.</summary>
internal static class TestData
{
    /// <summary>Values uniform in [−1, 1) of <paramref name="shape"/>.</summary>
    public static Tensor Uniform(long seed, params int[] shape)
    {
        var random = new RandomGenerator(seed);
        var values = new float[shape.Aggregate(1, (a, b) => a * b)];
        for (int i = 0; i < values.Length; i++) values[i] = (float)(random.NextDouble() * 2 - 1);
        return new Tensor(values, shape);
    }

    /// <summary><paramref name="count"/> sequences of ids in [1, vocabulary), of lengths in [minLength, maxLength].</summary>
    public static int[][] Ragged(long seed, int count, int minLength, int maxLength, int vocabulary)
    {
        var random = new RandomGenerator(seed);
        return [.. Enumerable.Range(0, count).Select(_ =>
            Enumerable.Range(0, random.NextInt(minLength, maxLength + 1)).Select(_ => random.NextInt(1, vocabulary)).ToArray())];
    }

    /// <summary><paramref name="count"/> sequences of feature vectors in [−1, 1), of lengths in [minLength, maxLength].</summary>
    public static float[][][] RaggedVectors(long seed, int count, int minLength, int maxLength, int features)
    {
        var random = new RandomGenerator(seed);
        return [.. Enumerable.Range(0, count).Select(_ =>
            Enumerable.Range(0, random.NextInt(minLength, maxLength + 1))
                .Select(_ => Enumerable.Range(0, features).Select(_ => (float)(random.NextDouble() * 2 - 1)).ToArray()).ToArray())];
    }

    /// <summary>The id sequences as a (count, steps) tensor, zero-padded before (<see cref="Padding.Pre"/>) or after each.</summary>
    public static Tensor Padded(int[][] sequences, int steps, Padding padding)
    {
        var x = new Tensor(sequences.Length, steps);
        for (int i = 0; i < sequences.Length; i++)
        {
            int start = padding == Padding.Pre ? steps - sequences[i].Length : 0;
            for (int t = 0; t < sequences[i].Length; t++) x[i, start + t] = sequences[i][t];
        }
        return x;
    }

    /// <summary>The vector sequences as a (count, steps, features) tensor, zero-padded before or after each.</summary>
    public static Tensor Padded(float[][][] sequences, int steps, Padding padding)
    {
        int features = sequences.First(s => s.Length > 0)[0].Length;
        var x = new Tensor(sequences.Length, steps, features);
        for (int i = 0; i < sequences.Length; i++)
        {
            int start = padding == Padding.Pre ? steps - sequences[i].Length : 0;
            for (int t = 0; t < sequences[i].Length; t++) sequences[i][t].CopyTo(x.Span.Slice(((i * steps) + start + t) * features, features));
        }
        return x;
    }

    /// <summary>The id sequences as a model input of one form: <c>pre</c> or <c>post</c> zero-padded to the longest, or <c>ragged</c> (int[][]).</summary>
    public static InputData Ids(string form, int[][] sequences) =>
        form == "ragged" ? sequences : Padded(sequences, sequences.Max(s => s.Length), PaddingOf(form));

    /// <summary>The vector sequences as a model input of one form: <c>pre</c> or <c>post</c> zero-padded to the longest, or <c>ragged</c> (float[][][]).</summary>
    public static InputData Vectors(string form, float[][][] sequences) =>
        form == "ragged" ? sequences : Padded(sequences, sequences.Max(s => s.Length), PaddingOf(form));

    private static Padding PaddingOf(string form) => form switch
    {
        "pre" => Padding.Pre,
        "post" => Padding.Post,
        _ => throw new ArgumentException($"Expected form 'pre', 'post' or 'ragged', got '{form}'.", nameof(form)),
    };
}
