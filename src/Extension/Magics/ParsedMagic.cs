using System.Globalization;

namespace NotebookRnn.Notebook.Magics;

/// <summary>A parsed command line: the magic, and its options by name (the implicit parameter under its own name).</summary>
internal sealed class ParsedMagic(MagicInfo info, IReadOnlyDictionary<string, string> options)
{
    /// <summary>The command.</summary>
    public MagicInfo Info { get; } = info;

    /// <summary>Option values by name (<c>--max-len</c> → <c>auto</c>).</summary>
    public IReadOnlyDictionary<string, string> Options { get; } = options;

    /// <summary>Whether the option was given.</summary>
    public bool Has(string option) => Options.ContainsKey(option);

    /// <summary>The option's text, or null.</summary>
    public string? Text(string option) => Options.GetValueOrDefault(option);

    /// <summary>The option as an integer ≥ <paramref name="minimum"/>, or null when not given.</summary>
    /// <exception cref="MagicError">Not an integer, or below the minimum.</exception>
    public int? Integer(string option, int minimum)
    {
        if (Text(option) is not { } text) return null;
        if (!int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out int value))
            throw new MagicError($"{option} must be an integer, got '{text}'");
        if (value < minimum) throw new MagicError($"{option} must be ≥ {minimum}, got {value}");
        return value;
    }

    /// <summary>The option as one of <paramref name="choices"/> (case-insensitive), or null when not given.</summary>
    /// <exception cref="MagicError">Not one of the choices.</exception>
    public string? Choice(string option, params string[] choices)
    {
        if (Text(option) is not { } text) return null;
        string key = text.ToLowerInvariant();
        return choices.Contains(key) ? key : throw new MagicError($"{option} must be {string.Join(" or ", choices)}, got '{text}'");
    }
}
