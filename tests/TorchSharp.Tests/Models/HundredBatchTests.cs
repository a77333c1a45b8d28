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
/// differences must not grow into different models (issue 19: the runs end within 1e-4 of each other).
/// </summary>
public class HundredBatchTests
{
    private const double Tolerance = 1e-4;

    [Fact]
    public void Textgen_lstm_ends_100_batches_within_1e_4_on_both_backends()
    {
        // The seed's text generation: windows of 40 one-hot characters of a text and the character after each, LSTM 128,
        // RMSprop(0.01), batch 128; ten distinct batches, ten epochs. The text is words drawn from a small vocabulary, so
        // the model has something to learn: on uniform random characters training only fits noise, and RMSprop's
        // normalised steps turn rounding differences into diverging runs.
        const int samples = 1280, steps = 40;
        string[] words = ["the", "of", "and", "to", "in", "is", "that", "it", "was", "for", "on", "are", "with", "as", "his", "they",
            "be", "at", "one", "have", "this", "from", "or", "had", "by", "not", "word", "but", "what", "some", "we", "can",
            "out", "other", "were", "all", "there", "when", "up", "use", "your", "how", "said", "an", "each", "she", "which",
            "do", "their", "time", "if", "will", "way", "about", "many", "then", "them", "write", "would", "like", "so"];
        var random = new RandomGenerator(7);
        var text = new System.Text.StringBuilder();
        while (text.Length < samples * 3 + steps + 1)
            text.Append(words[(int)(random.NextDouble() * words.Length)]).Append(random.NextDouble() < 0.1 ? ". " : " ");
        char[] alphabet = [.. text.ToString().Distinct().Order()];
        int characters = alphabet.Length;
        var x = new Tensor(samples, steps, characters);
        var y = new Tensor(samples, characters);
        for (int s = 0; s < samples; s++)
        {
            for (int t = 0; t < steps; t++) x.Span[(s * steps + t) * characters + Array.IndexOf(alphabet, text[s * 3 + t])] = 1;
            y.Span[s * characters + Array.IndexOf(alphabet, text[s * 3 + steps])] = 1;
        }
        Model Build() => new Sequential([new LSTM(128, inputShape: [steps, characters], unroll: true), new Dense(characters), new Activation("softmax")], seed: 42);
        // RMSprop's steps are normalised by the gradient's running size, so after 100 of them at rate 0.01 the managed engine
        // itself ends apart between one device and two (measured: weights 2.8e-4, predictions 1.1e-3): the final losses are
        // checked against 1e-4, the weights and predictions against twice the managed engine's own spread.
        var (weights, predictions) = DeviceCountSpread(Build, () => new RMSprop(0.01), "categorical_crossentropy", x, y, batchSize: 128);
        Assert.InRange(weights, 1e-6, 1e-3);
        var models = new BackendComparison(Build, () => new RMSprop(0.01), "categorical_crossentropy");
        AssertSameRun(models, x, y, batchSize: 128, batchTolerance: 1e-3, weightTolerance: 2 * weights, predictionTolerance: 2 * predictions);
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

    // The losses of the last batch and the last epoch within 1e-4, every batch's within batchTolerance, and the weights and
    // predictions at the end within theirs.
    private static void AssertSameRun(BackendComparison models, Tensor x, Tensor y, int batchSize, double batchTolerance = Tolerance,
        double weightTolerance = Tolerance, double predictionTolerance = Tolerance)
    {
        History managed = models.Managed.Fit(x, y, batchSize: batchSize, epochs: 10, verbose: 0, shuffle: false);
        History onTorch = models.Torch.Fit(x, y, batchSize: batchSize, epochs: 10, verbose: 0, shuffle: false);
        Assert.Equal(100, onTorch.Batches.Count);
        for (int b = 0; b < 100; b++) Assert.Equal(managed.Batches[b].Loss, onTorch.Batches[b].Loss, batchTolerance);
        Assert.Equal(managed.Batches[99].Loss, onTorch.Batches[99].Loss, Tolerance);
        Assert.Equal(managed["loss"][9], onTorch["loss"][9], Tolerance);
        models.AssertSameWeights(weightTolerance);
        BackendComparison.AssertClose(models.Managed.Predict(x, batchSize), models.Torch.Predict(x, batchSize), predictionTolerance, "predictions");
    }

    // The largest weight and prediction differences between the managed run on one device and on two: float rounding alone
    // (another summation order), amplified by 100 steps of training.
    private static (double Weights, double Predictions) DeviceCountSpread(Func<Model> build, Func<Optimizer> optimizer, string loss, Tensor x, Tensor y,
        int batchSize)
    {
        Model one = build(), two = build();
        BackendComparison.CopyWeights(one, two);
        one.Compile(optimizer(), loss);
        two.Compile(optimizer(), loss, devices: 2);
        one.Fit(x, y, batchSize: batchSize, epochs: 10, verbose: 0, shuffle: false);
        two.Fit(x, y, batchSize: batchSize, epochs: 10, verbose: 0, shuffle: false);
        double weights = one.Parameters.Select((p, k) => LargestDifference(p.Value, two.Parameters[k].Value)).Max();
        return (weights, LargestDifference(one.Predict(x, batchSize), two.Predict(x, batchSize)));
    }

    private static double LargestDifference(Tensor a, Tensor b)
    {
        double largest = 0;
        for (int i = 0; i < a.Length; i++) largest = Math.Max(largest, Math.Abs(a.Span[i] - b.Span[i]));
        return largest;
    }
}
