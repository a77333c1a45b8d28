using Microsoft.DotNet.Interactive.CSharp;
using NotebookRnn.Notebook.Magics;

namespace NotebookRnn.Notebook.Kernel;

/// <summary>The C# kernel's submission variables, which the magics name and the live view follows.</summary>
internal sealed class KernelVariables(CSharpKernel csharp) : IVariableLookup
{
    /// <inheritdoc/>
    public bool TryGetValue(string name, out object? value) => csharp.TryGetValue(name, out value);

    /// <summary>The latest value of every variable the cells have declared.</summary>
    public IEnumerable<object?> Values => csharp.ScriptState?.Variables.Select(v => v.Value) ?? [];
}
