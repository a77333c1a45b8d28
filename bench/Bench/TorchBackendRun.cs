using System.Text.Json;

namespace Bench;

/// <summary>One torch-backend row as TorchReference <c>--backend-rows</c> measured it: plain TorchSharp and ours on libtorch.</summary>
/// <param name="Plain">Plain TorchSharp's best round (the lowest median ms per batch).</param>
/// <param name="Ours">Our model compiled with <c>backend: TorchBackend.Instance</c>, its best round; null when it could not run.</param>
/// <param name="Error">Why ours did not run (a layer without a libtorch form), or null.</param>
/// <param name="PlainFirstLoss">The loss of plain TorchSharp's first training step (null for Predict).</param>
/// <param name="OursFirstLoss">Ours' first loss: the same initial weights and batch give the same value.</param>
internal sealed record TorchBackendRow(string Name, TorchTiming Plain, TorchTiming? Ours, string? Error, double? PlainFirstLoss,
    double? OursFirstLoss);

/// <summary>
/// The output of <c>TorchReference --backend-rows</c> (issue 19): per configuration, the same model, data, initial weights and
/// optimizer settings as plain TorchSharp and as our model on the libtorch backend, in one process with the same torch threads.
/// </summary>
internal sealed class TorchBackendRun
{
    private TorchBackendRun(JsonElement raw) => Raw = raw;

    /// <summary>The file as it came, for results.json.</summary>
    public JsonElement Raw { get; }

    public int Threads => Raw.GetProperty("threads").GetInt32();

    public int Rounds => Raw.GetProperty("rounds").GetInt32();

    public string LoadAverage => Raw.GetProperty("load_average").GetString() ?? "unknown";

    public IEnumerable<TorchBackendRow> Rows => Raw.GetProperty("rows").EnumerateObject().Select(row =>
    {
        JsonElement r = row.Value;
        TorchTiming plain = Timing(r.GetProperty("plain"))!;
        TorchTiming? ours = r.TryGetProperty("ours", out JsonElement o) ? Timing(o) : null;
        return new TorchBackendRow(row.Name, plain, ours, r.TryGetProperty("error", out JsonElement e) ? e.GetString() : null,
            FirstLoss(r, "plain"), FirstLoss(r, "ours"));
    });

    public static TorchBackendRun Load(string path) => new(JsonDocument.Parse(File.ReadAllText(path)).RootElement.Clone());

    private TorchTiming Timing(JsonElement m) =>
        new(m.GetProperty("ms_per_batch").GetDouble(), m.GetProperty("samples_per_s").GetDouble(), Threads);

    private static double? FirstLoss(JsonElement row, string side) =>
        row.TryGetProperty(side, out JsonElement m) && m.TryGetProperty("first_loss", out JsonElement loss) ? loss.GetDouble() : null;
}
