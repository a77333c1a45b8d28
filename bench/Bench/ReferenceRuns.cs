using System.Text.Json;

namespace Bench;

/// <summary>One timing of a torch reference: ms per batch (or per multiply) and throughput, with its thread count.</summary>
internal sealed record TorchTiming(double Ms, double Throughput, int Threads);

/// <summary>
/// The JSON outputs of one torch reference, one per thread setting and round: bench/pytorch_reference.py (PyTorch 1.13)
/// or bench/TorchReference (libtorch 2.10 through TorchSharp), which write the same schema. <see cref="BestModel"/> picks
/// the fastest per configuration, GEMM comes from the single-thread runs only.
/// </summary>
internal sealed class ReferenceRuns
{
    private readonly List<JsonElement> _runs = [];

    /// <param name="name">How the report names this reference ("libtorch 2.10", "PyTorch 1.13").</param>
    private ReferenceRuns(string name) => Name = name;

    public string Name { get; }

    public static ReferenceRuns Load(string name, IEnumerable<string> paths)
    {
        var runs = new ReferenceRuns(name);
        foreach (string path in paths)
            runs._runs.Add(JsonDocument.Parse(File.ReadAllText(path)).RootElement.Clone());
        return runs;
    }

    public bool Any => _runs.Count > 0;

    public IEnumerable<int> Threads => _runs.Select(r => r.GetProperty("threads").GetInt32()).Distinct().Order();

    public string Describe(string property) =>
        string.Join(", ", _runs.Select(r => r.TryGetProperty(property, out JsonElement v) ? v.ToString() : "?").Distinct());

    /// <summary>The fastest thread setting's median ms per batch and samples/s, or null when no run has the config.</summary>
    public TorchTiming? BestModel(string name)
    {
        TorchTiming? best = null;
        foreach (JsonElement run in _runs)
        {
            if (!run.GetProperty("models").TryGetProperty(name, out JsonElement m)) continue;
            var timing = new TorchTiming(m.GetProperty("ms_per_batch").GetDouble(), m.GetProperty("samples_per_s").GetDouble(),
                run.GetProperty("threads").GetInt32());
            if (best is null || timing.Ms < best.Ms) best = timing;
        }
        return best;
    }

    /// <summary>torch.mm with one thread, the best round: ms per multiply and GFLOP/s.</summary>
    public TorchTiming? Gemm(string name)
    {
        TorchTiming? best = null;
        foreach (JsonElement run in _runs.Where(r => r.GetProperty("threads").GetInt32() == 1))
        {
            if (!run.GetProperty("gemm").TryGetProperty(name, out JsonElement g)) continue;
            var timing = new TorchTiming(g.GetProperty("ms_per_multiply").GetDouble(), g.GetProperty("gflops").GetDouble(), 1);
            if (best is null || timing.Throughput > best.Throughput) best = timing;
        }
        return best;
    }

    /// <summary>Every run as it came, for results.json.</summary>
    public IReadOnlyList<JsonElement> Raw => _runs;
}
