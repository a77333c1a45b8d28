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

    /// <summary>Trains <paramref name="c"/>'s <see cref="ReferenceNet"/> on its batches and times the steps.</summary>
    public static ModelTiming Train(ModelConfig c, uint checksum, bool packed)
    {
        using var training = new PlainTraining(c, checksum, packed);
        return TimeSteps(c, training.Step);
    }

    /// <summary>
    /// Warm-up and timed steps of a training configuration, stopping early as pytorch_reference.py does; the median and
    /// mean ms of the timed steps, with the first and last loss that <paramref name="step"/>(batch index) returns.
    /// </summary>
    public static ModelTiming TimeSteps(ModelConfig c, Func<int, double> step) => TimeStepsSideBySide(c, [step])[0];

    /// <summary>
    /// <see cref="TimeSteps"/> of several runs at once, interleaved batch by batch (who goes first rotates), so that load
    /// from other processes hits each alike; the early stop counts their summed time.
    /// </summary>
    public static ModelTiming[] TimeStepsSideBySide(ModelConfig c, IReadOnlyList<Func<int, double>> steps)
    {
        int n = steps.Count;
        var warmup = Stopwatch.StartNew();
        double[] first = [.. steps.Select(step => step(0))];
        for (int i = 1; i < c.Warmup && !(i >= MinWarmup && warmup.Elapsed.TotalSeconds > WarmupBudgetSeconds * n); i++)
            foreach (Func<int, double> step in steps) step(i);
        List<double>[] ms = [.. steps.Select(_ => new List<double>())];
        var last = new double[n];
        Array.Fill(last, double.NaN);
        for (int i = 0; i < c.Timed && !(i >= MinTimed && ms.Sum(m => m.Sum()) > TimedBudgetMs * n); i++)
        {
            for (int k = 0; k < n; k++)
            {
                int run = (i + k) % n;
                long start = Stopwatch.GetTimestamp();
                last[run] = steps[run](c.Warmup + i);
                ms[run].Add(Stopwatch.GetElapsedTime(start).TotalMilliseconds);
            }
        }
        return [.. Enumerable.Range(0, n).Select(k => Summary(c, ms[k], ms[k].Count) with { FirstLoss = first[k], LastLoss = last[k] })];
    }

    /// <summary>Predict passes of the (packed) <see cref="ReferenceNet"/> over the configuration's batches, in inference mode.</summary>
    public static ModelTiming Predict(ModelConfig c, uint checksum)
    {
        using var prediction = new PlainPrediction(c, checksum);
        return TimePasses(c, prediction.Batches, prediction.Pass);
    }

    /// <summary>Warm-up and timed Predict passes over <paramref name="batches"/> batches each: ms per batch of each timed pass.</summary>
    public static ModelTiming TimePasses(ModelConfig c, int batches, Action onePass) => TimePassesSideBySide(c, batches, [onePass])[0];

    /// <summary><see cref="TimePasses"/> of several runs at once, interleaved pass by pass (who goes first rotates).</summary>
    public static ModelTiming[] TimePassesSideBySide(ModelConfig c, int batches, IReadOnlyList<Action> passes)
    {
        int n = passes.Count;
        for (int i = 0; i < c.Warmup; i++)
            foreach (Action pass in passes) pass();
        List<double>[] ms = [.. passes.Select(_ => new List<double>())];
        for (int i = 0; i < c.Timed; i++)
        {
            for (int k = 0; k < n; k++)
            {
                int run = (i + k) % n;
                long start = Stopwatch.GetTimestamp();
                passes[run]();
                ms[run].Add(Stopwatch.GetElapsedTime(start).TotalMilliseconds / batches);
            }
        }
        return [.. ms.Select(m => Summary(c, m, m.Count * batches))];
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
    public static optim.Optimizer Optimizer(ModelConfig c, nn.Module model) => c.Optimizer switch
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
