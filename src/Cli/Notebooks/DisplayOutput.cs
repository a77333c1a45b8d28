using System.Text.Json.Nodes;
using NotebookRnn.Notebook;

namespace NotebookRnn.Cli.Notebooks;

/// <summary>
/// A displayed value as a mime bundle: nbformat <c>display_data</c> (from <c>display(x)</c> and magics) or, with an
/// execution count, <c>execute_result</c> (a cell's last expression). Text forms are held as strings, other forms
/// (JSON mime types) as the JSON they were read as.
/// </summary>
public sealed class DisplayOutput : CellOutput
{
    private readonly List<KeyValuePair<string, JsonNode>> _data;
    private readonly JsonObject _metadata;

    private DisplayOutput(List<KeyValuePair<string, JsonNode>> data, JsonObject metadata, int? executionCount)
    {
        _data = data;
        _metadata = metadata;
        ExecutionCount = executionCount;
    }

    /// <summary>The cell's execution count for an <c>execute_result</c>; null for <c>display_data</c>.</summary>
    public int? ExecutionCount { get; }

    /// <summary>The MIME types held, in the order written (richest first for our renderers).</summary>
    public IReadOnlyList<string> MimeTypes => [.. _data.Select(d => d.Key)];

    /// <inheritdoc/>
    public override string OutputType => ExecutionCount is null ? "display_data" : "execute_result";

    /// <summary>The output of <paramref name="bundle"/>: every form it holds, in its order.</summary>
    /// <param name="bundle">The rendered value.</param>
    /// <param name="executionCount">The cell's count for a last-expression value; null for a display.</param>
    public static DisplayOutput FromBundle(MimeBundle bundle, int? executionCount = null)
    {
        ArgumentNullException.ThrowIfNull(bundle);
        return new DisplayOutput([.. bundle.MimeTypes.Select(m => new KeyValuePair<string, JsonNode>(m, JsonValue.Create(bundle[m])))], [],
            executionCount);
    }

    /// <summary>Reads <c>display_data</c> or <c>execute_result</c> JSON.</summary>
    internal static DisplayOutput FromJson(JsonObject json, int? executionCount)
    {
        var data = new List<KeyValuePair<string, JsonNode>>();
        foreach (var (mime, value) in json["data"] as JsonObject ?? [])
        {
            bool text = value is JsonArray || value is JsonValue v && v.TryGetValue(out string? _);
            JsonNode node = text && !mime.EndsWith("json", StringComparison.Ordinal)
                ? JsonValue.Create(MultilineText.Read(value, $"The {mime} form of an output"))
                : value?.DeepClone() ?? JsonValue.Create("");
            data.Add(new(mime, node));
        }
        return new DisplayOutput(data, (JsonObject?)json["metadata"]?.DeepClone() ?? [], executionCount);
    }

    /// <summary>The text of the <paramref name="mimeType"/> form, or null when it is absent or not text.</summary>
    public string? Text(string mimeType)
    {
        JsonNode? node = _data.FirstOrDefault(d => d.Key == mimeType).Value;
        return node is JsonValue value && value.TryGetValue(out string? text) ? text : null;
    }

    /// <inheritdoc/>
    public override JsonObject ToJson()
    {
        var data = new JsonObject();
        foreach (var (mime, value) in _data)
            data[mime] = value is JsonValue v && v.TryGetValue(out string? text) ? MultilineText.Write(text) : value.DeepClone();
        var json = new JsonObject { ["output_type"] = OutputType };
        if (ExecutionCount is int count) json["execution_count"] = count;
        json["data"] = data;
        json["metadata"] = _metadata.DeepClone();
        return json;
    }
}
