using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.DotNet.Interactive.Documents;

namespace NotebookRnn.Cli.Execution;

/// <summary>
/// Overrides values in a notebook's parameters cell, as papermill does: the cell tagged <c>parameters</c> declares
/// <c>var name = value;</c> lines (or <c>int name = …;</c>), and <c>--param name=value</c> replaces the value. When the
/// declared value is a string literal the new value is written as a string literal; otherwise it is inserted as C#
/// (a number, <c>true</c>, an expression).
/// </summary>
internal static partial class NotebookParameters
{
    /// <summary>The cells tagged <c>parameters</c>.</summary>
    public static IEnumerable<InteractiveDocumentElement> Cells(InteractiveDocument notebook) =>
        notebook.Elements.Where(c => c.KernelName != "markdown" && Tags(c).Contains("parameters"));

    /// <summary>The tags in a cell's metadata.</summary>
    public static IReadOnlyList<string> Tags(InteractiveDocumentElement cell) =>
        cell.Metadata?.TryGetValue("tags", out object? tags) != true ? [] : tags switch
        {
            JsonElement { ValueKind: JsonValueKind.Array } array => [.. array.EnumerateArray().Select(t => t.GetString() ?? "")],
            IEnumerable<object> items => [.. items.Select(t => t?.ToString() ?? "")],
            _ => [],
        };

    /// <summary>The names the parameters cells declare, in order.</summary>
    public static IReadOnlyList<string> Names(InteractiveDocument notebook) =>
        [.. Cells(notebook).SelectMany(c => Declarations().Matches(c.Contents)).Select(m => m.Groups["name"].Value).Distinct()];

    /// <summary>Replaces the declared values of the parameters in <paramref name="values"/> that the notebook declares.</summary>
    /// <returns>The names replaced.</returns>
    public static IReadOnlySet<string> Apply(InteractiveDocument notebook, IReadOnlyDictionary<string, string> values)
    {
        var applied = new HashSet<string>();
        foreach (InteractiveDocumentElement cell in Cells(notebook))
            cell.Contents = Declarations().Replace(cell.Contents, match =>
            {
                string name = match.Groups["name"].Value;
                if (!values.TryGetValue(name, out string? value)) return match.Value;
                applied.Add(name);
                string old = match.Groups["value"].Value;
                string code = IsStringLiteral(old) ? StringLiteral(value) : value;
                return match.Groups["head"].Value + code + match.Groups["tail"].Value;
            });
        return applied;
    }

    /// <summary><paramref name="text"/> as a C# string literal.</summary>
    public static string StringLiteral(string text)
    {
        var literal = new StringBuilder("\"");
        foreach (char c in text)
            literal.Append(c switch
            {
                '"' => "\\\"",
                '\\' => "\\\\",
                '\n' => "\\n",
                '\r' => "\\r",
                '\t' => "\\t",
                _ => c.ToString(),
            });
        return literal.Append('"').ToString();
    }

    private static bool IsStringLiteral(string value) =>
        value.StartsWith('"') || value.StartsWith("@\"", StringComparison.Ordinal) || value.StartsWith("$\"", StringComparison.Ordinal);

    // One declaration per line: `var name = value;` with an optional comment after the semicolon.
    [GeneratedRegex("""^(?<head>[ \t]*(?:const[ \t]+)?[A-Za-z_][\w<>\[\]?,.]*[ \t]+(?<name>[A-Za-z_]\w*)[ \t]*=[ \t]*)(?<value>.*?)(?<tail>[ \t]*;[ \t]*(?://.*)?)$""",
        RegexOptions.Multiline)]
    private static partial Regex Declarations();
}
