using System.Text.Json.Nodes;

namespace NotebookRnn.Cli.Notebooks;

/// <summary>
/// One output of a code cell, as nbformat 4 stores it: <see cref="StreamOutput"/> (<c>stream</c>),
/// <see cref="DisplayOutput"/> (<c>display_data</c> and <c>execute_result</c>), <see cref="ErrorOutput"/> (<c>error</c>);
/// any other kind is kept as it was read (<see cref="RawOutput"/>).
/// </summary>
public abstract class CellOutput
{
    /// <summary>nbformat's <c>output_type</c>.</summary>
    public abstract string OutputType { get; }

    /// <summary>The output as nbformat JSON.</summary>
    public abstract JsonObject ToJson();

    /// <summary>Reads an output from nbformat JSON.</summary>
    /// <exception cref="FormatException">A required field is missing or of the wrong type.</exception>
    public static CellOutput FromJson(JsonObject json)
    {
        ArgumentNullException.ThrowIfNull(json);
        return (string?)json["output_type"] switch
        {
            "stream" => new StreamOutput((string?)json["name"] ?? "stdout", MultilineText.Read(json["text"], "A stream output's text")),
            "display_data" => DisplayOutput.FromJson(json, executionCount: null),
            "execute_result" => DisplayOutput.FromJson(json, (int?)json["execution_count"] ?? 0),
            "error" => new ErrorOutput((string?)json["ename"] ?? "", (string?)json["evalue"] ?? "",
                [.. (json["traceback"] as JsonArray ?? []).Select(line => (string?)line ?? "")]),
            _ => new RawOutput((JsonObject)json.DeepClone()),
        };
    }
}
