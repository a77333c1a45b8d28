using System.Globalization;
using System.Text;
using System.Text.Json;
using NotebookRnn.Kernels;
using NotebookRnn.Layers;
using NotebookRnn.Persistence;

namespace Bench;

/// <summary>Writes results.md (the table and how it was produced), results.json (every number) and the console table.</summary>
internal sealed class ReportWriter(BenchPlan plan, Machine machine, FmaPeak peak, string engineVersion, string ourLoadAverages,
    ReferenceRuns libtorch, ReferenceRuns pytorch, TorchBackendRun? torchBackend, MpiRun? mpi, MpiExchange? exchange, DateTimeOffset date)
{
    public string Markdown(IReadOnlyList<ResultRow> rows, IReadOnlyList<ModelMeasurement> models)
    {
        var text = new StringBuilder();
        text.AppendLine($"# NotebookRnn benchmark, {machine.VectorIsa}{(plan.Smoke ? " (smoke run: tiny shapes, targets not checked)" : "")}");
        text.AppendLine();
        text.AppendLine("Produced by `bash bench/run.sh` (see bench/README.md). Ours: Release build, the faster of one device (one thread)");
        text.AppendLine("and 2 devices per configuration (the devices column); median ms over the timed batches after warm-up. libtorch 2.10");
        text.AppendLine("(bench/TorchReference, TorchSharp-cpu) and PyTorch 1.13 (bench/pytorch_reference.py) run the same configurations,");
        text.AppendLine("shapes, optimizer settings and synthetic data, each the best of torch.set_num_threads(1) and (2) per configuration");
        text.AppendLine("(the threads in brackets); imdb takes each torch's faster of packed and unpacked. Rounds of the references and of ours");
        text.AppendLine("alternate; each side keeps its best round per configuration (allocation: the worst). Both sides get the same dense");
        text.AppendLine("one-hot textgen input; ours notices that it is mostly zeros and projects it over its nonzeros, where torch's nn.LSTM");
        text.AppendLine("multiplies all of it. GFLOP/s: dense FLOPs per batch (forward + backward = 3 × forward; Predict forward only) ÷ our");
        text.AppendLine("time; % of peak: against the measured single-core FMA peak at our vector width × the devices used.");
        text.AppendLine("`torch-backend` rows (issue 19): our model compiled with `backend: TorchBackend.Instance` (ours column) against plain");
        text.AppendLine("TorchSharp (libtorch column) on the same configuration, initial weights, data and torch threads, in one process with");
        text.AppendLine("the two in turn batch by batch; overhead = ours ms ÷ plain ms − 1.");
        text.AppendLine();
        text.AppendLine($"- Date: {date.UtcDateTime.ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture)}");
        text.AppendLine($"- Engine: {engineVersion} (git describe)");
        text.AppendLine($"- CPU: {machine.Cpu}, {machine.LogicalCores} logical cores; flags: {machine.CpuFlags}");
        text.AppendLine($"- Vector ISA our engine used: {machine.VectorIsa} (GEMM path {machine.GemmPath}); {machine.Os}, {machine.Runtime}");
        text.AppendLine($"- Measured FMA peak, one core: {peak}");
        text.AppendLine($"- Load average (1, 5, 15 min) at the start of each of our rounds: {ourLoadAverages}");
        text.AppendLine(Describe(libtorch));
        text.AppendLine(Describe(pytorch));
        text.AppendLine(torchBackend is null
            ? "- Torch-backend rows: no run"
            : $"- Torch-backend rows: TorchReference --backend-rows, torch threads {torchBackend.Threads}, {torchBackend.Rounds} " +
              $"round(s), each side's best; load average {torchBackend.LoadAverage}");
        text.AppendLine(mpi is null
            ? "- MPI row: no run"
            : $"- MPI row: `mpirun -np {mpi.Processes} dotnet Bench.dll --mpi-measure`, {mpi.Processes} processes × 1 device on {mpi.HostName}, " +
              $"rank 0's times, the best round; load average at the start of each round: {mpi.LoadAverage}" +
              (exchange is null ? "" : $"; bytes from Open MPI's pml monitoring, runs of {exchange.FewBatches} and {exchange.ManyBatches} batches differenced"));
        text.AppendLine();
        text.AppendLine("| config | ours ms/batch (devices) | ours throughput | libtorch 2.10 ms (threads) | PyTorch 1.13 ms (threads) | ours ÷ libtorch | ours ÷ PyTorch | GFLOP/s | % of peak | target | measured | result |");
        text.AppendLine("|---|---:|---:|---:|---:|---:|---:|---:|---:|---|---|---|");
        foreach (ResultRow row in rows)
            text.AppendLine($"| {row.Config} | {OursMs(row)} | {row.OursThroughput} | {TorchMs(row.Libtorch)} | {TorchMs(row.PyTorch)} | " +
                $"{Times(row.Ratio)} | {Times(row.PyTorchRatio)} | {Number(row.Gflops, "0.0")} | {Number(row.PercentOfPeak, "0")} | " +
                $"{row.Target} | {row.Measured} | {row.Result} |");
        text.AppendLine();
        int passed = rows.Count(r => r.Result == ResultRow.Pass), failed = rows.Count(r => r.Result == ResultRow.Fail);
        text.AppendLine(plan.Smoke ? "Smoke run: targets are checked by the full bench only." : $"Targets: {passed} met, {failed} missed.");
        text.AppendLine();
        AppendConfigurations(text, models);
        return text.ToString();
    }

    private static string Describe(ReferenceRuns runs) => runs.Any
        ? $"- {runs.Name}: torch {runs.Describe("torch")}, BLAS {runs.Describe("blas")}, threads tried: {string.Join(", ", runs.Threads)}, " +
          $"load average at the start of each run: {runs.Describe("load_average")}"
        : $"- {runs.Name}: no run";

    private void AppendConfigurations(StringBuilder text, IReadOnlyList<ModelMeasurement> models)
    {
        text.AppendLine("## Configurations");
        text.AppendLine();
        text.AppendLine("| config | what runs | shapes | optimizer | timed batches | first → last loss (ours) |");
        text.AppendLine("|---|---|---|---|---:|---|");
        foreach (ModelConfig c in plan.Models)
        {
            ModelMeasurement? m = models.FirstOrDefault(x => x.Name == c.Name);
            string input = c.Input == "ids"
                ? $"ids ({c.Batch}, {c.Steps}), vocab {c.Vocab}, Embedding {c.Features} maskZero"
                : $"one-hot ({c.Batch}, {c.Steps}, {c.Features}){(c.Masked ? " + Masking" : "")}";
            string lengths = c.LengthMode == "full" ? "all steps real" : $"lengths {c.LengthMin}..{c.LengthMax} ({c.LengthMode}), post-padded";
            string loss = m is null || double.IsNaN(m.FirstLoss) ? "" : $"{m.FirstLoss:0.000} → {m.LastLoss:0.000}";
            text.AppendLine($"| {c.Name} | {c.Description} | {input} → {BenchPlan.CellName(c.Cell)}({c.Units}) → Dense({c.Outputs}); {lengths} | " +
                $"{c.Optimizer}(lr {c.LearningRate}) | {m?.TimedBatches} | {loss} |");
        }
        text.AppendLine();
        text.AppendLine("GEMM: C (m×n) = A (m×k)·B (k×n), fp32, one thread on both sides; `128x128x512` is m = n = 128, k = 512.");
        text.AppendLine("Allocation: managed bytes allocated by all threads (`GC.GetTotalAllocatedBytes(precise: true)`) over the timed");
        text.AppendLine("batches of each training configuration, and the gen-2 collections in that window.");
        text.AppendLine();
        ColdStartPlan cold = plan.ColdStart;
        text.AppendLine($"Cold start: the bench starts itself again as a fresh process (`--cold-run`) with the .NET default tiered JIT (its");
        text.AppendLine("DOTNET_Tiered*/TC_*/ReadyToRun settings removed), as a notebook kernel runs. `cold-textgen-lstm`: one");
        text.AppendLine($"`Fit(epochs: {cold.Epochs})` of the textgen model over {cold.TextGeneration.DistinctBatches} synthetic batches of {cold.TextGeneration.Batch}; the first epoch's ms per batch (all JIT");
        text.AppendLine("included) against the last epoch's. `cold-notebook-01`: notebook 01's classifier (Embedding(32, 16, maskZero) →");
        text.AppendLine($"LSTM(32) → Dense(2) softmax, Adam 0.01, {cold.NotebookSamples} log-normal-length sequences, batch {cold.NotebookBatch}): the first Fit on padded");
        text.AppendLine("input, then the first on ragged input, each a new model, in a fresh process under the default JIT and in one with");
        text.AppendLine("DOTNET_TieredCompilation=0; \"warm\" is the same two Fits again in the default-JIT process.");
    }

    public string Json(IReadOnlyList<ResultRow> rows, IReadOnlyList<ModelMeasurement> models, IReadOnlyList<GemmMeasurement> gemms,
        ColdStartRun coldStart) =>
        JsonSerializer.Serialize(new
        {
            Date = date.UtcDateTime.ToString("o", CultureInfo.InvariantCulture),
            Mode = plan.Smoke ? "smoke" : "full",
            Command = plan.Smoke ? "bash bench/run.sh --smoke" : "bash bench/run.sh",
            Engine = engineVersion,
            Machine = machine,
            FmaPeak = peak,
            LoadAverages = new { Ours = ourLoadAverages, Libtorch = libtorch.Describe("load_average"), Pytorch = pytorch.Describe("load_average") },
            Rows = rows,
            Ours = new { Models = models.Select(Finite), Gemm = gemms, ColdStart = coldStart },
            Libtorch = libtorch.Raw,
            Pytorch = pytorch.Raw,
            TorchBackend = torchBackend?.Raw,
            Mpi = mpi is null ? null : new { Run = mpi, Exchange = exchange },
            Plan = plan,
        }, BenchPlan.Json);

    public static string ConsoleTable(IReadOnlyList<ResultRow> rows)
    {
        var text = new StringBuilder();
        text.AppendLine($"{"config",-36} {"ours ms (dev)",14} {"libtorch ms",12} {"PyTorch ms",12} {"÷ libtorch",10} {"÷ PyTorch",10} {"GFLOP/s",8}  result");
        foreach (ResultRow row in rows)
            text.AppendLine($"{row.Config,-36} {OursMs(row),14} {TorchMs(row.Libtorch),12} {TorchMs(row.PyTorch),12} {Times(row.Ratio),10} " +
                $"{Times(row.PyTorchRatio),10} {Number(row.Gflops, "0.0"),8}  {row.Result} {row.Measured}");
        return text.ToString();
    }

    // JSON has no NaN: losses that were not measured (Predict) are written as null.
    private static object Finite(ModelMeasurement m) => new
    {
        m.Name, m.MsPerBatch, m.MeanMsPerBatch, m.SamplesPerSecond, m.TimedBatches, m.AllocatedBytesPerBatch, m.Gen2Collections,
        m.RealFraction,
        FirstLoss = double.IsNaN(m.FirstLoss) ? (double?)null : m.FirstLoss,
        LastLoss = double.IsNaN(m.LastLoss) ? (double?)null : m.LastLoss,
    };

    private static string Ms(double? ms) => ms is double v ? v.ToString(v < 1 ? "0.000" : "0.00", CultureInfo.InvariantCulture) : "";

    private static string OursMs(ResultRow row) => row.OursDevices is int d ? $"{Ms(row.OursMs)} ({d})" : Ms(row.OursMs);

    private static string TorchMs(TorchTiming? t) => t is null ? "" : $"{Ms(t.Ms)} ({t.Threads})";

    private static string Times(double? ratio) => ratio is double r ? $"{r:0.00}×" : "";

    private static string Number(double? value, string format) => value is double v ? v.ToString(format, CultureInfo.InvariantCulture) : "";
}
