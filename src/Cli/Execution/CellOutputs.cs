using System.Text;
using NotebookRnn.Cli.Notebooks;
using NotebookRnn.Notebook;

namespace NotebookRnn.Cli.Execution;

/// <summary>
/// The outputs of the running cell, in the order they happened: console text (consecutive writes to one stream join),
/// displays (which can be replaced in place, for live views) and the error. Safe to use from the training threads.
/// </summary>
internal sealed class CellOutputs
{
    private readonly object _gate = new();
    private readonly List<Entry> _entries = [];

    /// <summary>Appends console text to the last output when it is the same stream, else starts a stream output.</summary>
    public void Write(string stream, string text)
    {
        if (text.Length == 0) return;
        lock (_gate)
        {
            if (_entries.Count > 0 && _entries[^1] is StreamEntry last && last.Name == stream) last.Text.Append(text);
            else _entries.Add(new StreamEntry(stream, new StringBuilder(text)));
        }
    }

    /// <summary>Adds a displayed value; the returned action replaces it in place.</summary>
    public Action<MimeBundle> Display(MimeBundle bundle, int? executionCount = null)
    {
        var entry = new DisplayEntry(DisplayOutput.FromBundle(bundle, executionCount));
        lock (_gate) _entries.Add(entry);
        return update =>
        {
            lock (_gate) entry.Output = DisplayOutput.FromBundle(update, executionCount);
        };
    }

    /// <summary>Adds the error that stopped the cell.</summary>
    public void Error(ErrorOutput error)
    {
        lock (_gate) _entries.Add(new DisplayEntry(error));
    }

    /// <summary>
    /// The outputs so far as nbformat outputs. A stream's text is shown as a terminal would: within a line, what
    /// follows the last carriage return replaces what came before (progress bars).
    /// </summary>
    public IReadOnlyList<CellOutput> ToOutputs()
    {
        lock (_gate)
            return [.. _entries.Select(e => e switch
            {
                StreamEntry stream => new StreamOutput(stream.Name, ApplyCarriageReturns(stream.Text.ToString())),
                DisplayEntry display => display.Output,
                _ => throw new InvalidOperationException(),
            })];
    }

    internal static string ApplyCarriageReturns(string text)
    {
        if (!text.Contains('\r')) return text;
        var lines = text.Replace("\r\n", "\n").Split('\n');
        for (int i = 0; i < lines.Length; i++)
        {
            string[] overwrites = lines[i].Split('\r');
            lines[i] = overwrites.LastOrDefault(o => o.Length > 0) ?? "";
        }
        return string.Join('\n', lines);
    }

    private abstract class Entry;

    private sealed class StreamEntry(string name, StringBuilder text) : Entry
    {
        public string Name { get; } = name;
        public StringBuilder Text { get; } = text;
    }

    private sealed class DisplayEntry(CellOutput output) : Entry
    {
        public CellOutput Output { get; set; } = output;
    }
}
