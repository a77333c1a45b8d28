using NotebookRnn.Layers;
using NotebookRnn.Layers.Recurrent;
using NotebookRnn.Models;
using NotebookRnn.Optimizers;
using NotebookRnn.Sequences;
using NotebookRnn.Tensors;
using NotebookRnn.Training;

namespace NotebookRnn.TorchSharp.Tests.Models;

/// <summary>
/// The bench's two main configurations trained for 100 batches on each backend from the same weights: rounding
/// differences must not grow into different models (issue 19: within 1e-4 of each other at the end).
/// </summary>
public class HundredBatchTests
{
    private const double Tolerance = 1e-4;

    [Fact]
    public void Textgen_lstm_ends_100_batches_within_1e_4_on_both_backends()
    {
        // The seed's text generation: 40 steps of 57 one-hot characters, LSTM 128, RMSprop(0.01), batch 128; ten
        // distinct batches, ten epochs.
        const int samples = 1280, steps = 40, characters = 57;
        var random = new RandomGenerator(7);
        var x = new Tensor(samples, steps, characters);
        var y = new Tensor(samples, characters);
        for (int s = 0; s < samples; s++)
        {
            for (int t = 0; t < steps; t++) x.Span[(s * steps + t) * characters + (int)(random.NextDouble() * characters)] = 1;
            y.Span[s * characters + (int)(random.NextDouble() * characters)] = 1;
        }
        var models = new BackendComparison(
            () => new Sequential([new LSTM(128, inputShape: [steps, characters], unroll: true), new Dense(characters), new Activation("softmax")], seed: 42),
            () => new RMSprop(0.01), "categorical_crossentropy");
        AssertSameRun(models, x, y, batchSize: 128);
    }

    [Fact]
    public void Imdb_lstm_with_masked_pre_padded_ids_ends_100_batches_within_1e_4_on_both_backends()
    {
        // The imdb example: ids of 20000 words, 10 to 80 per review, pre-padded with 0 (Keras's pad_sequences), Embedding
        // with maskZero, LSTM 128, Adam(0.001), batch 32; ten distinct batches, ten epochs.
        const int samples = 320, vocabulary = 20000;
        var random = new RandomGenerator(9);
        int[][] reviews = [.. Enumerable.Range(0, samples).Select(_ =>
            Enumerable.Range(0, 10 + (int)(random.NextDouble() * 71)).Select(_ => 1 + (int)(random.NextDouble() * (vocabulary - 1))).ToArray())];
        Tensor x = Sequences.Sequences.PadSequences(reviews, maxLen: 80).Values;
        var y = new Tensor([.. Enumerable.Range(0, samples).Select(_ => random.NextDouble() < 0.5 ? 0f : 1f)], samples, 1);
        var models = new BackendComparison(
            () => new Sequential([new Embedding(vocabulary, 128, maskZero: true, inputShape: [80]), new LSTM(128), new Dense(1, "sigmoid")], seed: 42),
            () => new Adam(0.001), "binary_crossentropy");
        AssertSameRun(models, x, y, batchSize: 32);
    }

    private static void AssertSameRun(BackendComparison models, Tensor x, Tensor y, int batchSize)
    {
        History managed = models.Managed.Fit(x, y, batchSize: batchSize, epochs: 10, verbose: 0, shuffle: false);
        History onTorch = models.Torch.Fit(x, y, batchSize: batchSize, epochs: 10, verbose: 0, shuffle: false);
        Assert.Equal(100, onTorch.Batches.Count);
        for (int b = 0; b < 100; b++) Assert.Equal(managed.Batches[b].Loss, onTorch.Batches[b].Loss, Tolerance);
        models.AssertSameWeights(Tolerance);
        BackendComparison.AssertClose(models.Managed.Predict(x, batchSize), models.Torch.Predict(x, batchSize), Tolerance, "predictions");
    }
}
