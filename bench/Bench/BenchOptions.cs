namespace Bench;

/// <summary>
/// Command line of the bench: <c>[--smoke] [--list-configs | --measure-only FILE | [--ours FILE]... [--torchsharp FILE]... [--pytorch FILE]... [--torch-backend FILE] [--out DIR]
/// [--engine COMMIT]]</c>; the engine version (git describe) only labels the report. <c>--torch-backend</c> is the output of
/// <c>TorchReference --backend-rows</c> (the torch-backend rows). <c>--cold-run textgen|notebook</c> is the
/// fresh child process that the bench starts for its cold-start rows. <c>--mpi-measure FILE [--batches N]</c> runs under
/// mpirun: the MPI row's measurement, which rank 0 writes to FILE; <c>--mpi FILE</c> (one per round) and <c>--mpi-exchange DIR</c>
/// (the monitored runs, see <see cref="MpiExchange"/>) add the row to the table.
/// </summary>
internal sealed record BenchOptions(bool Smoke, bool ListConfigs, string? MeasureOnlyPath, IReadOnlyList<string> OurResults,
    IReadOnlyList<string> LibtorchResults, IReadOnlyList<string> PyTorchResults, string? TorchBackendResults, string OutputDirectory,
    string EngineVersion, string? ColdRun, string? MpiMeasurePath, int? MpiBatches, IReadOnlyList<string> MpiResults, string? MpiExchangeDirectory)
{
    public const string Usage =
        "usage: Bench [--smoke] [--list-configs | --measure-only ours.json | [--ours ours.json]... [--torchsharp libtorch.json]... [--pytorch torch.json]... [--torch-backend torch-backend.json] [--mpi mpi.json]... [--mpi-exchange DIR] [--out DIR] [--engine COMMIT]]\n" +
        "       mpirun -np 2 dotnet Bench.dll [--smoke] --mpi-measure mpi.json [--batches N]";

    /// <exception cref="ArgumentException">An unknown option, a missing value, or a result file that does not exist.</exception>
    public static BenchOptions Parse(string[] args)
    {
        bool smoke = false, list = false;
        string? measureOnly = null, coldRun = null, torchBackend = null, mpiMeasure = null, mpiExchange = null;
        int? mpiBatches = null;
        var mpi = new List<string>();
        var ours = new List<string>();
        var libtorch = new List<string>();
        var torch = new List<string>();
        string output = ".", engine = "unknown";
        for (int i = 0; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--smoke": smoke = true; break;
                case "--list-configs": list = true; break;
                case "--measure-only": measureOnly = Value(args, ref i); break;
                case "--ours": ours.Add(Value(args, ref i)); break;
                case "--torchsharp": libtorch.Add(Value(args, ref i)); break;
                case "--pytorch": torch.Add(Value(args, ref i)); break;
                case "--torch-backend": torchBackend = Value(args, ref i); break;
                case "--out": output = Value(args, ref i); break;
                case "--engine": engine = Value(args, ref i); break;
                case "--cold-run": coldRun = Value(args, ref i); break;
                case "--mpi-measure": mpiMeasure = Value(args, ref i); break;
                case "--batches": mpiBatches = Count(args, ref i); break;
                case "--mpi": mpi.Add(Value(args, ref i)); break;
                case "--mpi-exchange": mpiExchange = Value(args, ref i); break;
                default: throw new ArgumentException($"Unknown option \"{args[i]}\".");
            }
        }
        string? missing = ours.Concat(libtorch).Concat(torch).Concat(mpi).Concat(torchBackend is null ? [] : [torchBackend]).FirstOrDefault(p => !File.Exists(p));
        if (missing is not null) throw new ArgumentException($"Result file \"{missing}\" does not exist.");
        if (measureOnly is not null && ours.Count > 0) throw new ArgumentException("--measure-only measures; it cannot take --ours files.");
        if (mpiExchange is not null && !Directory.Exists(mpiExchange)) throw new ArgumentException($"Directory \"{mpiExchange}\" does not exist.");
        if (mpiBatches is not null && mpiMeasure is null) throw new ArgumentException("--batches needs --mpi-measure.");
        return new BenchOptions(smoke, list, measureOnly, ours, libtorch, torch, torchBackend, output, engine, coldRun, mpiMeasure, mpiBatches,
            mpi, mpiExchange);
    }

    private static int Count(string[] args, ref int i)
    {
        string option = args[i], value = Value(args, ref i);
        return int.TryParse(value, out int count) && count > 0
            ? count
            : throw new ArgumentException($"Option {option} needs a positive whole number, not \"{value}\".");
    }

    private static string Value(string[] args, ref int i) =>
        i + 1 < args.Length ? args[++i] : throw new ArgumentException($"Option {args[i]} needs a value.");
}
