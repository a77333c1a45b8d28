// The libtorch 2.10 reference of the NotebookRnn bench (issue 18): pytorch_reference.py's measurements on TorchSharp-cpu
// 0.107.0, with one torch thread setting, printed as the same JSON (plus "libtorch") on stdout:
//
//   dotnet bench/TorchReference/bin/Release/net10.0/linux-x64/TorchReference.dll --plan plan.json --threads 1 > libtorch-t1.json
//
// bench/run.sh builds it, runs it with --threads 1 and 2 and hands the files to Bench (--torchsharp), which keeps the
// faster setting per configuration. Configurations with more than one device are ours only and are skipped.
//
// With --backend-rows it measures the torch-backend rows instead (issue 19): per configuration, plain TorchSharp against the
// same model built with NotebookRnn and compiled with backend: TorchBackend.Instance, in turn batch by batch, rounds (default 2),
// printed as JSON for Bench --torch-backend:
//
//   dotnet bench/TorchReference/bin/Release/net10.0/linux-x64/TorchReference.dll --plan plan.json --threads 1 --backend-rows --rounds 2 > torch-backend.json
using System.Text.Json;
using TorchReference;
using static TorchSharp.torch;

string? planPath = null;
int threads = 0, rounds = 2;
bool backendRows = false, usage = false;
for (int i = 0; i < args.Length; i++)
{
    switch (args[i])
    {
        case "--plan" when i + 1 < args.Length: planPath = args[++i]; break;
        case "--threads" when i + 1 < args.Length: threads = int.Parse(args[++i]); break;
        case "--rounds" when i + 1 < args.Length: rounds = int.Parse(args[++i]); break;
        case "--backend-rows": backendRows = true; break;
        default: usage = true; break;
    }
}
if (planPath is null || threads < 1 || rounds < 1 || usage)
{
    Console.Error.WriteLine("usage: TorchReference --plan plan.json --threads N [--backend-rows [--rounds R]] (N, R ≥ 1)");
    return 2;
}

Plan plan = Plan.Load(planPath);
string libtorch = string.Join('.', __version__.Split('.').Take(3)); // TorchSharp reports 2.10.0.0
set_num_threads(threads);
set_num_interop_threads(1);
string LoadAverage() => File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "unknown";
if (backendRows)
{
    string loadAtStart = LoadAverage();
    Dictionary<string, BackendRow> rows = BackendRows.Measure(plan, rounds, Console.Error.WriteLine);
    Console.WriteLine(JsonSerializer.Serialize(new
    {
        Threads = threads,
        Rounds = rounds,
        Libtorch = libtorch,
        Torchsharp = typeof(TorchSharp.torch).Assembly.GetName().Version?.ToString(3),
        LoadAverage = $"{loadAtStart} (start), {LoadAverage()} (end)",
        CpuCapability = Environment.GetEnvironmentVariable("ATEN_CPU_CAPABILITY") ?? "default",
        Rows = rows,
    }, Plan.Json));
    return 0;
}
var models = new Dictionary<string, ModelTiming>();
foreach (ModelConfig c in plan.Models.Where(c => c.Devices == 1))
{
    uint checksum = plan.DataChecksums[c.Name];
    models[c.Name] = c.Kind == "predict" ? Timings.Predict(c, checksum) : Timings.Train(c, checksum, packed: true);
    Report(c.Name, models[c.Name]);
    if (c.ReferenceUnpacked)
    {
        models[c.Name + "/unpacked"] = Timings.Train(c, checksum, packed: false);
        Report(c.Name + "/unpacked", models[c.Name + "/unpacked"]);
    }
}
var gemms = new Dictionary<string, GemmTiming>();
if (threads == 1) // GEMM is compared single-threaded
{
    foreach (GemmConfig g in plan.Gemms)
    {
        gemms[g.Name] = Timings.Multiply(g);
        Console.Error.WriteLine($"  libtorch threads 1: {g.Name,-24} {gemms[g.Name].Gflops,9:0.0} GFLOP/s");
    }
}
Console.WriteLine(JsonSerializer.Serialize(new
{
    Threads = threads,
    Torch = libtorch,
    Libtorch = libtorch,
    Torchsharp = typeof(TorchSharp.torch).Assembly.GetName().Version?.ToString(3),
    Blas = "libtorch's own (MKL, oneDNN), linked into libtorch_cpu.so",
    LoadAverage = LoadAverage(),
    CpuCapability = Environment.GetEnvironmentVariable("ATEN_CPU_CAPABILITY") ?? "default",
    Models = models,
    Gemm = gemms,
}, Plan.Json));
return 0;

void Report(string name, ModelTiming m) =>
    Console.Error.WriteLine($"  libtorch threads {threads}: {name,-24} {m.MsPerBatch,9:0.00} ms/batch {m.SamplesPerS,10:#,0} samples/s ({m.TimedBatches} timed)");
