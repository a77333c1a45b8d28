using System.Diagnostics;
using TorchSharp;
using static TorchSharp.torch;

namespace TorchReference;

/// <summary>ms per batch (median and mean over the timed batches) and samples/s, with the training losses.</summary>
internal sealed record ModelTiming(double MsPerBatch, double MeanMsPerBatch, double SamplesPerS, int TimedBatches,
    double? FirstLoss = null, double? LastLoss = null);

/// <summary>torch.mm: ms per multiply and GFLOP/s.</summary>
internal sealed record GemmTiming(double MsPerMultiply, double Gflops);

/// <summary>
/// The measurements of pytorch_reference.py on libtorch: training steps (zero_grad, forward, loss, backward, step), Predict
/// passes under inference mode, torch.mm. Every step runs in its own dispose scope, so libtorch frees each step's tensors
/// at once instead of waiting for the .NET finalizer.
/// </summary>
internal static class Timings
{
    // Slow configurations stop early as in pytorch_reference.py: at least MinWarmup / MinTimed batches, then only within
    // the budget.
    private const int MinWarmup = 3, MinTimed = 10;
    private const double WarmupBudgetSeconds = 5, TimedBudgetMs = 20_000;

    public static ModelTiming Train(ModelConfig c, uint checksum, bool packed)
    {
        using DisposeScope configuration = NewDisposeScope(); // this configuration's batches, weights and optimizer state
        manual_seed(42);
        ReferenceBatch[] batches = SyntheticData.Generate(c, checksum);
        using var model = new ReferenceNet(c, packed);
        using optim.Optimizer optimizer = Optimizer(c, model);

        double Step(int i)
        {
            using DisposeScope scope = NewDisposeScope();
            ReferenceBatch batch = batches[i % batches.Length];
            optimizer.zero_grad();
            Tensor logits = model.call(batch.Inputs, batch.Lengths);
            Tensor loss = c.Outputs == 1
                ? nn.functional.binary_cross_entropy_with_logits(logits, batch.Targets)
                : nn.functional.cross_entropy(logits, batch.Targets);
            loss.backward();
            optimizer.step();
            return loss.item<float>();
        }

        var warmup = Stopwatch.StartNew();
        double first = Step(0);
        for (int i = 1; i < c.Warmup && !(i >= MinWarmup && warmup.Elapsed.TotalSeconds > WarmupBudgetSeconds); i++) Step(i);
        var ms = new List<double>();
        double last = double.NaN;
        for (int i = 0; i < c.Timed && !(i >= MinTimed && ms.Sum() > TimedBudgetMs); i++)
        {
            long start = Stopwatch.GetTimestamp();
            last = Step(c.Warmup + i);
            ms.Add(Stopwatch.GetElapsedTime(start).TotalMilliseconds);
        }
        return Summary(c, ms, ms.Count) with { FirstLoss = first, LastLoss = last };
    }

    public static ModelTiming Predict(ModelConfig c, uint checksum)
    {
        using DisposeScope configuration = NewDisposeScope();
        manual_seed(42);
        ReferenceBatch[] batches = SyntheticData.Generate(c, checksum);
        using var model = new ReferenceNet(c, packed: true);
        model.eval();

        void OnePass()
        {
            using IDisposable inference = inference_mode();
            foreach (ReferenceBatch batch in batches)
            {
                using DisposeScope scope = NewDisposeScope();
                model.call(batch.Inputs, batch.Lengths);
            }
        }

        for (int i = 0; i < c.Warmup; i++) OnePass();
        var ms = new List<double>();
        for (int i = 0; i < c.Timed; i++)
        {
            long start = Stopwatch.GetTimestamp();
            OnePass();
            ms.Add(Stopwatch.GetElapsedTime(start).TotalMilliseconds / batches.Length);
        }
        return Summary(c, ms, ms.Count * batches.Length);
    }

    /// <summary>torch.mm(a, b) on uniform(-1, 1) matrices, repeated until one measurement lasts MinSeconds.</summary>
    public static GemmTiming Multiply(GemmConfig g)
    {
        using DisposeScope scope = NewDisposeScope();
        Generator generator = new Generator(7);
        Tensor a = rand(g.M, g.K, generator: generator) * 2 - 1, b = rand(g.K, g.N, generator: generator) * 2 - 1;

        double Seconds(int repeats)
        {
            long start = Stopwatch.GetTimestamp();
            for (int i = 0; i < repeats; i++) mm(a, b).Dispose();
            return Stopwatch.GetElapsedTime(start).TotalSeconds;
        }

        Seconds(3);
        int repeats = 1;
        for (double seconds = Seconds(1); seconds < g.MinSeconds; seconds = Seconds(repeats))
            repeats = (int)Math.Ceiling(repeats * Math.Min(10, 1.2 * g.MinSeconds / Math.Max(seconds, 1e-6)));
        double ms = Median([.. Enumerable.Range(0, g.Measurements).Select(_ => Seconds(repeats) * 1000 / repeats)]);
        return new GemmTiming(ms, 2.0 * g.M * g.N * g.K / (ms * 1e6));
    }

    /// <summary>Keras's settings where torch has them: RMSprop rho 0.9 and epsilon 1e-7; Adam betas (0.9, 0.999), epsilon 1e-7.</summary>
    private static optim.Optimizer Optimizer(ModelConfig c, nn.Module model) => c.Optimizer switch
    {
        "rmsprop" => optim.RMSProp(model.parameters(), lr: c.LearningRate, alpha: 0.9, eps: 1e-7),
        "adam" => optim.Adam(model.parameters(), lr: c.LearningRate, beta1: 0.9, beta2: 0.999, eps: 1e-7),
        _ => throw new ArgumentException($"Unknown optimizer \"{c.Optimizer}\"; expected rmsprop or adam.", nameof(c)),
    };

    private static ModelTiming Summary(ModelConfig c, List<double> ms, int timedBatches)
    {
        double median = Median(ms);
        return new ModelTiming(median, ms.Average(), c.Batch * 1000 / median, timedBatches);
    }

    private static double Median(IReadOnlyCollection<double> values)
    {
        double[] sorted = [.. values.Order()];
        int n = sorted.Length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }
}
