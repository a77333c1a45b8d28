using NotebookRnn.Devices;
using NotebookRnn.Kernels;
using NotebookRnn.Persistence;

namespace Bench;

/// <summary>
/// Turns the measurements and the two torch references into table rows, each checked against the issue's target: libtorch
/// 2.10 is the anchor, PyTorch 1.13 a second column (and OpenBLAS torch.mm the GEMM target).
/// </summary>
internal sealed class Results(BenchPlan plan, ReferenceRuns libtorch, ReferenceRuns pytorch, FmaPeak peak)
{
    private const double TrainingTarget = 2.0, PredictTarget = 1.5, GemmTarget = 1.0, PaddingSlack = 0.15, DevicesTarget = 1.7,
        AllocationLimitBytes = 1 << 20, TorchBackendOverhead = 0.10;

    // Issue 18: training ≥ 2× libtorch on textgen LSTM/GRU/SimpleRNN and imdb, Predict ≥ 1.5× on textgen.
    private static readonly Dictionary<string, double> SpeedTargets = new()
    {
        ["textgen-lstm"] = TrainingTarget,
        ["textgen-gru"] = TrainingTarget,
        ["textgen-simplernn"] = TrainingTarget,
        ["imdb-lstm"] = TrainingTarget,
        ["predict-textgen-lstm"] = PredictTarget,
    };

    public List<ResultRow> Rows { get; } = [];

    /// <summary>
    /// One row per 1-device configuration outside the padding sweep. Ours is the faster of its 1- and 2-device runs, each
    /// torch its fastest thread count; for configurations with an unpacked reference (imdb) each torch its faster of packed
    /// and unpacked.
    /// </summary>
    public void AddModels(IReadOnlyList<ModelMeasurement> measurements)
    {
        foreach (ModelMeasurement one in measurements.Where(m =>
            !m.Name.StartsWith("padding-", StringComparison.Ordinal) && Config(m.Name).Devices == 1))
        {
            ModelConfig config = Config(one.Name);
            ModelMeasurement? two = measurements.FirstOrDefault(m => m.Name == BenchPlan.OnTwoDevices(one.Name));
            (ModelMeasurement ours, int devices) = two is not null && two.MsPerBatch < one.MsPerBatch ? (two, 2) : (one, 1);
            (TorchTiming? lt, string ltForm) = Fastest(libtorch, one.Name, config.ReferenceUnpacked);
            (TorchTiming? pt, _) = Fastest(pytorch, one.Name, config.ReferenceUnpacked);
            double? ratio = lt is null ? null : lt.Ms / ours.MsPerBatch;
            string measured = ratio is null ? "no libtorch run" : $"{ratio:0.00}×{ltForm}, {devices} device{(devices > 1 ? "s" : "")}";
            bool hasTarget = SpeedTargets.TryGetValue(one.Name, out double target);
            Rows.Add(ModelRow(ours, devices, lt, pt, hasTarget ? $"≥ {target}× libtorch" : "", measured,
                hasTarget ? ResultRow.Verdict(plan.Smoke, ratio >= target) : ResultRow.NoTarget));
            if (config.ReferenceUnpacked) Rows.Add(UnpackedReferenceRow(one.Name, ours, devices));
        }
    }

    // Both torches on the padded batch without pack_padded_sequence, shown beside the packed runs (information: the
    // target above takes each torch's faster form).
    private ResultRow UnpackedReferenceRow(string name, ModelMeasurement ours, int devices)
    {
        TorchTiming? lt = libtorch.BestModel(name + "/unpacked"), pt = pytorch.BestModel(name + "/unpacked");
        ResultRow row = ModelRow(ours, devices, lt, pt, "information: torch without pack_padded_sequence",
            lt is null ? "no libtorch run" : $"{lt.Ms / ours.MsPerBatch:0.00}×", ResultRow.NoTarget);
        return row with { Config = name + "/unpacked", Description = row.Description + ", torch without pack_padded_sequence" };
    }

