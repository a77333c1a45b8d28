using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using NotebookRnn.Data;
using NotebookRnn.Devices;
using NotebookRnn.Optimizers;
using NotebookRnn.Persistence;

namespace Bench;

/// <summary>
/// Every configuration the bench runs, defined once: the C# side runs it and <c>--list-configs</c> hands the same
/// list (as JSON) to bench/pytorch_reference.py, so both sides use the same shapes, optimizer, data and batch counts.
/// </summary>
/// <param name="TwoProcesses">
/// The MPI row (issue 20): textgen-lstm trained by <see cref="Processes"/> processes under mpirun, one shard and device
/// each (see <see cref="MpiRun"/>), compared with <see cref="TwoDevices"/> in one process. Not in <see cref="Models"/>: the
/// references do not run it.
/// </param>
internal sealed record BenchPlan(bool Smoke, IReadOnlyList<ModelConfig> Models, IReadOnlyList<GemmConfig> Gemms, ColdStartPlan ColdStart,
    ModelConfig TwoProcesses)
{
    /// <summary>The name of the 2-device textgen configuration (compared with textgen-lstm on one device).</summary>
    public const string TwoDevices = "textgen-lstm-2-devices";

    /// <summary>The name of a configuration's 2-device variant: the same model compiled with <c>devices: 2</c>.</summary>
    public static string OnTwoDevices(string name) => name + "-2-devices";

    /// <summary>The processes of the MPI row (<c>mpirun -np 2</c> in run.sh).</summary>
    public const int Processes = 2;

    public static readonly JsonSerializerOptions Json = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        WriteIndented = true,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping, // keep ≥ and × readable in results.json
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals, // a round's unmeasured losses are NaN
    };

    /// <summary>The full bench (the shapes) or the CI smoke run (small shapes, 2 timed batches).</summary>
    public static BenchPlan Create(bool smoke)
    {
        Sizes s = smoke ? Sizes.SmokeSizes : Sizes.FullSizes;
        var models = new List<ModelConfig>
        {
            TextGeneration("textgen-lstm", "lstm", s),
            Imdb(s),
            TextGeneration("textgen-gru", "gru", s),
            TextGeneration("textgen-simplernn", "simplernn", s),
            TextGeneration("predict-textgen-lstm", "lstm", s) with
            {
                Kind = "predict",
                Description = "textgen LSTM Predict (inference)",
                Warmup = s.PredictWarmupPasses,
                Timed = s.PredictTimedPasses,
            },
        };
        foreach (double fraction in new[] { 1.0, 0.75, 0.5, 0.25 })
            models.Add(PaddingSweep(fraction, s));
        // The devices issue: the batch split over cpu:0 and cpu:1 (ours only). textgen-lstm's is also compared with our one
        // device; for each configuration the report keeps the faster of our 1 and 2 devices, as torch keeps its faster thread
        // count (issue 18).
        foreach (string name in new[] { "textgen-lstm", "textgen-gru", "textgen-simplernn", "imdb-lstm", "predict-textgen-lstm" })
        {
            ModelConfig one = models.First(m => m.Name == name);
            models.Add(one with { Name = OnTwoDevices(name), Description = one.Description + " on 2 devices", Devices = 2 });
        }
        GemmConfig[] gemms = smoke
            ? [new("gemm-64x64x128", 64, 64, 128, Measurements: 3, MinSeconds: 0.01), new("gemm-128^3", 128, 128, 128, 3, 0.01)]
            : [new("gemm-128x128x512", 128, 128, 512, Measurements: 9, MinSeconds: 0.2), new("gemm-1024^3", 1024, 1024, 1024, 5, 0.5)];
        // The cold row's epoch: 200 batches of 128 (25,600 windows; the nietzsche corpus gives about 200,000), long
        // enough that the steady state dominates it as it does a real epoch, short enough to run in a minute.
        ModelConfig coldTextGeneration = TextGeneration(ColdStartPlan.TextGenerationName, "lstm", s) with
        {
            Description = "textgen LSTM, first epoch of a fresh process (default tiered JIT) vs its last",
            DistinctBatches = s.ColdStartBatches,
            Warmup = 0,
            Timed = 0,
        };
        var coldStart = new ColdStartPlan(coldTextGeneration, Epochs: smoke ? 2 : 3, NotebookSamples: s.NotebookSamples, NotebookBatch: 64);
        ModelConfig twoProcesses = models.First(m => m.Name == "textgen-lstm") with
        {
            Name = $"textgen-lstm-{Processes}-processes",
            Description = $"textgen LSTM training, {Processes} processes (MPI), 1 device each",
        };
        return new BenchPlan(smoke, models, gemms, coldStart, twoProcesses);
    }

    /// <summary>One-hot characters → RNN(units) → Dense(classes) softmax, RMSprop(lr 0.01): the seed example.</summary>
    private static ModelConfig TextGeneration(string name, string cell, Sizes s) => new(
        Name: name, Description: $"textgen {CellName(cell)} training", Kind: "train", Cell: cell, Input: "onehot", Masked: false,
        Batch: s.TextBatch, Steps: s.TextSteps, Features: s.TextClasses, Vocab: 0, Units: s.Units, Outputs: s.TextClasses,
        Optimizer: "rmsprop", LearningRate: 0.01, LengthMode: "full", LengthMin: s.TextSteps, LengthMax: s.TextSteps,
        RealFraction: 1, DistinctBatches: s.DistinctBatches, Warmup: s.Warmup, Timed: s.Timed, Seed: 1001, ReferenceUnpacked: false,
        Devices: 1);

    /// <summary>Embedding(vocab, 128, maskZero) → LSTM → Dense(1) sigmoid, Adam; lengths uniform, post-padded.</summary>
    private static ModelConfig Imdb(Sizes s) => new(
        Name: "imdb-lstm", Description: "imdb LSTM training (masked, packed)", Kind: "train", Cell: "lstm", Input: "ids", Masked: true,
        Batch: s.ImdbBatch, Steps: s.ImdbMaxLength, Features: s.ImdbEmbedding, Vocab: s.ImdbVocab, Units: s.Units, Outputs: 1,
        Optimizer: "adam", LearningRate: 0.001, LengthMode: "uniform", LengthMin: s.ImdbMinLength, LengthMax: s.ImdbMaxLength,
        RealFraction: null, DistinctBatches: s.DistinctBatches, Warmup: s.Warmup, Timed: s.Timed, Seed: 2002, ReferenceUnpacked: true,
        Devices: 1);

    /// <summary>
    /// The textgen batch with post-padded one-hot input where a fraction r of the steps are real (lengths spread
    /// evenly between lo and hi with mean r·steps), Masking → LSTM → Dense softmax.
    /// </summary>
    private static ModelConfig PaddingSweep(double fraction, Sizes s)
    {
        int steps = s.TextSteps, real = (int)Math.Round(fraction * steps);
        (int lo, int hi) = fraction >= 1 ? (steps, steps) : 2 * real > steps ? (2 * real - steps, steps) : (1, 2 * real - 1);
        return TextGeneration($"padding-r{fraction:0.00}", "lstm", s) with
        {
            Description = $"padding sweep r = {fraction:0.00} (Masking → LSTM, textgen shape)",
            Masked = true,
            LengthMode = "spread",
            LengthMin = lo,
            LengthMax = hi,
            RealFraction = fraction,
            Seed = 3003,
        };
    }

    public static string CellName(string cell) => cell switch { "lstm" => "LSTM", "gru" => "GRU", _ => "SimpleRNN" };

    /// <summary>
    /// The plan as JSON (snake_case keys), the input of pytorch_reference.py, with a checksum of each configuration's
    /// synthetic data so the script can prove it generated the same batches.
    /// </summary>
    public string ToJson() => JsonSerializer.Serialize(new
    {
        Smoke,
        Models,
        Gemms,
        DataChecksums = Models.ToDictionary(m => m.Name, m => SyntheticBatch.Checksum(SyntheticBatch.Generate(m))),
    }, Json);

    private sealed record Sizes(int TextBatch, int TextSteps, int TextClasses, int Units, int ImdbBatch, int ImdbVocab, int ImdbEmbedding,
        int ImdbMinLength, int ImdbMaxLength, int DistinctBatches, int Warmup, int Timed, int PredictWarmupPasses, int PredictTimedPasses,
        int ColdStartBatches, int NotebookSamples)
    {
        // Warm-up is long enough for tiered compilation to reach optimised (tier-1, PGO) code on every device thread:
        // with 20 batches the 2-device row still ran tier-0 code on the worker thread and measured the JIT, not training.
        public static readonly Sizes FullSizes = new(TextBatch: 128, TextSteps: 40, TextClasses: 57, Units: 128, ImdbBatch: 32,
            ImdbVocab: 20000, ImdbEmbedding: 128, ImdbMinLength: 10, ImdbMaxLength: 80, DistinctBatches: 10, Warmup: 80, Timed: 100,
            PredictWarmupPasses: 8, PredictTimedPasses: 10, ColdStartBatches: 200, NotebookSamples: 4096);

        public static readonly Sizes SmokeSizes = new(TextBatch: 16, TextSteps: 10, TextClasses: 57, Units: 32, ImdbBatch: 8,
            ImdbVocab: 1000, ImdbEmbedding: 32, ImdbMinLength: 3, ImdbMaxLength: 10, DistinctBatches: 2, Warmup: 1, Timed: 2,
            PredictWarmupPasses: 1, PredictTimedPasses: 1, ColdStartBatches: 4, NotebookSamples: 256);
    }
}

