using System.Text.Json.Nodes;

namespace NotebookRnn.Cli.Notebooks;

/// <summary>An output of a kind nbrnn does not produce, kept exactly as it was read.</summary>
/// <param name="json">The output's JSON.</param>
public sealed class RawOutput(JsonObject json) : CellOutput
{
    private readonly JsonObject _json = json;

    /// <inheritdoc/>
    public override string OutputType => (string?)_json["output_type"] ?? "";

    /// <inheritdoc/>
    public override JsonObject ToJson() => (JsonObject)_json.DeepClone();
}
