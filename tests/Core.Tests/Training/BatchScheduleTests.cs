using NotebookRnn.Kernels;
using NotebookRnn.Layers;
using NotebookRnn.Models;
using NotebookRnn.Optimizers;
using NotebookRnn.Tensors;

namespace NotebookRnn.Tests.Training;

/// <summary>Which samples each training batch of ragged input holds: every sample once per epoch, batches of similar length.</summary>
public class BatchScheduleTests
{
    /// <summary>Passes its input on and records, for each training batch, the sample ids (feature 0 − 1), steps and lengths.</summary>
    private sealed class Recorder() : Layer(null, null)
    {
        public List<(int[] Ids, int Steps, int[] Lengths)> TrainingBatches { get; } = [];

        public override bool SupportsMasking => true;

        public override int?[] ComputeOutputShape(int?[] inputShape) => inputShape;

        public override Tensor Forward(Tensor input, SequenceMask? mask, bool training)
        {
            if (training)
                TrainingBatches.Add(([.. Enumerable.Range(0, input.Dim(0)).Select(b => (int)input[b, 0, 0] - 1)], input.Dim(1), [.. mask!.Lengths]));
            return input;
        }

        public override Tensor? Backward(Tensor outputGradient, bool needInputGradient) => needInputGradient ? outputGradient : null;
    }

    // 85 % short sequences (1–8 steps), 15 % long ones (40–120): random batches almost always hold a long one.
    private static int[] SkewedLengths(int count, int seed)
    {
        var random = new RandomGenerator(seed);
        return [.. Enumerable.Range(0, count).Select(_ => random.NextDouble() < 0.85 ? random.NextInt(1, 9) : random.NextInt(40, 121))];
    }

    // Sequence i: lengths[i] steps of one feature, each equal to i + 1, so a batch reveals which samples it holds.
    private static float[][][] Numbered(int[] lengths) =>
        [.. lengths.Select((length, i) => Enumerable.Range(0, length).Select(_ => new float[] { i + 1 }).ToArray())];

    private static (Sequential Model, Recorder Recorder) RecordingModel()
    {
        var recorder = new Recorder();
        var model = new Sequential([recorder, new Dense(1)], seed: 3);
        model.Compile(new SGD(learningRate: 1e-6), "mse");
        return (model, recorder);
    }

    [Fact]
    public void Each_epoch_trains_on_every_training_sample_exactly_once()
    {
        int[] lengths = SkewedLengths(500, seed: 1);
        var (model, recorder) = RecordingModel();
        model.Fit(Numbered(lengths), new Tensor(500, 120, 1), batchSize: 16, epochs: 3, verbose: 0, validationSplit: 0.2);
        Assert.Equal(3 * 25, recorder.TrainingBatches.Count);
        foreach (var epoch in recorder.TrainingBatches.Chunk(25))
            Assert.Equal(Enumerable.Range(0, 400), epoch.SelectMany(b => b.Ids).Order());
        Assert.All(recorder.TrainingBatches, b => Assert.Equal(b.Ids.Select(i => lengths[i]), b.Lengths));
        Assert.All(recorder.TrainingBatches, b => Assert.Equal(b.Lengths.Max(), b.Steps));
    }

    [Fact]
    public void Batching_by_length_pads_less_than_random_batching_on_skewed_lengths()
    {
        int[] lengths = SkewedLengths(1000, seed: 2);
        var (model, recorder) = RecordingModel();
        model.Fit(Numbered(lengths), new Tensor(1000, 120, 1), batchSize: 16, epochs: 1, verbose: 0);
        long byLength = recorder.TrainingBatches.Sum(b => (long)b.Ids.Length * b.Steps - b.Lengths.Sum());
        long random = Enumerable.Range(0, 5).Min(seed =>
        {
            int[] order = [.. Enumerable.Range(0, lengths.Length)];
            new RandomGenerator(seed).Shuffle(order.AsSpan());
            return order.Chunk(16).Sum(batch => (long)batch.Length * batch.Max(i => lengths[i]) - batch.Sum(i => lengths[i]));
        });
        Assert.True(byLength <= random / 10, $"padding by length {byLength}, best of 5 random batchings {random}");
    }

    [Fact]
    public void Without_shuffling_every_epoch_runs_the_same_length_sorted_batches()
    {
        int[] lengths = SkewedLengths(100, seed: 3);
        var (model, recorder) = RecordingModel();
        model.Fit(Numbered(lengths), new Tensor(100, 120, 1), batchSize: 10, epochs: 2, verbose: 0, shuffle: false);
        var batches = recorder.TrainingBatches;
        Assert.Equal(batches.Take(10).SelectMany(b => b.Ids), batches.Skip(10).SelectMany(b => b.Ids));
        Assert.Equal(Enumerable.Range(0, 100).OrderBy(i => lengths[i]), batches.Take(10).SelectMany(b => b.Ids));
    }
}
