using System.Text;

namespace NotebookRnn.Tensors;

/// <summary>Keras-style names: snake case from .NET type names, and string keys for closed choices.</summary>
internal static class Naming
{
    /// <summary><c>SimpleRNN</c> → <c>simple_rnn</c>, <c>LSTM</c> → <c>lstm</c>, <c>TimeDistributed</c> → <c>time_distributed</c>.</summary>
    public static string SnakeCase(string typeName)
    {
        var text = new StringBuilder();
        for (int i = 0; i < typeName.Length; i++)
        {
            char c = typeName[i];
            bool boundary = char.IsUpper(c) && i > 0 &&
                (char.IsLower(typeName[i - 1]) || (i + 1 < typeName.Length && char.IsLower(typeName[i + 1])));
            if (boundary) text.Append('_');
            text.Append(char.ToLowerInvariant(c));
        }
        return text.ToString();
    }

    /// <summary>Normalises a user string for lookup: lower case, no underscores, dashes or spaces.</summary>
    public static string Key(string name) =>
        new(name.Where(c => c is not ('_' or '-' or ' ')).Select(char.ToLowerInvariant).ToArray());
}
