using System.Text;

namespace NotebookRnn.Notebook.Magics;

/// <summary>
/// Splits a magic command line into words (double quotes group words) and binds them to the command's parameters:
/// <c>--name value</c> or <c>--name=value</c>, and one bare word for the implicit parameter.
/// </summary>
internal static class MagicCommandLine
{
    /// <summary>The words of <paramref name="line"/>; a double-quoted part keeps its spaces.</summary>
    /// <exception cref="MagicError">A quote is not closed.</exception>
    public static IReadOnlyList<string> Split(string line)
    {
        var words = new List<string>();
        var word = new StringBuilder();
        bool quoted = false, inWord = false;
        foreach (char c in line)
        {
            if (c == '"') { quoted = !quoted; inWord = true; continue; }
            if (char.IsWhiteSpace(c) && !quoted)
            {
                if (inWord) words.Add(word.ToString());
                word.Clear();
                inWord = false;
                continue;
            }
            word.Append(c);
            inWord = true;
        }
        if (quoted) throw new MagicError("a double quote is not closed");
        if (inWord) words.Add(word.ToString());
        return words;
    }

    /// <summary>Binds the words after the magic's name to its parameters.</summary>
    /// <exception cref="MagicError">Unknown option, option given twice or without value, extra argument, or a required one missing.</exception>
    public static ParsedMagic Bind(MagicInfo info, IReadOnlyList<string> arguments)
    {
        var options = new Dictionary<string, string>();
        MagicParameter? implicitParameter = info.Parameters.FirstOrDefault(p => p.Implicit);
        for (int i = 0; i < arguments.Count; i++)
        {
            string word = arguments[i];
            string name, value;
            if (word.StartsWith("--", StringComparison.Ordinal))
            {
                int equals = word.IndexOf('=');
                name = equals < 0 ? word : word[..equals];
                if (info.Parameters.All(p => p.Name != name))
                    throw new MagicError($"unknown option '{name}'");
                if (equals >= 0) value = word[(equals + 1)..];
                else if (i + 1 < arguments.Count && !arguments[i + 1].StartsWith("--", StringComparison.Ordinal)) value = arguments[++i];
                else throw new MagicError($"{name} needs a value");
            }
            else
            {
                if (implicitParameter is null || options.ContainsKey(implicitParameter.Name))
                    throw new MagicError($"unexpected argument '{word}'");
                (name, value) = (implicitParameter.Name, word);
            }
            if (!options.TryAdd(name, value)) throw new MagicError($"{name} is given twice");
        }
        MagicParameter? missing = info.Parameters.FirstOrDefault(p => p.Required && !options.ContainsKey(p.Name));
        if (missing is not null) throw new MagicError($"<{missing.Name[2..]}> is missing");
        return new ParsedMagic(info, options);
    }
}
