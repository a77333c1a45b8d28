using NotebookRnn.Devices;
using NotebookRnn.Kernels;
using NotebookRnn.Persistence;

namespace Bench;

/// <summary>Turns the measurements and the PyTorch runs into table rows, each checked against the target.</summary>
internal sealed class Results(BenchPlan plan, PyTorchRuns torch)
{
    private const double SpeedTarget = 2.0, GemmTarget = 1.5, PaddingSlack = 0.15, DevicesTarget = 1.7, AllocationLimitBytes = 1 << 20;

    // The targets: training ≥ 2× PyTorch on textgen and imdb, Predict ≥ 2× on textgen.
    private static readonly HashSet<string> SpeedTargets = ["textgen-lstm", "imdb-lstm", "predict-textgen-lstm"];

    public List<ResultRow> Rows { get; } = [];

    public void AddModels(IReadOnlyList<ModelMeasurement> measurements)
    {
        foreach (ModelMeasurement m in measurements.Where(m =>
            !m.Name.StartsWith("padding-", StringComparison.Ordinal) && Config(m.Name).Devices == 1))
        {
            Rows.Add(SpeedRow(m));
            if (Config(m.Name).ReferenceUnpacked) Rows.Add(UnpackedReferenceRow(m));
        }
    }

    // PyTorch 1.13's packed LSTM backward is slow on CPU, so the packed reference flatters us; this row shows the ratio
    // against PyTorch's padded (unpacked) run of the same batches too. Information only: the target is packed.
    private ResultRow UnpackedReferenceRow(ModelMeasurement m)
    {
        string name = m.Name + "/unpacked";
        TorchTiming? t = torch.BestModel(name);
        double? ratio = t is null ? null : t.Ms / m.MsPerBatch;
        return new ResultRow(name, $"{Config(m.Name).Description}, PyTorch without pack_padded_sequence", m.MsPerBatch,
            SamplesPerSecond(m.SamplesPerSecond), t?.Ms, t?.Threads, t is null ? "" : SamplesPerSecond(t.Throughput), ratio,
            "information (target is vs packed)", ratio is null ? "no PyTorch run" : $"{ratio:0.00}×", ResultRow.NoTarget);
    }

    public void AddPaddingSweep(IReadOnlyList<ModelMeasurement> measurements)
    {
        ModelMeasurement? full = measurements.FirstOrDefault(m => m.Name == "padding-r1.00");
        foreach (ModelMeasurement m in measurements.Where(m => m.Name.StartsWith("padding-", StringComparison.Ordinal)))
        {
            ModelConfig config = Config(m.Name);
            double r = config.RealFraction ?? 1;
            TorchTiming? t = torch.BestModel(m.Name);
            bool reference = m == full;
            double timeRatio = full is null ? double.NaN : m.MsPerBatch / full.MsPerBatch;
            string target = reference ? "reference (r = 1)" : $"t(r) ≤ {r + PaddingSlack:0.00} × t(1)";
            string measured = $"t = {timeRatio:0.00} × t(1), real fraction {m.RealFraction:0.00}";
            Rows.Add(new ResultRow(m.Name, config.Description, m.MsPerBatch, SamplesPerSecond(m.SamplesPerSecond), t?.Ms, t?.Threads,
                t is null ? "" : SamplesPerSecond(t.Throughput), t is null ? null : t.Ms / m.MsPerBatch, target, measured,
                reference ? ResultRow.NoTarget : ResultRow.Verdict(plan.Smoke, timeRatio <= r + PaddingSlack)));
        }
    }

    public void AddGemms(IReadOnlyList<GemmMeasurement> measurements)
    {
        foreach (GemmMeasurement g in measurements)
        {
            TorchTiming? t = torch.Gemm(g.Name);
            double? ratio = t is null ? null : g.GigaflopsPerSecond / t.Throughput;
            bool checkedHere = g == measurements[0];
            Rows.Add(new ResultRow(g.Name, $"GEMM {g.Name[5..]} single thread ({g.Path}) vs OpenBLAS torch.mm", g.MsPerMultiply,
                $"{g.GigaflopsPerSecond:0.0} GFLOP/s", t?.Ms, t?.Threads, t is null ? "" : $"{t.Throughput:0.0} GFLOP/s", ratio,
                checkedHere ? $"≥ {GemmTarget}× OpenBLAS" : "", ratio is null ? "no PyTorch run" : $"{ratio:0.00}×",
                checkedHere ? ResultRow.Verdict(plan.Smoke, ratio >= GemmTarget) : ResultRow.NoTarget));
        }
    }

