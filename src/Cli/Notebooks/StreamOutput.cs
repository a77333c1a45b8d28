using System.Text.Json.Nodes;

namespace NotebookRnn.Cli.Notebooks;

/// <summary>Text a cell wrote to <c>stdout</c> or <c>stderr</c> (nbformat <c>stream</c> output).</summary>
/// <param name="name"><c>stdout</c> or <c>stderr</c>.</param>
/// <param name="text">The text written.</param>
public sealed class StreamOutput(string name, string text) : CellOutput
{
    /// <summary><c>stdout</c> or <c>stderr</c>.</summary>
    public string Name { get; } = name;

    /// <summary>The text written.</summary>
    public string Text { get; } = text;

    /// <inheritdoc/>
    public override string OutputType => "stream";

    /// <inheritdoc/>
    public override JsonObject ToJson() => new()
    {
        ["output_type"] = OutputType,
        ["name"] = Name,
        ["text"] = MultilineText.Write(Text),
    };
}
