namespace NotebookRnn.Models;

/// <summary>Checks of <c>Compile</c>'s per-output arguments: one entry per output, by position or by output name.</summary>
internal static class CompileArguments
{
    /// <summary>Checks that a list has one entry per output.</summary>
    /// <exception cref="ArgumentException">It has another number; the message lists the outputs.</exception>
    public static void CheckCount(int count, IReadOnlyList<string> outputs, string argumentName)
    {
        if (count != outputs.Count)
            throw new ArgumentException(
                $"{argumentName} needs one entry per output ({outputs.Count}: {string.Join(", ", outputs)}), got {count}.", argumentName);
    }

    /// <summary>Checks loss weights: one per output, each finite and ≥ 0.</summary>
    /// <exception cref="ArgumentException">A count or a weight is wrong.</exception>
    public static void CheckWeights(IReadOnlyList<double> weights, IReadOnlyList<string> outputs, string argumentName)
    {
        CheckCount(weights.Count, outputs, argumentName);
        for (int k = 0; k < weights.Count; k++)
            if (!(double.IsFinite(weights[k]) && weights[k] >= 0))
                throw new ArgumentException($"{argumentName} of output '{outputs[k]}' must be finite and ≥ 0, got {weights[k]}.", argumentName);
    }

    /// <summary>The values of a dictionary keyed by output name, in output order; a missing output takes <paramref name="fallback"/> unless required.</summary>
    /// <exception cref="ArgumentException">A key is not an output's name, or a required output is missing.</exception>
    public static T[] ByName<T>(IReadOnlyDictionary<string, T> values, IReadOnlyList<string> outputs, string argumentName, bool required, T fallback)
    {
        ArgumentNullException.ThrowIfNull(values, argumentName);
        foreach (string key in values.Keys)
            if (!outputs.Contains(key))
                throw new ArgumentException($"{argumentName} names '{key}', which is not an output; the outputs are {string.Join(", ", outputs)}.", argumentName);
        return [.. outputs.Select(name => values.TryGetValue(name, out T? value) ? value!
            : required ? throw new ArgumentException($"{argumentName} has no entry for output '{name}'.", argumentName) : fallback)];
    }
}