    public void AddAllocations(IReadOnlyList<ModelMeasurement> measurements)
    {
        // The sweep's batches are the textgen batch again; their allocation is in results.json.
        foreach (ModelMeasurement m in measurements.Where(m =>
            Config(m.Name).Kind == "train" && !m.Name.StartsWith("padding-", StringComparison.Ordinal)))
        {
            double megabytes = m.AllocatedBytesPerBatch / (1 << 20);
            bool met = m.AllocatedBytesPerBatch < AllocationLimitBytes && m.Gen2Collections == 0;
            Rows.Add(new ResultRow($"alloc {m.Name}", $"steady-state training allocation, {m.TimedBatches} batches", null,
                "", null, null, "", null, "< 1 MB/batch, 0 gen-2 GCs",
                $"{megabytes:0.000} MB/batch, {m.Gen2Collections} gen-2 GCs / {m.TimedBatches} batches",
                ResultRow.Verdict(plan.Smoke, met)));
        }
    }

    /// <summary>The devices issue's target: textgen samples/s on 2 devices ≥ 1.7× on 1 (our own one-device row).</summary>
    public void AddDevices(IReadOnlyList<ModelMeasurement> measurements)
    {
        ModelMeasurement? one = measurements.FirstOrDefault(m => m.Name == "textgen-lstm");
        ModelMeasurement? two = measurements.FirstOrDefault(m => m.Name == BenchPlan.TwoDevices);
        if (one is null || two is null) return;
        double speedup = one.MsPerBatch / two.MsPerBatch;
        Rows.Add(new ResultRow(two.Name, Config(two.Name).Description, two.MsPerBatch, SamplesPerSecond(two.SamplesPerSecond), null, null,
            "", null, $"≥ {DevicesTarget}× our 1 device", $"{speedup:0.00}× our 1 device ({one.MsPerBatch:0.00} ms)",
            ResultRow.Verdict(plan.Smoke, speedup >= DevicesTarget)));
    }

    /// <summary>
    /// The cold-start rows: the textgen Fit's first epoch in a fresh process under the default tiered JIT against its
    /// last epoch (target ≤ <see cref="ColdStartPlan.TargetRatio"/>×), and notebook 01's first Fits, default JIT against
    /// TieredCompilation=0 (information).
    /// </summary>
    public void AddColdStart(ColdStartRun cold)
    {
        ColdTextGeneration t = cold.TextGeneration;
        double ratio = t.FirstEpochMsPerBatch / t.SteadyEpochMsPerBatch;
        ModelConfig config = plan.ColdStart.TextGeneration;
        Rows.Add(new ResultRow(ColdStartPlan.TextGenerationName, $"{config.Description} ({t.Batches} batches of {config.Batch})",
            t.FirstEpochMsPerBatch, $"last epoch {t.SteadyEpochMsPerBatch:0.00} ms/batch", null, null, "", null,
            $"first epoch ≤ {ColdStartPlan.TargetRatio}× last", $"{ratio:0.00}× (first batch {t.FirstBatchMs:0} ms)",
            ResultRow.Verdict(plan.Smoke, ratio <= ColdStartPlan.TargetRatio)));
        ColdNotebook n = cold.Notebook, off = cold.NotebookWithoutTiering;
        double first = n.FirstPaddedSeconds + n.FirstRaggedSeconds, withoutTiering = off.FirstPaddedSeconds + off.FirstRaggedSeconds;
        Rows.Add(new ResultRow(ColdStartPlan.NotebookName,
            $"notebook 01's first Fit, padded then ragged ({plan.ColdStart.NotebookSamples} samples, batch {plan.ColdStart.NotebookBatch}), fresh process",
            null, $"{n.FirstPaddedSeconds:0.000} s + {n.FirstRaggedSeconds:0.000} s", null, null, "", null,
            "information: default JIT vs TieredCompilation=0",
            $"{first / withoutTiering:0.00}× TC=0 ({off.FirstPaddedSeconds:0.000} s + {off.FirstRaggedSeconds:0.000} s); " +
            $"warm {n.WarmPaddedSeconds:0.000} s + {n.WarmRaggedSeconds:0.000} s", ResultRow.NoTarget));
    }

    private ResultRow SpeedRow(ModelMeasurement m)
    {
        ModelConfig config = Config(m.Name);
        TorchTiming? t = torch.BestModel(m.Name);
        double? ratio = t is null ? null : t.Ms / m.MsPerBatch;
        bool hasTarget = SpeedTargets.Contains(m.Name);
        return new ResultRow(m.Name, config.Description, m.MsPerBatch, SamplesPerSecond(m.SamplesPerSecond), t?.Ms, t?.Threads,
            t is null ? "" : SamplesPerSecond(t.Throughput), ratio, hasTarget ? $"≥ {SpeedTarget}× PyTorch" : "",
            ratio is null ? "no PyTorch run" : $"{ratio:0.00}×",
            hasTarget ? ResultRow.Verdict(plan.Smoke, ratio >= SpeedTarget) : ResultRow.NoTarget);
    }

    private ModelConfig Config(string name) => plan.Models.First(c => c.Name == name);

    private static string SamplesPerSecond(double value) => $"{value:#,0} samples/s";
}