/// <summary>
/// One model configuration. <c>Kind</c>: train (TrainOnBatch) or predict. <c>Input</c>: onehot (float one-hot
/// characters, <c>Features</c> classes; with <c>Masked</c> a Masking layer comes first) or ids (Embedding(vocab,
/// features, maskZero)). Lengths: full (every step real), uniform (lengthMin..lengthMax drawn per row) or spread
/// (evenly from lengthMin to lengthMax, then shuffled). Steps is the padded length (post-padding).
/// <c>ReferenceUnpacked</c>: PyTorch also times the model without pack_padded_sequence (padded input, the output at
/// each row's last real step), an informational second reference. <c>Devices</c>: CPU devices the model is compiled for
/// (PyTorch skips configurations with more than one).
/// </summary>
internal sealed record ModelConfig(string Name, string Description, string Kind, string Cell, string Input, bool Masked,
    int Batch, int Steps, int Features, int Vocab, int Units, int Outputs, string Optimizer, double LearningRate,
    string LengthMode, int LengthMin, int LengthMax, double? RealFraction, int DistinctBatches, int Warmup, int Timed, uint Seed,
    bool ReferenceUnpacked, int Devices);

/// <summary>C (m×n) = A (m×k) · B (k×n), single thread; the median of <c>Measurements</c> runs of ≥ <c>MinSeconds</c> each.</summary>
internal sealed record GemmConfig(string Name, int M, int N, int K, int Measurements, double MinSeconds);
