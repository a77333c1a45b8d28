using Microsoft.DotNet.Interactive.Commands;
using Microsoft.DotNet.Interactive.CSharp;
using NotebookRnn.Models;

namespace NotebookRnn.Notebook.Kernel;

/// <summary>
/// The namespaces of NotebookRnn.Core's public types (<c>NotebookRnn.Layers</c>, <c>NotebookRnn.Models</c>, …), which a
/// notebook gets without writing a <c>using</c>, as a project that references the package gets them from its
/// <c>buildTransitive/NotebookRnn.props</c>.
/// </summary>
public static class CoreNamespaces
{
    /// <summary>Every namespace holding a public type of NotebookRnn.Core, in ordinal order.</summary>
    public static IReadOnlyList<string> All { get; } = typeof(Sequential).Assembly.GetExportedTypes()
        .Select(t => t.Namespace!).Distinct().Order(StringComparer.Ordinal).ToArray();

    /// <summary>The <c>using</c> directives of <see cref="All"/>, one per line.</summary>
    public static string UsingDirectives => string.Join("\n", All.Select(n => $"using {n};"));

    /// <summary>
    /// Imports <see cref="All"/> into <paramref name="csharp"/>: the directives run before the next cell, as the kernel
    /// runs its own default usings, so they are in scope in that cell and every later one.
    /// </summary>
    public static void ImportInto(CSharpKernel csharp) => csharp.DeferCommand(new SubmitCode(UsingDirectives));
}
