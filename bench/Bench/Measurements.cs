using System.Diagnostics;
using NotebookRnn;
using NotebookRnn.Kernels;
using NotebookRnn.Data;
using NotebookRnn.Distributed;
using NotebookRnn.Models;
using NotebookRnn.Persistence;
using NotebookRnn.Tensors;

namespace Bench;

/// <summary>What one configuration measured on our engine.</summary>
/// <param name="MsPerBatch">Median over the timed batches (predict: over timed passes, per batch).</param>
/// <param name="AllocatedBytesPerBatch">Managed bytes allocated (all threads) per timed batch.</param>
/// <param name="Gen2Collections">Gen-2 collections during the timed batches.</param>
internal sealed record ModelMeasurement(string Name, double MsPerBatch, double MeanMsPerBatch, double SamplesPerSecond, int TimedBatches,
    double AllocatedBytesPerBatch, int Gen2Collections, double RealFraction, double FirstLoss, double LastLoss);

/// <summary>GEMM throughput: median GFLOP/s and the time of one multiply.</summary>
internal sealed record GemmMeasurement(string Name, double GigaflopsPerSecond, double MsPerMultiply, string Path);

internal static class Measurements
{
    /// <summary>TrainOnBatch on preallocated batches: warm-up, then timed batches (each timed alone, no allocation by the harness).</summary>
    /// <param name="world">The world every rank trains in, cut into <paramref name="shards"/> shards (see <see cref="Models.Build"/>); each rank times its own batches.</param>
    /// <param name="shards">K, when <paramref name="world"/> is given.</param>
    public static ModelMeasurement Train(ModelConfig config, MpiWorld? world = null, int shards = 1)
    {
        SyntheticBatch[] batches = SyntheticBatch.Generate(config);
        Tensor[] xs = [.. batches.Select(b => b.Inputs(config))], ys = [.. batches.Select(b => b.TargetTensor(config))];
        Sequential model = Models.Build(config, world, shards);
        CollectEarlierGarbage();
        double firstLoss = double.NaN, lastLoss = double.NaN;
        for (int i = 0; i < config.Warmup; i++)
        {
            double loss = model.TrainOnBatch(xs[i % xs.Length], ys[i % ys.Length])["loss"];
            if (i == 0) firstLoss = loss;
        }
        var ms = new double[config.Timed];
        long bytesBefore = GC.GetTotalAllocatedBytes(precise: true);
        int gen2Before = GC.CollectionCount(2);
        for (int i = 0; i < ms.Length; i++)
        {
            int b = (config.Warmup + i) % xs.Length;
            long start = Stopwatch.GetTimestamp();
            lastLoss = model.TrainOnBatch(xs[b], ys[b])["loss"];
            ms[i] = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
        }
        long bytes = GC.GetTotalAllocatedBytes(precise: true) - bytesBefore;
        int gen2 = GC.CollectionCount(2) - gen2Before;
        double median = Median(ms);
        return new ModelMeasurement(config.Name, median, ms.Average(), config.Batch * 1000 / median, ms.Length,
            bytes / (double)ms.Length, gen2, batches.Average(b => b.RealFraction(config.Steps)), firstLoss, lastLoss);
    }

    /// <summary>Predict over all distinct batches (one pass = DistinctBatches batches); ms per batch is the median pass / batches.</summary>
    public static ModelMeasurement Predict(ModelConfig config)
    {
        SyntheticBatch[] batches = SyntheticBatch.Generate(config);
        Tensor x = Concatenate([.. batches.Select(b => b.Inputs(config))]);
        Sequential model = Models.Build(config);
        CollectEarlierGarbage();
        for (int i = 0; i < config.Warmup; i++) model.Predict(x, batchSize: config.Batch);
        var ms = new double[config.Timed];
        long bytesBefore = GC.GetTotalAllocatedBytes(precise: true);
        int gen2Before = GC.CollectionCount(2);
        for (int i = 0; i < ms.Length; i++)
        {
            long start = Stopwatch.GetTimestamp();
            model.Predict(x, batchSize: config.Batch);
            ms[i] = Stopwatch.GetElapsedTime(start).TotalMilliseconds / batches.Length;
        }
        long bytes = GC.GetTotalAllocatedBytes(precise: true) - bytesBefore;
        int timedBatches = ms.Length * batches.Length;
        double median = Median(ms);
        return new ModelMeasurement(config.Name, median, ms.Average(), config.Batch * 1000 / median, timedBatches,
            bytes / (double)timedBatches, GC.CollectionCount(2) - gen2Before, 1, double.NaN, double.NaN);
    }

    /// <summary><see cref="Gemm.Multiply(bool, bool, int, int, int, float, ReadOnlySpan{float}, ReadOnlySpan{float}, float, Span{float})"/> on this thread.</summary>
    public static GemmMeasurement MultiplyMatrices(GemmConfig config)
    {
        var random = new Lcg(7);
        float[] a = RandomMatrix(config.M * config.K, random), b = RandomMatrix(config.K * config.N, random), c = new float[config.M * config.N];
        void Once() => Gemm.Multiply(false, false, config.M, config.N, config.K, 1f, a, b, 0f, c);
        for (int i = 0; i < 3; i++) Once();
        int repeats = 1;
        for (double seconds = Time(Once, repeats); seconds < config.MinSeconds; seconds = Time(Once, repeats))
            repeats = (int)Math.Ceiling(repeats * Math.Min(10, 1.2 * config.MinSeconds / Math.Max(seconds, 1e-6)));
        var msPerMultiply = new double[config.Measurements];
        for (int i = 0; i < msPerMultiply.Length; i++) msPerMultiply[i] = Time(Once, repeats) * 1000 / repeats;
        double ms = Median(msPerMultiply);
        return new GemmMeasurement(config.Name, 2.0 * config.M * config.N * config.K / (ms * 1e6), ms, Gemm.BestPath.ToString());
    }

    // Garbage of earlier configurations (models, Predict outputs on the large-object heap) must not trigger a collection
    // inside this configuration's timed window; the gen-2 count should be this configuration's own.
    private static void CollectEarlierGarbage()
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
    }

    private static double Time(Action action, int repeats)
    {
        long start = Stopwatch.GetTimestamp();
        for (int i = 0; i < repeats; i++) action();
        return Stopwatch.GetElapsedTime(start).TotalSeconds;
    }

    private static float[] RandomMatrix(int length, Lcg random)
    {
        var values = new float[length];
        for (int i = 0; i < length; i++) values[i] = random.Next(2001) / 1000f - 1;
        return values;
    }

    /// <summary>The parts one after another along the sample axis.</summary>
    public static Tensor Concatenate(Tensor[] parts)
    {
        int rows = parts.Sum(p => p.Dim(0));
        var all = new Tensor([rows, .. parts[0].Shape.Skip(1)]);
        int offset = 0;
        foreach (Tensor part in parts)
        {
            part.Span.CopyTo(all.Span[offset..]);
            offset += part.Length;
        }
        return all;
    }

    public static double Median(IReadOnlyCollection<double> values)
    {
        double[] sorted = [.. values.Order()];
        int n = sorted.Length;
        return n == 0 ? double.NaN : n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }
}
