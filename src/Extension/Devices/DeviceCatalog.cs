using NotebookRnn.Devices;

namespace NotebookRnn.Notebook.Devices;

/// <summary>
/// The devices the extension offers: Core's <see cref="NotebookRnn.Devices.Devices.Available"/>, one CPU worker per logical
/// processor, <c>cpu:0</c> … <c>cpu:(n−1)</c>.
/// </summary>
internal static class DeviceCatalog
{
    /// <summary>The devices of this machine, in order.</summary>
    public static IReadOnlyList<string> Available() =>
        [.. NotebookRnn.Devices.Devices.Available.Select(d => d.Name)];

    /// <summary>
    /// Normalises a device name: <c>cpu:1</c>, <c>CPU:1</c> and keras-mxnet's <c>cpu(1)</c> all become <c>cpu:1</c>;
    /// GPUs parse the same way (<c>gpu(0)</c> → <c>gpu:0</c>). Returns null for anything else.
    /// </summary>
    public static string? Normalise(string name)
    {
        string text = name.Trim().ToLowerInvariant();
        foreach (string kind in new[] { "cpu", "gpu" })
        {
            if (!text.StartsWith(kind, StringComparison.Ordinal)) continue;
            string rest = text[kind.Length..];
            string? index = rest.StartsWith(':') ? rest[1..] : rest.StartsWith('(') && rest.EndsWith(')') ? rest[1..^1] : null;
            if (index is { Length: > 0 } && index.All(char.IsAsciiDigit) && int.TryParse(index, out int i)) return $"{kind}:{i}";
        }
        return null;
    }
}
