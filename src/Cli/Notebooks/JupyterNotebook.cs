using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace NotebookRnn.Cli.Notebooks;

/// <summary>
/// A Jupyter notebook in nbformat 4: notebook metadata (kept as read, e.g. the kernelspec .NET Interactive writes),
/// and its cells. Written as nbformat 4.5 (cell ids), indented by one space as Jupyter writes it.
/// </summary>
public sealed class JupyterNotebook
{
    /// <summary>The minor format written: 5 is the first with cell ids.</summary>
    public const int WrittenMinorFormat = 5;

    private static readonly JsonSerializerOptions WriteOptions = new()
    {
        WriteIndented = true,
        IndentSize = 1,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    /// <summary>Creates a notebook.</summary>
    /// <param name="cells">Its cells.</param>
    /// <param name="metadata">Notebook metadata; default empty.</param>
    public JupyterNotebook(IEnumerable<NotebookCell> cells, JsonObject? metadata = null)
    {
        Cells = [.. cells];
        Metadata = metadata ?? [];
    }

    /// <summary>Notebook metadata: kernelspec, language_info, polyglot_notebook and anything else, as read.</summary>
    public JsonObject Metadata { get; }

    /// <summary>The cells, in order.</summary>
    public List<NotebookCell> Cells { get; }

    /// <summary>Parses nbformat 4 JSON.</summary>
    /// <param name="json">The notebook file's text.</param>
    /// <param name="source">Where it came from, for error messages.</param>
    /// <exception cref="FormatException">Not JSON, not nbformat 4, or a cell is malformed; the message names <paramref name="source"/>.</exception>
    public static JupyterNotebook Parse(string json, string source = "<notebook>")
    {
        JsonObject root;
        try
        {
            root = JsonNode.Parse(json) as JsonObject ?? throw new FormatException("the top level is not a JSON object");
        }
        catch (JsonException error)
        {
            throw new FormatException($"{source} is not valid JSON: {error.Message}", error);
        }
        int format = (int?)root["nbformat"] ?? 0;
        if (format != 4) throw new FormatException($"{source} is nbformat {format}; nbrnn reads nbformat 4.");
        var cells = root["cells"] as JsonArray ?? throw new FormatException($"{source} has no cells array.");
        try
        {
            return new JupyterNotebook(cells.Select((c, i) => NotebookCell.FromJson(c as JsonObject
                ?? throw new FormatException($"Cell {i + 1} is not an object."), i)), (JsonObject?)root["metadata"]?.DeepClone());
        }
        catch (Exception error) when (error is FormatException or InvalidOperationException)
        {
            throw new FormatException($"{source}: {error.Message}", error);
        }
    }

    /// <summary>Reads a notebook file.</summary>
    /// <exception cref="FormatException">See <see cref="Parse"/>.</exception>
    public static JupyterNotebook Read(string path) => Parse(File.ReadAllText(path), path);

    /// <summary>The notebook as nbformat 4.5 JSON, ending with a newline.</summary>
    public string ToJson()
    {
        var root = new JsonObject
        {
            ["cells"] = new JsonArray([.. Cells.Select(c => (JsonNode)c.ToJson())]),
            ["metadata"] = Metadata.DeepClone(),
            ["nbformat"] = 4,
            ["nbformat_minor"] = WrittenMinorFormat,
        };
        return root.ToJsonString(WriteOptions) + "\n";
    }

    /// <summary>Writes <see cref="ToJson"/> to <paramref name="path"/>, creating its folder.</summary>
    public void Write(string path)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        File.WriteAllText(path, ToJson());
    }
}
