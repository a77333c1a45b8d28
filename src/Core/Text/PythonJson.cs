using System.Globalization;
using System.Text;

namespace NotebookRnn.Text;

/// <summary>
/// Writes JSON exactly as Python's <c>json.dumps</c> does with its defaults, so that a file Keras wrote and the one
/// written here after loading it are the same bytes: <c>", "</c> and <c>": "</c> separators, and
/// <c>ensure_ascii</c>: every character outside printable ASCII as <c>\uxxxx</c> (lowercase hex, UTF-16 code units,
/// so astral characters become surrogate pairs, as Python writes them).
/// </summary>
internal static class PythonJson
{
    public const string Null = "null";

    /// <summary>A JSON string literal.</summary>
    public static string String(string value)
    {
        var json = new StringBuilder(value.Length + 2).Append('"');
        foreach (char c in value)
        {
            switch (c)
            {
                case '"': json.Append("\\\""); break;
                case '\\': json.Append("\\\\"); break;
                case '\n': json.Append("\\n"); break;
                case '\r': json.Append("\\r"); break;
                case '\t': json.Append("\\t"); break;
                case '\b': json.Append("\\b"); break;
                case '\f': json.Append("\\f"); break;
                default:
                    if (c is >= ' ' and <= '~') json.Append(c);
                    else json.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture));
                    break;
            }
        }
        return json.Append('"').ToString();
    }

    /// <summary>An integer, as Python prints it.</summary>
    public static string Int(int value) => value.ToString(CultureInfo.InvariantCulture);

    /// <summary><c>true</c> or <c>false</c>.</summary>
    public static string Bool(bool value) => value ? "true" : "false";

    /// <summary>An object of already-written values, members in the given order (keys are escaped here).</summary>
    public static string Object(IEnumerable<(string Key, string Value)> members) =>
        "{" + string.Join(", ", members.Select(m => String(m.Key) + ": " + m.Value)) + "}";
}