    public void AddPaddingSweep(IReadOnlyList<ModelMeasurement> measurements)
    {
        ModelMeasurement? full = measurements.FirstOrDefault(m => m.Name == "padding-r1.00");
        foreach (ModelMeasurement m in measurements.Where(m => m.Name.StartsWith("padding-", StringComparison.Ordinal)))
        {
            double r = Config(m.Name).RealFraction ?? 1;
            bool reference = m == full;
            double timeRatio = full is null ? double.NaN : m.MsPerBatch / full.MsPerBatch;
            string target = reference ? "reference (r = 1)" : $"t(r) ≤ {r + PaddingSlack:0.00} × t(1)";
            string measured = $"t = {timeRatio:0.00} × t(1), real fraction {m.RealFraction:0.00}";
            Rows.Add(ModelRow(m, 1, libtorch.BestModel(m.Name), pytorch.BestModel(m.Name), target, measured,
                reference ? ResultRow.NoTarget : ResultRow.Verdict(plan.Smoke, timeRatio <= r + PaddingSlack)));
        }
    }

    /// <summary>Our GEMM against OpenBLAS torch.mm (PyTorch 1.13's BLAS), one thread, at every size; libtorch's GEMM is information.</summary>
    public void AddGemms(IReadOnlyList<GemmMeasurement> measurements)
    {
        foreach (GemmMeasurement g in measurements)
        {
            TorchTiming? lt = libtorch.Gemm(g.Name), openBlas = pytorch.Gemm(g.Name);
            double? ratio = openBlas is null ? null : g.GigaflopsPerSecond / openBlas.Throughput;
            Rows.Add(new ResultRow(g.Name, $"GEMM {g.Name[5..]} single thread ({g.Path}) vs OpenBLAS torch.mm", g.MsPerMultiply, null,
                $"{g.GigaflopsPerSecond:0.0} GFLOP/s", lt, openBlas, lt is null ? null : g.GigaflopsPerSecond / lt.Throughput, ratio,
                g.GigaflopsPerSecond, Percent(g.GigaflopsPerSecond, 1), $"≥ {GemmTarget:0.0}× OpenBLAS torch.mm",
                ratio is null ? "no PyTorch run" : $"{ratio:0.00}× OpenBLAS", ResultRow.Verdict(plan.Smoke, ratio >= GemmTarget)));
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
            Rows.Add(ResultRow.Plain($"alloc {m.Name}", $"steady-state training allocation, {m.TimedBatches} batches", null, "",
                "< 1 MB/batch, 0 gen-2 GCs", $"{megabytes:0.000} MB/batch, {m.Gen2Collections} gen-2 GCs / {m.TimedBatches} batches",
                ResultRow.Verdict(plan.Smoke, met)));
        }
        // Predict returns a new (samples, outputs) tensor per call; what it allocates beyond that is the engine's per-batch cost.
        foreach (ModelMeasurement m in measurements.Where(m => Config(m.Name).Kind == "predict"))
        {
            ModelConfig c = Config(m.Name);
            double beyond = m.AllocatedBytesPerBatch - c.Batch * c.Outputs * sizeof(float);
            Rows.Add(ResultRow.Plain($"alloc {m.Name}", $"Predict allocation beyond the returned outputs, {m.TimedBatches} batches", null, "",
                "information (engine's per-batch allocation)", $"{beyond / 1024:0.00} KB/batch, {m.Gen2Collections} gen-2 GCs / {m.TimedBatches} batches", "—"));
        }
    }

