using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using NotebookRnn.Devices;

namespace NotebookRnn.Training;

/// <summary>
/// The JSON form of a <see cref="History"/> (format <c>notebookrnn.history</c>, version 1): the run's settings, then one
/// object per epoch and per batch, keys in snake_case as Keras writes its logs. Times are .NET's constant
/// <c>TimeSpan</c> text (<c>"00:00:01.2345678"</c>) and the start time ISO 8601 with its offset, so both come back to
/// the tick; non-finite losses are written <c>"NaN"</c>, <c>"Infinity"</c>.
/// </summary>
internal static class HistoryJson
{
    public const string Format = "notebookrnn.history";
    public const int Version = 1;

    private static readonly JsonSerializerOptions Options = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
        WriteIndented = true,
        // A file, not HTML: the model summary's quotes and box-drawing characters stay readable.
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public static string Write(History history) => JsonSerializer.Serialize(new HistoryDocument
    {
        Format = Format,
        Version = Version,
        Label = history.Label,
        BatchSize = history.BatchSize,
        EpochsRequested = history.EpochsRequested,
        StartTime = history.StartTime,
        Interrupted = history.Interrupted,
        Devices = history.Devices,
        ModelSummary = history.ModelSummary,
        Epochs = [.. history.Epochs.Select(e => new EpochDocument
        {
            Epoch = e.Epoch, Metrics = e.Metrics, Duration = e.Duration, Samples = e.Samples, SamplesPerSecond = e.SamplesPerSecond,
        })],
        Batches = [.. history.Batches.Select(b => new BatchDocument
        {
            Epoch = b.Epoch, Batch = b.Batch, Samples = b.Samples, Metrics = b.Metrics, Duration = b.Duration,
            Devices = [.. b.Devices.Select(d => new DeviceDocument
            {
                Device = d.Device, Samples = d.Samples, RealTokens = d.RealTokens, PaddedTokens = d.PaddedTokens, Loss = d.Loss,
                Compute = d.Compute, Wait = d.Wait,
            })],
        })],
    }, Options);

    /// <summary>The history <paramref name="json"/> holds; <paramref name="source"/> names where it came from in errors.</summary>
    /// <exception cref="InvalidDataException">Not JSON, not a history, a newer version, or a field missing or of the wrong type.</exception>
    public static History Read(string json, string source)
    {
        HistoryDocument document;
        try
        {
            document = JsonSerializer.Deserialize<HistoryDocument>(json, Options)
                ?? throw new InvalidDataException($"Cannot read {source}: it holds JSON null, not a history.");
        }
        catch (JsonException error)
        {
            throw new InvalidDataException($"Cannot read {source} as a NotebookRnn history: {error.Message}", error);
        }
        if (document.Format != Format)
            throw new InvalidDataException($"Cannot read {source}: \"format\" is \"{document.Format}\", expected \"{Format}\" (a file History.Save wrote).");
        if (document.Version > Version)
            throw new InvalidDataException($"Cannot read {source}: it is history format version {document.Version}; this NotebookRnn reads up to version {Version}.");
        return ToHistory(document);
    }

    private static History ToHistory(HistoryDocument document)
    {
        var history = new History(document.BatchSize, document.EpochsRequested, document.StartTime, document.Devices, document.ModelSummary)
        {
            Label = document.Label,
            Interrupted = document.Interrupted,
        };
        foreach (BatchDocument b in document.Batches)
            history.AddBatch(new BatchRecord(b.Epoch, b.Batch, b.Samples, Logs(b.Metrics), b.Duration,
                [.. b.Devices.Select(d => new DeviceBatchRecord(d.Device, d.Samples, d.RealTokens, d.PaddedTokens, d.Loss, d.Compute, d.Wait))]));
        foreach (EpochDocument e in document.Epochs)
            history.AddEpoch(new EpochRecord(e.Epoch, Logs(e.Metrics), e.Duration, e.Samples, e.SamplesPerSecond));
        return history;
    }

    // Fit records its logs as EvaluationResult (which prints as "loss: … - accuracy: …"); a loaded history does too.
    private static EvaluationResult Logs(IReadOnlyDictionary<string, double> metrics)
    {
        var logs = new EvaluationResult();
        foreach (var (name, value) in metrics) logs[name] = value;
        return logs;
    }

    // The file's shape. `required` makes a missing key a JsonException that names it.
    private sealed class HistoryDocument
    {
        public required string Format { get; init; }
        public required int Version { get; init; }
        public string? Label { get; init; }
        public required int BatchSize { get; init; }
        public required int EpochsRequested { get; init; }
        public required DateTimeOffset StartTime { get; init; }
        public required bool Interrupted { get; init; }
        public required IReadOnlyList<string> Devices { get; init; }
        public required string ModelSummary { get; init; }
        public required IReadOnlyList<EpochDocument> Epochs { get; init; }
        public required IReadOnlyList<BatchDocument> Batches { get; init; }
    }

    private sealed class EpochDocument
    {
        public required int Epoch { get; init; }
        public required IReadOnlyDictionary<string, double> Metrics { get; init; }
        public required TimeSpan Duration { get; init; }
        public required int Samples { get; init; }
        public required double SamplesPerSecond { get; init; }
    }

    private sealed class BatchDocument
    {
        public required int Epoch { get; init; }
        public required int Batch { get; init; }
        public required int Samples { get; init; }
        public required IReadOnlyDictionary<string, double> Metrics { get; init; }
        public required TimeSpan Duration { get; init; }
        public required IReadOnlyList<DeviceDocument> Devices { get; init; }
    }

    private sealed class DeviceDocument
    {
        public required string Device { get; init; }
        public required int Samples { get; init; }
        public required int RealTokens { get; init; }
        public required int PaddedTokens { get; init; }
        public required double Loss { get; init; }
        public required TimeSpan Compute { get; init; }
        public required TimeSpan Wait { get; init; }
    }
}
