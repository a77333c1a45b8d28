using System.Diagnostics;
using System.Text.Json;
using NotebookRnn;
using NotebookRnn.Data;
using NotebookRnn.Datasets;
using NotebookRnn.Layers;
using NotebookRnn.Layers.Recurrent;
using NotebookRnn.Models;
using NotebookRnn.Optimizers;
using NotebookRnn.Persistence;
using NotebookRnn.Sequences;
using NotebookRnn.Tensors;
using NotebookRnn.Training;

namespace Bench;

/// <summary>
/// The cold-start rows: what a user's first training costs in a fresh process under the .NET default (tiered) JIT,
/// as in a notebook kernel. <see cref="MeasureInFreshProcess"/> starts this bench again with <c>--cold-run</c>, so
/// nothing of it has been jitted yet; the child runs <see cref="Run"/> and prints its measurement as JSON.
/// </summary>
/// <param name="TextGeneration">The textgen LSTM with <c>DistinctBatches</c> batches per epoch (one Fit of them).</param>
/// <param name="Epochs">Epochs of the textgen Fit: the first is the cold one, the last the steady state.</param>
/// <param name="NotebookSamples">Samples of the notebook-01-shaped Fit (Embedding → LSTM(32) → Dense(2) softmax).</param>
/// <param name="NotebookBatch">Its batch size.</param>
internal sealed record ColdStartPlan(ModelConfig TextGeneration, int Epochs, int NotebookSamples, int NotebookBatch)
{
    /// <summary>The target of the textgen row: the first epoch of a fresh process within this factor of a later one.</summary>
    public const double TargetRatio = 1.3;

    public const string TextGenerationName = "cold-textgen-lstm", NotebookName = "cold-notebook-01";
}

/// <summary>The textgen cold row: ms per batch of the first and of the last epoch of one Fit in a fresh process.</summary>
internal sealed record ColdTextGeneration(int Batches, double FirstEpochMsPerBatch, double SteadyEpochMsPerBatch, double FirstBatchMs,
    string LoadAverage);

/// <summary>
/// The notebook-01 cold row: seconds of the first Fit on padded input and then of the first on ragged input (each a new
/// model) in a fresh process, and of the same two Fits again once warm.
/// </summary>
internal sealed record ColdNotebook(double FirstPaddedSeconds, double FirstRaggedSeconds, double WarmPaddedSeconds, double WarmRaggedSeconds,
    string LoadAverage);

/// <summary>One round's cold rows: the notebook Fit under the default JIT and with tiered compilation off, for comparison.</summary>
internal sealed record ColdStartRun(ColdTextGeneration TextGeneration, ColdNotebook Notebook, ColdNotebook NotebookWithoutTiering);

internal static class ColdStart
{
    // JIT settings that would make the child measure something other than what users get. DOTNET_EnableAVX512 and
    // the like describe the machine (bench/run.sh --avx2 sets it) and are kept.
    private static readonly string[] JitSettings =
        ["TieredCompilation", "TC_", "TieredPGO", "ReadyToRun", "OSR_", "JitStdOutFile", "JitDisasm", "ZapDisable"];

    /// <summary>Runs every cold row, each in a fresh process of this bench.</summary>
    public static ColdStartRun Measure(BenchPlan plan) => new(
        MeasureInFreshProcess<ColdTextGeneration>("textgen", plan.Smoke, tieredCompilation: true),
        MeasureInFreshProcess<ColdNotebook>("notebook", plan.Smoke, tieredCompilation: true),
        MeasureInFreshProcess<ColdNotebook>("notebook", plan.Smoke, tieredCompilation: false));

    /// <summary>
    /// Starts <c>Bench --cold-run <paramref name="kind"/></c> with the JIT settings of this process removed
    /// (<c>DOTNET_TieredCompilation=0</c> added when <paramref name="tieredCompilation"/> is false) and reads its result.
    /// </summary>
    /// <exception cref="InvalidOperationException">The child failed.</exception>
    private static T MeasureInFreshProcess<T>(string kind, bool smoke, bool tieredCompilation)
    {
        string entry = typeof(ColdStart).Assembly.Location;
        var start = new ProcessStartInfo(Environment.ProcessPath!) { RedirectStandardOutput = true, UseShellExecute = false };
        // An apphost (bin/.../Bench) runs the assembly itself; the dotnet host needs the assembly's path first.
        if (Path.GetFileNameWithoutExtension(Environment.ProcessPath) == "dotnet") start.ArgumentList.Add(entry);
        foreach (string argument in (string[])["--cold-run", kind, .. smoke ? ["--smoke"] : Array.Empty<string>()])
            start.ArgumentList.Add(argument);
        foreach (string name in start.Environment.Keys.Where(IsJitSetting).ToList()) start.Environment.Remove(name);
        if (!tieredCompilation) start.Environment["DOTNET_TieredCompilation"] = "0";
        using Process child = Process.Start(start) ?? throw new InvalidOperationException("Could not start the cold-start child process.");
        string output = child.StandardOutput.ReadToEnd();
        child.WaitForExit();
        if (child.ExitCode != 0) throw new InvalidOperationException($"The cold-start child ({kind}) exited with code {child.ExitCode}.");
        return JsonSerializer.Deserialize<T>(output, BenchPlan.Json)
            ?? throw new InvalidDataException($"The cold-start child ({kind}) printed no measurement.");
    }

