using System.Globalization;
using System.Text;
using System.Text.Json;
using NotebookRnn.Kernels;
using NotebookRnn.Layers;
using NotebookRnn.Persistence;

namespace Bench;

/// <summary>Writes results.md (the table and how it was produced), results.json (every number) and the console table.</summary>
internal sealed class ReportWriter(BenchPlan plan, Machine machine, string engineVersion, string ourLoadAverages, PyTorchRuns torch,
    DateTimeOffset date)
{
    public string Markdown(IReadOnlyList<ResultRow> rows, IReadOnlyList<ModelMeasurement> models)
    {
        var text = new StringBuilder();
        text.AppendLine($"# NotebookRnn benchmark{(plan.Smoke ? " (smoke run: tiny shapes, targets not checked)" : "")}");
        text.AppendLine();
        text.AppendLine("Produced by `bash bench/run.sh` (see bench/README.md). Ours: Release build, one device (one thread) unless");
        text.AppendLine("the config says 2 devices; median ms over the timed batches after warm-up. PyTorch: bench/pytorch_reference.py,");
        text.AppendLine("the same configurations, shapes, optimizer settings and synthetic data, best of torch.set_num_threads(1) and (2)");
        text.AppendLine("per configuration, OPENBLAS_NUM_THREADS=1. Rounds of PyTorch and of ours alternate; each side keeps its best");
        text.AppendLine("round per configuration (allocation: the worst). Both sides get the same dense one-hot textgen input; ours");
        text.AppendLine("notices that it is mostly zeros and projects it over its nonzeros, where PyTorch's nn.LSTM multiplies all of it.");
        text.AppendLine();
        text.AppendLine($"- Date: {date.UtcDateTime.ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture)}");
        text.AppendLine($"- Engine: {engineVersion} (git describe)");
        text.AppendLine($"- Machine: {machine}");
        text.AppendLine($"- Load average (1, 5, 15 min) at the start of each of our rounds: {ourLoadAverages}");
        text.AppendLine(torch.Any
            ? $"- PyTorch: {torch.Describe("torch")}, BLAS {torch.Describe("blas")}, threads tried: {string.Join(", ", torch.Threads)}, " +
              $"load average at the start of each run: {torch.Describe("load_average")}"
            : "- PyTorch: no run");
        text.AppendLine();
        text.AppendLine("| config | ours ms/batch | ours throughput | PyTorch ms/batch (threads) | PyTorch throughput | ours ÷ PyTorch | target | measured | result |");
        text.AppendLine("|---|---:|---:|---:|---:|---:|---|---|---|");
        foreach (ResultRow row in rows)
            text.AppendLine($"| {row.Config} | {Ms(row.OursMs)} | {row.OursThroughput} | {TorchMs(row)} | {row.TorchThroughput} | " +
                $"{(row.Ratio is double r ? $"{r:0.00}×" : "")} | {row.Target} | {row.Measured} | {row.Result} |");
        text.AppendLine();
        int passed = rows.Count(r => r.Result == ResultRow.Pass), failed = rows.Count(r => r.Result == ResultRow.Fail);
        text.AppendLine(plan.Smoke ? "Smoke run: targets are checked by the full bench only." : $"Targets: {passed} met, {failed} missed.");
        text.AppendLine();
        AppendConfigurations(text, models);
        return text.ToString();
    }

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
            LoadAverages = new { Ours = ourLoadAverages, Pytorch = torch.Describe("load_average") },
            Rows = rows,
            Ours = new { Models = models.Select(Finite), Gemm = gemms, ColdStart = coldStart },
            Pytorch = torch.Raw,
            Plan = plan,
        }, BenchPlan.Json);

    public static string ConsoleTable(IReadOnlyList<ResultRow> rows)
    {
        var text = new StringBuilder();
        text.AppendLine($"{"config",-26} {"ours ms",9} {"ours throughput",22} {"torch ms",12} {"torch throughput",22} {"ratio",7}  result");
        foreach (ResultRow row in rows)
            text.AppendLine($"{row.Config,-26} {Ms(row.OursMs),9} {row.OursThroughput,22} {TorchMs(row),12} {row.TorchThroughput,22} " +
                $"{(row.Ratio is double r ? $"{r:0.00}×" : ""),7}  {row.Result} {row.Measured}");
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

    private static string TorchMs(ResultRow row) => row.TorchMs is null ? "" : $"{Ms(row.TorchMs)} ({row.TorchThreads})";
}
