using NotebookRnn.Layers;
using NotebookRnn.Models;
using NotebookRnn.Tensors;

namespace NotebookRnn.TorchSharp.Tests.Layers.Recurrent;

/// <summary>Inputs and weights the recurrent layers' backend comparisons share.</summary>
internal static class RecurrentCases
{
    /// <summary>
    /// Token sequences of lengths 6, 3, 0, 1 and 5 (ids 1 … 7), padded with 0 to 6 steps on the given side: a full row,
    /// an empty row and ragged ones.
    /// </summary>
    public static Tensor PaddedIds(Padding padding)
    {
        int[][] rows = Ragged();
        var ids = new Tensor(rows.Length, Steps);
        for (int b = 0; b < rows.Length; b++)
            for (int t = 0; t < rows[b].Length; t++) ids[b, padding == Padding.Post ? t : Steps - rows[b].Length + t] = rows[b][t];
        return ids;
    }

    /// <summary>The sequences of <see cref="PaddedIds"/>, unpadded.</summary>
    public static int[][] Ragged() => [[1, 2, 3, 4, 5, 6], [7, 1, 2], [], [3], [4, 5, 6, 7, 1]];

    /// <summary>Steps of the padded inputs.</summary>
    public const int Steps = 6;

    /// <summary>Vocabulary of the ids (0 is padding).</summary>
    public const int Vocabulary = 8;

    /// <summary>
    /// Gives every weight of both models the same new random values in [−0.5, 0.5), so that every bias and gate block
    /// counts (initial biases are mostly zeros).
    /// </summary>
    public static void RandomizeWeights(BackendComparison models, long seed = 11)
    {
        var random = new RandomGenerator(seed);
        for (int p = 0; p < models.Managed.Parameters.Count; p++)
        {
            Span<float> managed = models.Managed.Parameters[p].Value.Span, torch = models.Torch.Parameters[p].Value.Span;
            for (int i = 0; i < managed.Length; i++) managed[i] = torch[i] = (float)(random.NextDouble() - 0.5);
        }
    }

    /// <summary>Predict, then one epoch of Fit in one unshuffled batch, on ragged sequences: same outputs and weights within <paramref name="tolerance"/>.</summary>
    public static void AssertSameRaggedStep(BackendComparison models, int[][] x, Tensor y, double tolerance = 1e-5)
    {
        BackendComparison.AssertClose(models.Managed.Predict(x, batchSize: x.Length), models.Torch.Predict(x, batchSize: x.Length), tolerance, "output");
        models.Managed.Fit(x, y, batchSize: x.Length, epochs: 1, verbose: 0, shuffle: false);
        models.Torch.Fit(x, y, batchSize: x.Length, epochs: 1, verbose: 0, shuffle: false);
        models.AssertSameWeights(tolerance);
    }
}