    /// <summary>The devices issue's target: textgen samples/s on 2 devices ≥ 1.7× on 1 (our own one-device row).</summary>
    public void AddDevices(IReadOnlyList<ModelMeasurement> measurements)
    {
        ModelMeasurement? one = measurements.FirstOrDefault(m => m.Name == "textgen-lstm");
        ModelMeasurement? two = measurements.FirstOrDefault(m => m.Name == BenchPlan.TwoDevices);
        if (one is null || two is null) return;
        double speedup = one.MsPerBatch / two.MsPerBatch;
        Rows.Add(ResultRow.Plain(two.Name, Config(two.Name).Description, two.MsPerBatch, SamplesPerSecond(two.SamplesPerSecond),
            $"≥ {DevicesTarget}× our 1 device", $"{speedup:0.00}× our 1 device ({one.MsPerBatch:0.00} ms)",
            ResultRow.Verdict(plan.Smoke, speedup >= DevicesTarget)) with { OursDevices = 2 });
    }

    /// <summary>
    /// The torch-backend rows (issue 19): our model compiled with <c>backend: TorchBackend.Instance</c> against plain TorchSharp
    /// on the same configuration, weights, data and torch threads; overhead = ours ms ÷ plain ms − 1, target ≤ 10 %. A
    /// configuration whose layers have no libtorch form yet misses the target.
    /// </summary>
    public void AddTorchBackend(TorchBackendRun? run)
    {
        if (run is null) return;
        foreach (TorchBackendRow row in run.Rows)
        {
            ModelConfig config = Config(row.Name);
            string description = $"{config.Description}: NotebookRnn on libtorch (backend: TorchBackend.Instance) vs plain TorchSharp";
            string target = $"overhead ≤ {TorchBackendOverhead:0%} vs plain TorchSharp";
            if (row.Ours is not TorchTiming ours)
            {
                Rows.Add(new ResultRow($"torch-backend {row.Name}", description, null, null, "", row.Plain, null, null, null, null, null,
                    target, $"ours did not run: {row.Error}", ResultRow.Verdict(plan.Smoke, met: false)));
                continue;
            }
            double overhead = ours.Ms / row.Plain.Ms - 1;
            string losses = row.PlainFirstLoss is double p && row.OursFirstLoss is double o ? $"; first loss {o:0.00000} vs {p:0.00000}" : "";
            Rows.Add(new ResultRow($"torch-backend {row.Name}", description, ours.Ms, null, SamplesPerSecond(ours.Throughput), row.Plain,
                null, row.Plain.Ms / ours.Ms, null, null, null, target, $"overhead {100 * overhead:+0.0;-0.0} %{losses}",
                ResultRow.Verdict(plan.Smoke, overhead <= TorchBackendOverhead)));
        }
    }

    /// <summary>
    /// The MPI row (issue 20, information): textgen on 2 processes under mpirun, one device each, against the same model,
    /// weights, batches and shards on 2 devices in one process (<see cref="BenchPlan.TwoDevices"/>); overhead = MPI ms ÷
    /// in-process ms − 1, with the bytes each process sends per batch, measured (<see cref="MpiExchange"/>) and as the formula
    /// <see cref="MpiRun.ExchangeBytesPerProcess"/> gives.
    /// </summary>
    public void AddProcesses(MpiRun? run, MpiExchange? exchange, IReadOnlyList<ModelMeasurement> measurements)
    {
        if (run is null) return;
        ModelMeasurement m = run.Measurement;
        ModelMeasurement? inProcess = measurements.FirstOrDefault(x => x.Name == BenchPlan.TwoDevices);
        string overhead = inProcess is null
            ? "no in-process 2-device run"
            : $"overhead {100 * (m.MsPerBatch / inProcess.MsPerBatch - 1):+0.0;-0.0} % vs {inProcess.Name} ({Ms(inProcess.MsPerBatch)} ms)";
        long formula = MpiRun.ExchangeBytesPerProcess(run.Parameters, run.Processes, run.Shards);
        string measured = exchange is null
            ? "not measured"
            : "measured " + string.Join(", ", exchange.BytesPerBatch.Select((b, rank) => $"rank {rank} {b:#,0} B"));
        string bytes = $"sent per process per batch: {measured}, gradients 4·(P−1)·⌈N/P⌉·(K/P+1) = {formula:#,0} B (N = {run.Parameters:#,0}, P = {run.Processes}, K = {run.Shards})";
        double gflops = ModelFlops.PerBatch(plan.TwoProcesses, m.RealFraction) / (m.MsPerBatch * 1e6);
        Rows.Add(new ResultRow(plan.TwoProcesses.Name, plan.TwoProcesses.Description, m.MsPerBatch, null, SamplesPerSecond(m.SamplesPerSecond),
            null, null, null, null, gflops, Percent(gflops, run.Processes), "information: MPI exchange overhead vs 2 devices in one process",
            $"{overhead}; {bytes}", ResultRow.NoTarget));
    }

