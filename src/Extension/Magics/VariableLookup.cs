namespace NotebookRnn.Notebook.Magics;

/// <summary>An <see cref="IVariableLookup"/> from a function or a dictionary.</summary>
public sealed class VariableLookup : IVariableLookup
{
    private readonly TryGetVariable _tryGet;

    /// <summary>Wraps a lookup function, e.g. the C# kernel's <c>TryGetValue&lt;object&gt;</c>.</summary>
    public VariableLookup(TryGetVariable tryGet)
    {
        ArgumentNullException.ThrowIfNull(tryGet);
        _tryGet = tryGet;
    }

    /// <summary>A lookup over fixed values (tests, the headless runner).</summary>
    public static VariableLookup FromDictionary(IReadOnlyDictionary<string, object?> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        return new VariableLookup((string name, out object? value) => values.TryGetValue(name, out value));
    }

    /// <inheritdoc/>
    public bool TryGetValue(string name, out object? value) => _tryGet(name, out value);
}
