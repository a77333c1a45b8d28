// The benchmark of issues 5 and 18. Run it through bench/run.sh, which also runs the libtorch and PyTorch references:
//
//   bash bench/run.sh            full bench, writes bench/results.md and bench/results.json
//   bash bench/run.sh --smoke    tiny shapes and 2 timed batches (CI), writes bench/out/smoke/
//
// Direct use (all take --smoke for the smoke plan):
//   Bench --list-configs                                   the plan as JSON (input of pytorch_reference.py)
//   Bench --measure-only ours.json                         measure one round, save it
//   mpirun -np 2 dotnet Bench.dll --mpi-measure mpi.json [--batches N]
//                                                          the MPI row (issue 20): textgen on 2 processes, 1 device each;
//                                                          rank 0 writes the measurement (--batches: N timed batches only)
//   Bench --cold-run textgen|notebook                      one cold-start measurement in this fresh process (the bench
//                                                          starts these children itself), printed as JSON
//   Bench [--ours ours.json]... [--torchsharp libtorch.json]... [--pytorch torch.json]... [--torch-backend torch-backend.json] --out DIR
//                                                          compare (the best round of each side per configuration;
//                                                          measures one round when no --ours), write DIR/results.{md,json};
//                                                          --torch-backend adds the rows of TorchReference --backend-rows,
//                                                          --mpi (per round) and --mpi-exchange DIR the MPI row
using Bench;

BenchOptions options;
try
{
    options = BenchOptions.Parse(args);
}
catch (ArgumentException e)
{
    Console.Error.WriteLine($"error: {e.Message}");
    Console.Error.WriteLine(BenchOptions.Usage);
    return 2;
}

BenchPlan plan = BenchPlan.Create(options.Smoke);
if (options.ColdRun is string coldKind)
{
    Console.WriteLine(ColdStart.Run(coldKind, plan.ColdStart));
    return 0;
}
if (options.MpiMeasurePath is string mpiPath)
{
    MpiRun.Measure(plan.TwoProcesses, options.MpiBatches)?.Save(mpiPath);
    return 0;
}
if (options.ListConfigs)
{
    Console.WriteLine(plan.ToJson());
    return 0;
}
#if DEBUG
Console.Error.WriteLine("warning: this is a Debug build; benchmark numbers need -c Release (bench/run.sh does that).");
#endif

DateTimeOffset date = DateTimeOffset.UtcNow;
Machine machine = Machine.Current();
OurRun ours;
if (options.OurResults.Count > 0)
{
    ours = OurRun.Best([.. options.OurResults.Select(OurRun.Load)]);
}
else
{
    Console.WriteLine($"NotebookRnn bench ({(plan.Smoke ? "smoke" : "full")}) on {machine}, load average {Machine.ReadLoadAverage()}");
    ours = OurRun.Measure(plan);
    if (options.MeasureOnlyPath is string measurementsPath)
    {
        ours.Save(measurementsPath);
        return 0;
    }
}
IReadOnlyList<ModelMeasurement> models = ours.Models;
IReadOnlyList<GemmMeasurement> gemms = ours.Gemms;
ReferenceRuns libtorch = ReferenceRuns.Load("libtorch 2.10", options.LibtorchResults);
ReferenceRuns pytorch = ReferenceRuns.Load("PyTorch 1.13", options.PyTorchResults);
TorchBackendRun? torchBackend = options.TorchBackendResults is string backendPath ? TorchBackendRun.Load(backendPath) : null;
MpiRun? mpi = options.MpiResults.Count > 0 ? MpiRun.Best([.. options.MpiResults.Select(MpiRun.Load)]) : null;
MpiExchange? exchange = options.MpiExchangeDirectory is string exchangeDirectory ? MpiExchange.Read(exchangeDirectory) : null;
FmaPeak peak = FmaPeak.Measure();

var results = new Results(plan, libtorch, pytorch, peak);
results.AddModels(models);
results.AddPaddingSweep(models);
results.AddGemms(gemms);
results.AddAllocations(models);
results.AddDevices(models);
results.AddProcesses(mpi, exchange, models);
results.AddColdStart(ours.ColdStart);
results.AddTorchBackend(torchBackend);

var writer = new ReportWriter(plan, machine, peak, options.EngineVersion, ours.LoadAverage, libtorch, pytorch, torchBackend, mpi, exchange, date);
Directory.CreateDirectory(options.OutputDirectory);
string markdownPath = Path.Combine(options.OutputDirectory, "results.md"), jsonPath = Path.Combine(options.OutputDirectory, "results.json");
File.WriteAllText(markdownPath, writer.Markdown(results.Rows, models));
File.WriteAllText(jsonPath, writer.Json(results.Rows, models, gemms, ours.ColdStart));
Console.WriteLine();
Console.Write(ReportWriter.ConsoleTable(results.Rows));
Console.WriteLine($"wrote {markdownPath} and {jsonPath}");

int missed = results.Rows.Count(r => r.Result == ResultRow.Fail);
if (missed > 0)
{
    Console.Error.WriteLine($"{missed} target(s) missed; see {markdownPath}.");
    return 1;
}
return 0;
