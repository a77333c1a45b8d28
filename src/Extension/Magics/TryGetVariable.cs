namespace NotebookRnn.Notebook.Magics;

/// <summary>A lookup function in the shape of the kernel's <c>TryGetValue</c>: true and the value when the variable exists.</summary>
public delegate bool TryGetVariable(string name, out object? value);
