namespace NotebookRnn.Notebook.Magics;

/// <summary>Finds the value of a notebook variable by name (the kernel's submission variables).</summary>
public interface IVariableLookup
{
    /// <summary>Looks up <paramref name="name"/>; false when no such variable exists.</summary>
    bool TryGetValue(string name, out object? value);
}
