using System.Globalization;

namespace NotebookRnn.Samples;

/// <summary>
/// A sample's command line: <c>--name value</c> pairs, each name one the sample knows. Every error names the option and
/// ends with the sample's usage line. Linked into each sample (samples/*/*.csproj), which stays one folder to copy.
/// </summary>
internal sealed class NamedArguments
{
    private readonly Dictionary<string, string> _values = [];
    private readonly string _usage;

    /// <exception cref="ArgumentException">An argument is not a pair, or a name is not one of <paramref name="names"/>.</exception>
    public NamedArguments(string[] args, IEnumerable<string> names, string usage)
    {
        _usage = usage;
        for (int i = 0; i < args.Length; i += 2)
        {
            if (!args[i].StartsWith("--", StringComparison.Ordinal) || i + 1 >= args.Length)
                throw new ArgumentException($"Expected '--name value' pairs, got '{string.Join(' ', args)}'.\n{usage}");
            _values[args[i][2..]] = args[i + 1];
        }
        string[] unknown = [.. _values.Keys.Except(names)];
        if (unknown.Length > 0) throw new ArgumentException($"Unknown option --{unknown[0]}.\n{usage}");
    }

    /// <summary>The option's text, or null when it is not given.</summary>
    public string? Text(string name) => _values.GetValueOrDefault(name);

    /// <exception cref="ArgumentException">The option is not given.</exception>
    public string Required(string name) => Text(name) ?? throw new ArgumentException($"--{name} is required.\n{_usage}");

    /// <summary>The option as a whole number ≥ 0, or <paramref name="fallback"/> when it is not given.</summary>
    /// <exception cref="ArgumentException">It is not a whole number ≥ 0.</exception>
    public int Int(string name, int fallback) =>
        Text(name) is not string text ? fallback
        : int.TryParse(text, CultureInfo.InvariantCulture, out int value) && value >= 0 ? value
        : throw new ArgumentException($"--{name} expects a whole number ≥ 0, got '{text}'.\n{_usage}");

    /// <summary>The option as a number in [<paramref name="min"/>, <paramref name="max"/>], or null when it is not given.</summary>
    /// <exception cref="ArgumentException">It is not such a number.</exception>
    public double? Number(string name, double min = double.MinValue, double max = double.MaxValue) =>
        Text(name) is not string text ? null
        : double.TryParse(text, CultureInfo.InvariantCulture, out double value) && value >= min && value <= max ? value
        : throw new ArgumentException($"--{name} expects a number in [{min}, {max}], got '{text}'.\n{_usage}");
}
