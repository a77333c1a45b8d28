using System.Text.Json.Nodes;

namespace NotebookRnn.Cli.Notebooks;

/// <summary>The exception that stopped a cell (nbformat <c>error</c> output).</summary>
/// <param name="name">The exception's type name (<c>ename</c>).</param>
/// <param name="value">The exception's message (<c>evalue</c>).</param>
/// <param name="traceback">Lines explaining where it happened.</param>
public sealed class ErrorOutput(string name, string value, IReadOnlyList<string> traceback) : CellOutput
{
    /// <summary>The exception's type name.</summary>
    public string Name { get; } = name;

    /// <summary>The exception's message.</summary>
    public string Value { get; } = value;

    /// <summary>Lines explaining where it happened.</summary>
    public IReadOnlyList<string> Traceback { get; } = traceback;

    /// <inheritdoc/>
    public override string OutputType => "error";

    /// <inheritdoc/>
    public override JsonObject ToJson() => new()
    {
        ["output_type"] = OutputType,
        ["ename"] = Name,
        ["evalue"] = Value,
        ["traceback"] = new JsonArray([.. Traceback.Select(line => JsonValue.Create(line))]),
    };
}
