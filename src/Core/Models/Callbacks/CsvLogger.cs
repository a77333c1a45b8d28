using System.Globalization;
using System.Text;
using NotebookRnn.Files;

namespace NotebookRnn.Models.Callbacks;

/// <summary>
/// Writes one CSV row per epoch during <c>Fit</c> (Keras <c>CSVLogger</c>): a header <c>epoch,&lt;keys&gt;</c> with the
/// first epoch's log keys sorted, then <c>epoch</c> (0-based) and each value; a key missing from a later epoch is
/// written as <c>NA</c>. Every epoch rewrites the whole file atomically (<see cref="AtomicFile"/>), so a crash leaves
/// the file as it was after the previous epoch, never a half-written row. A model trained by several processes
/// (<see cref="Model.World"/>) has the same logs on each; rank 0 alone writes.
/// </summary>
/// <remarks>
/// Numbers are written in their shortest round-trip form with a '.' decimal point (culture-independent); a field
/// holding the separator, a quote or a line break is quoted, quotes doubled. Without <see cref="Append"/>, an existing
/// file is replaced at the end of the first epoch; with it, rows are added after the existing ones and no header is
/// written when the file is not empty.
/// </remarks>
public sealed class CsvLogger : Callback
{
    private readonly StringBuilder _text = new();
    private string[]? _keys;
    private bool _started, _headerWritten;

    /// <summary>Creates the callback.</summary>
    /// <param name="filename">The CSV file; its folder must exist.</param>
    /// <param name="separator">The field separator; default ','.</param>
    /// <param name="append">Add to an existing file instead of replacing it; default false.</param>
    /// <exception cref="ArgumentException"><paramref name="filename"/> is empty, or the separator is a quote or a line break.</exception>
    public CsvLogger(string filename, char separator = ',', bool append = false)
    {
        ArgumentException.ThrowIfNullOrEmpty(filename);
        if (separator is '"' or '\r' or '\n')
            throw new ArgumentException($"The separator cannot be a quote or a line break, got {(int)separator:x2}.", nameof(separator));
        FileName = filename;
        Separator = separator;
        Append = append;
    }

    /// <summary>The CSV file.</summary>
    public string FileName { get; }

    /// <summary>The field separator.</summary>
    public char Separator { get; }

    /// <summary>Whether rows are added to an existing file.</summary>
    public bool Append { get; }

    /// <summary>Starts the file's text: the existing file's when appending, else empty.</summary>
    public override void OnTrainBegin()
    {
        _started = true;
        _text.Clear();
        _keys = null;
        _headerWritten = false;
        if (!Append || !File.Exists(FileName)) return;
        string existing = File.ReadAllText(FileName);
        _text.Append(existing);
        if (existing.Length > 0 && !existing.EndsWith('\n')) _text.Append('\n');
        _headerWritten = existing.Length > 0;
    }

    /// <summary>Adds the epoch's row and rewrites the file atomically.</summary>
    /// <exception cref="IOException">Writing failed; the file is as it was after the previous epoch.</exception>
    public override void OnEpochEnd(int epoch, IReadOnlyDictionary<string, double> logs)
    {
        if (Model is { World.IsRoot: false }) return;
        if (!_started) OnTrainBegin();
        _keys ??= [.. logs.Keys.Order(StringComparer.Ordinal)];
        if (!_headerWritten)
        {
            AppendRow(["epoch", .. _keys]);
            _headerWritten = true;
        }
        AppendRow([epoch.ToString(CultureInfo.InvariantCulture), .. _keys.Select(k => logs.TryGetValue(k, out double v) ? Number(v) : "NA")]);
        AtomicFile.WriteAllText(FileName, _text.ToString());
    }

    private static string Number(double value) => value.ToString("R", CultureInfo.InvariantCulture);

    private void AppendRow(IEnumerable<string> fields)
    {
        _text.AppendJoin(Separator, fields.Select(Quoted));
        _text.Append('\n');
    }

    private string Quoted(string field) =>
        field.Contains(Separator) || field.Contains('"') || field.Contains('\n') || field.Contains('\r')
            ? "\"" + field.Replace("\"", "\"\"") + "\""
            : field;
}
