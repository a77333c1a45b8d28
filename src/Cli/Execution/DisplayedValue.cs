namespace NotebookRnn.Cli.Execution;

/// <summary>An output shown by <see cref="ScriptGlobals.display"/>, which can be replaced in place, like the kernel's <c>DisplayedValue</c>.</summary>
public sealed class DisplayedValue
{
    private readonly Action<object?> _update;

    internal DisplayedValue(Action<object?> update) => _update = update;

    /// <summary>Replaces the output with <paramref name="value"/>, rendered as <c>display</c> renders it.</summary>
    public void Update(object? value) => _update(value);
}