    private static bool IsJitSetting(string name) =>
        (name.StartsWith("DOTNET_", StringComparison.OrdinalIgnoreCase) || name.StartsWith("COMPlus_", StringComparison.OrdinalIgnoreCase)) &&
        JitSettings.Any(s => name[(name.IndexOf('_') + 1)..].StartsWith(s, StringComparison.OrdinalIgnoreCase));

    /// <summary>The child's side: measures <paramref name="kind"/> (textgen or notebook) in this, fresh, process as JSON.</summary>
    /// <exception cref="ArgumentException">An unknown kind.</exception>
    public static string Run(string kind, ColdStartPlan plan) => kind switch
    {
        "textgen" => JsonSerializer.Serialize(RunTextGeneration(plan), BenchPlan.Json),
        "notebook" => JsonSerializer.Serialize(RunNotebook(plan), BenchPlan.Json),
        _ => throw new ArgumentException($"Unknown cold-start kind \"{kind}\"; expected textgen or notebook.", nameof(kind)),
    };

    // One Fit over the epoch's batches, as the seed example trains: the first epoch is cold, the last is steady.
    private static ColdTextGeneration RunTextGeneration(ColdStartPlan plan)
    {
        string load = Machine.ReadLoadAverage();
        ModelConfig config = plan.TextGeneration;
        SyntheticBatch[] batches = SyntheticBatch.Generate(config);
        Tensor x = Measurements.Concatenate([.. batches.Select(b => b.Inputs(config))]);
        Tensor y = Measurements.Concatenate([.. batches.Select(b => b.TargetTensor(config))]);
        Sequential model = Models.Build(config);
        History history = model.Fit(x, y, batchSize: config.Batch, epochs: plan.Epochs, verbose: 0);
        double MsPerBatch(EpochRecord epoch) => epoch.Duration.TotalMilliseconds / batches.Length;
        return new ColdTextGeneration(batches.Length, MsPerBatch(history.Epochs[0]), MsPerBatch(history.Epochs[^1]),
            history.Batches[0].Duration.TotalMilliseconds, load);
    }

    // Notebook 01's classifier, as its cells run it: the first Fit on padded input, then the first on ragged input.
    private static ColdNotebook RunNotebook(ColdStartPlan plan)
    {
        string load = Machine.ReadLoadAverage();
        var lengths = LengthDistribution.LogNormal(mu: Math.Log(30), sigma: 0.8, min: 4, max: 400);
        var (sequences, labels) = SequenceClassificationTask.Generate(plan.NotebookSamples, lengths, vocabularySize: 32, seed: 42);
        Tensor padded = NotebookRnn.Sequences.Sequences.PadSequences(sequences, padding: Padding.Post).Values, y = labels;
        double FitSeconds(bool ragged)
        {
            var model = new Sequential(seed: 42);
            model.Add(new Embedding(32, 16, maskZero: true));
            model.Add(new LSTM(32));
            model.Add(new Dense(2, activation: "softmax"));
            model.Compile(optimizer: new Adam(learningRate: 0.01), loss: "sparse_categorical_crossentropy", metrics: ["accuracy"]);
            long start = Stopwatch.GetTimestamp();
            if (ragged) model.Fit(sequences, y, batchSize: plan.NotebookBatch, verbose: 0);
            else model.Fit(padded, y, batchSize: plan.NotebookBatch, verbose: 0);
            return Stopwatch.GetElapsedTime(start).TotalSeconds;
        }
        return new ColdNotebook(FitSeconds(ragged: false), FitSeconds(ragged: true), FitSeconds(ragged: false), FitSeconds(ragged: true), load);
    }
}
