using System.Globalization;
using System.Text;
using NotebookRnn.Data;
using NotebookRnn.Devices;
using NotebookRnn.Files;
using NotebookRnn.Models;

namespace NotebookRnn.Training;

/// <summary>
/// The record of a <c>Fit</c> run (Keras's <c>History</c>): per-epoch loss and metrics (<see cref="this[string]"/>,
/// <see cref="Series"/>), per-batch values (<see cref="Batches"/>), wall time and throughput. Prints as a table.
/// </summary>
public sealed class History
{
    private readonly List<EpochRecord> _epochs = [];
    private readonly List<BatchRecord> _batches = [];
    private readonly Dictionary<string, List<double>> _series = [];

    /// <summary>Creates an empty record for a run.</summary>
    /// <param name="batchSize">Samples per batch.</param>
    /// <param name="epochsRequested">Epochs asked for.</param>
    /// <param name="startTime">When the run started.</param>
    /// <param name="devices">Names of the devices that train, in order; default one <c>cpu:0</c>.</param>
    /// <param name="modelSummary">The model's summary table as text.</param>
    public History(int batchSize, int epochsRequested, DateTimeOffset startTime, IReadOnlyList<string>? devices = null,
        string? modelSummary = null)
    {
        BatchSize = batchSize;
        EpochsRequested = epochsRequested;
        StartTime = startTime;
        Devices = devices ?? ["cpu:0"];
        ModelSummary = modelSummary ?? "";
    }

    /// <summary>Names of the devices that trained, in order.</summary>
    public IReadOnlyList<string> Devices { get; }

    /// <summary>The model's summary table at the start of the run.</summary>
    public string ModelSummary { get; }

    /// <summary>A label for comparing runs (e.g. "packed, 2 devices"); set by the caller.</summary>
    public string? Label { get; set; }

    /// <summary>Batch size of the run.</summary>
    public int BatchSize { get; }

    /// <summary>Epochs asked for.</summary>
    public int EpochsRequested { get; }

    /// <summary>When the run started.</summary>
    public DateTimeOffset StartTime { get; }

    /// <summary>One record per completed epoch.</summary>
    public IReadOnlyList<EpochRecord> Epochs => _epochs;

    /// <summary>One record per training batch.</summary>
    public IReadOnlyList<BatchRecord> Batches => _batches;

    /// <summary>Per-epoch series by name (<c>loss</c>, <c>accuracy</c>, <c>val_loss</c>, …), like Keras's <c>history.history</c>.</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<double>> Series =>
        _series.ToDictionary(pair => pair.Key, pair => (IReadOnlyList<double>)pair.Value);

    /// <summary>The per-epoch series <paramref name="name"/>.</summary>
    /// <exception cref="KeyNotFoundException">No such series; the message lists those recorded.</exception>
    public IReadOnlyList<double> this[string name] => _series.TryGetValue(name, out List<double>? values)
        ? values
        : throw new KeyNotFoundException($"History has no series \"{name}\"; it has {string.Join(", ", _series.Keys)}.");

    /// <summary>Total wall time of the completed epochs.</summary>
    public TimeSpan WallTime => _epochs.Aggregate(TimeSpan.Zero, (sum, e) => sum + e.Duration);

    /// <summary>Training samples per second over the whole run (training time only).</summary>
    public double SamplesPerSecond
    {
        get
        {
            double seconds = _batches.Sum(b => b.Duration.TotalSeconds);
            return seconds > 0 ? _batches.Sum(b => b.Samples) / seconds : 0;
        }
    }

    /// <summary>Whether the run stopped before <see cref="EpochsRequested"/> (a callback or cancellation).</summary>
    public bool Interrupted { get; internal set; }

    /// <summary>Lines up several runs for comparison on epochs and on wall-clock time (see <see cref="RunSet"/>).</summary>
    public static RunSet Compare(params History[] runs) => new(runs);

    /// <summary>Appends a batch record.</summary>
    public void AddBatch(BatchRecord record) => _batches.Add(record);

    /// <summary>Appends an epoch record and its values to the series.</summary>
    public void AddEpoch(EpochRecord record)
    {
        _epochs.Add(record);
        foreach (var (name, value) in record.Metrics)
        {
            if (!_series.TryGetValue(name, out List<double>? values)) _series[name] = values = [];
            values.Add(value);
        }
    }

    /// <summary>
    /// The whole record as JSON: batch size, epochs requested, start time, devices, model summary, label, whether the
    /// run was interrupted, every epoch (metrics, duration, samples, samples/s) and every batch (metrics, duration,
    /// samples, each device's share with its compute and wait times). <see cref="FromJson"/> reads it back equal.
    /// </summary>
    public string ToJson() => HistoryJson.Write(this);

    /// <summary>The history that <paramref name="json"/> (from <see cref="ToJson"/> or <see cref="Save"/>) holds.</summary>
    /// <exception cref="InvalidDataException">
    /// Not JSON, not a history (no <c>"format": "notebookrnn.history"</c>), a newer format version, or a field missing
    /// or of the wrong type; the message says which.
    /// </exception>
    public static History FromJson(string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        return HistoryJson.Read(json, "the JSON");
    }

    /// <summary>
    /// Writes <see cref="ToJson"/> to <paramref name="path"/> (UTF-8), atomically: the JSON goes to a hidden temporary
    /// file in the same folder, is flushed to disk and renamed over the target, so a reader sees the previous file or
    /// the new one whole, never a part of one.
    /// </summary>
    /// <exception cref="DirectoryNotFoundException">The folder of <paramref name="path"/> does not exist.</exception>
    /// <exception cref="IOException">The disk failed; the target is unchanged.</exception>
    public void Save(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        string folder = Path.GetDirectoryName(Path.GetFullPath(path))!;
        if (!Directory.Exists(folder))
            throw new DirectoryNotFoundException($"Cannot save the history to \"{path}\": its folder \"{folder}\" does not exist.");
        AtomicFile.WriteAllText(path, ToJson());
    }

    /// <summary>The history saved at <paramref name="path"/> by <see cref="Save"/>.</summary>
    /// <exception cref="FileNotFoundException">There is no file at <paramref name="path"/>.</exception>
    /// <exception cref="InvalidDataException">
    /// The file is not a history <see cref="Save"/> wrote (see <see cref="FromJson"/>); the message names the file.
    /// </exception>
    public static History Load(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        return HistoryJson.Read(File.ReadAllText(path), $"\"{path}\"");
    }

    /// <summary>A table with one line per epoch: metrics, time and samples/s.</summary>
    public override string ToString()
    {
        var names = _series.Keys.ToList();
        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture,
            $"History: {_epochs.Count}/{EpochsRequested} epochs, batch size {BatchSize}, {WallTime.TotalSeconds:0.0} s, {SamplesPerSecond:0} samples/s");
        if (Interrupted) text.Append(" (interrupted)");
        text.AppendLine();
        text.Append("epoch").Append(string.Concat(names.Select(n => $"  {n,12}"))).AppendLine("      time   samples/s");
        foreach (EpochRecord epoch in _epochs)
        {
            text.Append(CultureInfo.InvariantCulture, $"{epoch.Epoch + 1,5}");
            foreach (string name in names)
                text.Append(CultureInfo.InvariantCulture, $"  {(epoch.Metrics.TryGetValue(name, out double v) ? v.ToString("0.0000", CultureInfo.InvariantCulture) : ""),12}");
            text.Append(CultureInfo.InvariantCulture, $"  {epoch.Duration.TotalSeconds,7:0.00}s  {epoch.SamplesPerSecond,10:0}").AppendLine();
        }
        return text.ToString();
    }
}