    private static string Ms(double ms) => ms.ToString("0.00", System.Globalization.CultureInfo.InvariantCulture);

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
        Rows.Add(ResultRow.Plain(ColdStartPlan.TextGenerationName, $"{config.Description} ({t.Batches} batches of {config.Batch})",
            t.FirstEpochMsPerBatch, $"last epoch {t.SteadyEpochMsPerBatch:0.00} ms/batch",
            $"first epoch ≤ {ColdStartPlan.TargetRatio}× last", $"{ratio:0.00}× (first batch {t.FirstBatchMs:0} ms)",
            ResultRow.Verdict(plan.Smoke, ratio <= ColdStartPlan.TargetRatio)));
        ColdNotebook n = cold.Notebook, off = cold.NotebookWithoutTiering;
        double first = n.FirstPaddedSeconds + n.FirstRaggedSeconds, withoutTiering = off.FirstPaddedSeconds + off.FirstRaggedSeconds;
        Rows.Add(ResultRow.Plain(ColdStartPlan.NotebookName,
            $"notebook 01's first Fit, padded then ragged ({plan.ColdStart.NotebookSamples} samples, batch {plan.ColdStart.NotebookBatch}), fresh process",
            null, $"{n.FirstPaddedSeconds:0.000} s + {n.FirstRaggedSeconds:0.000} s", "information: default JIT vs TieredCompilation=0",
            $"{first / withoutTiering:0.00}× TC=0 ({off.FirstPaddedSeconds:0.000} s + {off.FirstRaggedSeconds:0.000} s); " +
            $"warm {n.WarmPaddedSeconds:0.000} s + {n.WarmRaggedSeconds:0.000} s", ResultRow.NoTarget));
    }

    private ResultRow ModelRow(ModelMeasurement ours, int devices, TorchTiming? lt, TorchTiming? pt, string target, string measured,
        string result)
    {
        ModelConfig config = Config(ours.Name);
        double gflops = ModelFlops.PerBatch(config, ours.RealFraction) / (ours.MsPerBatch * 1e6);
        string name = devices > 1 ? plan.Models.First(c => BenchPlan.OnTwoDevices(c.Name) == ours.Name).Name : ours.Name;
        return new ResultRow(name, Config(name).Description, ours.MsPerBatch, devices, SamplesPerSecond(ours.SamplesPerSecond), lt, pt,
            lt is null ? null : lt.Ms / ours.MsPerBatch, pt is null ? null : pt.Ms / ours.MsPerBatch, gflops, Percent(gflops, devices),
            target, measured, result);
    }

    /// <summary>The reference's fastest run of a configuration; with <paramref name="orUnpacked"/> also of its unpacked form.</summary>
    private static (TorchTiming? Timing, string Form) Fastest(ReferenceRuns runs, string name, bool orUnpacked)
    {
        TorchTiming? packed = runs.BestModel(name), unpacked = orUnpacked ? runs.BestModel(name + "/unpacked") : null;
        if (unpacked is not null && (packed is null || unpacked.Ms < packed.Ms)) return (unpacked, " (vs unpacked)");
        return (packed, orUnpacked ? " (vs packed)" : "");
    }

    private double? Percent(double gflops, int devices) => peak.EngineGflops is double p ? 100 * gflops / (p * devices) : null;

    private ModelConfig Config(string name) => plan.Models.First(c => c.Name == name);

    private static string SamplesPerSecond(double value) => $"{value:#,0} samples/s";
}
