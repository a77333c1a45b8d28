using System.Text.Json.Nodes;

namespace NotebookRnn.Cli.Notebooks;

/// <summary>
/// nbformat's <c>multiline_string</c>: a string, or a list of strings to be joined. Written as Jupyter writes it, one
/// list item per line, each keeping its <c>\n</c>.
/// </summary>
internal static class MultilineText
{
    /// <summary>The text of a string or a list of strings; empty for null.</summary>
    /// <exception cref="FormatException">The node is neither.</exception>
    public static string Read(JsonNode? node, string what) => node switch
    {
        null => "",
        JsonValue value when value.TryGetValue(out string? text) => text,
        JsonArray lines => string.Concat(lines.Select(line => line?.GetValue<string>() ?? "")),
        _ => throw new FormatException($"{what} must be a string or a list of strings, got {node.ToJsonString()}."),
    };

    /// <summary><paramref name="text"/> as a list of lines, each but the last ending in <c>\n</c>.</summary>
    public static JsonArray Write(string text)
    {
        var lines = new JsonArray();
        int start = 0;
        while (start < text.Length)
        {
            int end = text.IndexOf('\n', start);
            end = end < 0 ? text.Length : end + 1;
            lines.Add(text[start..end]);
            start = end;
        }
        return lines;
    }
}
