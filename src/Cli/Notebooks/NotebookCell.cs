using System.Text.Json.Nodes;

namespace NotebookRnn.Cli.Notebooks;

/// <summary>
/// One cell of a notebook: its type (<c>code</c>, <c>markdown</c>, <c>raw</c>), source, metadata and, for code cells,
/// outputs and execution count. Metadata and any field nbrnn does not know (e.g. <c>attachments</c>) are kept as read.
/// </summary>
public sealed class NotebookCell
{
    private static readonly string[] KnownFields = ["cell_type", "id", "source", "metadata", "outputs", "execution_count"];

    /// <summary>Creates a cell.</summary>
    /// <param name="cellType"><c>code</c>, <c>markdown</c> or <c>raw</c>.</param>
    /// <param name="source">The cell's text.</param>
    /// <param name="metadata">Cell metadata; default empty.</param>
    /// <param name="id">The nbformat 4.5 cell id; default a new one.</param>
    public NotebookCell(string cellType, string source, JsonObject? metadata = null, string? id = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(cellType);
        CellType = cellType;
        Source = source ?? "";
        Metadata = metadata ?? [];
        Id = id ?? Guid.NewGuid().ToString("N")[..12];
    }

    /// <summary><c>code</c>, <c>markdown</c> or <c>raw</c>.</summary>
    public string CellType { get; }

    /// <summary>Whether this is a code cell.</summary>
    public bool IsCode => CellType == "code";

    /// <summary>The cell id (nbformat 4.5: 1–64 letters, digits, <c>-</c> or <c>_</c>).</summary>
    public string Id { get; }

    /// <summary>The cell's text.</summary>
    public string Source { get; set; }

    /// <summary>Cell metadata, e.g. <c>tags</c> and .NET Interactive's <c>polyglot_notebook.kernelName</c>.</summary>
    public JsonObject Metadata { get; }

    /// <summary>Outputs of a code cell, in order.</summary>
    public List<CellOutput> Outputs { get; } = [];

    /// <summary>The execution count of a code cell; null when it has not run.</summary>
    public int? ExecutionCount { get; set; }

    /// <summary>Fields nbrnn does not interpret, kept to be written back.</summary>
    internal JsonObject Extra { get; } = [];

    /// <summary>The cell's <c>tags</c> metadata.</summary>
    public IReadOnlyList<string> Tags =>
        Metadata["tags"] is JsonArray tags ? [.. tags.Select(t => (string?)t).OfType<string>()] : [];

    /// <summary>
    /// The language of a code cell as .NET Interactive records it (<c>polyglot_notebook.kernelName</c>, else
    /// <c>dotnet_interactive.language</c>), or null when the cell does not say.
    /// </summary>
    public string? KernelName =>
        (string?)Metadata["polyglot_notebook"]?["kernelName"] ?? (string?)Metadata["dotnet_interactive"]?["language"];

    /// <summary>Reads a cell from nbformat JSON.</summary>
    /// <exception cref="FormatException">The cell has no <c>cell_type</c>, or a field has the wrong type.</exception>
    public static NotebookCell FromJson(JsonObject json, int index)
    {
        string cellType = (string?)json["cell_type"] ?? throw new FormatException($"Cell {index + 1} has no cell_type.");
        var cell = new NotebookCell(cellType, MultilineText.Read(json["source"], $"The source of cell {index + 1}"),
            (JsonObject?)json["metadata"]?.DeepClone(), (string?)json["id"]);
        if (json["outputs"] is JsonArray outputs)
            cell.Outputs.AddRange(outputs.OfType<JsonObject>().Select(CellOutput.FromJson));
        cell.ExecutionCount = (int?)json["execution_count"];
        foreach (var (name, value) in json)
            if (!KnownFields.Contains(name)) cell.Extra[name] = value?.DeepClone();
        return cell;
    }

    /// <summary>The cell as nbformat 4.5 JSON.</summary>
    public JsonObject ToJson()
    {
        var json = new JsonObject { ["cell_type"] = CellType, ["id"] = Id, ["metadata"] = Metadata.DeepClone() };
        foreach (var (name, value) in Extra) json[name] = value?.DeepClone();
        json["source"] = MultilineText.Write(Source);
        if (IsCode)
        {
            json["execution_count"] = ExecutionCount;
            json["outputs"] = new JsonArray([.. Outputs.Select(o => (JsonNode)o.ToJson())]);
        }
        return json;
    }
}
