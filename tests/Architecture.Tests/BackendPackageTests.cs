using System.Reflection;
using NotebookRnn.TorchSharp;

namespace NotebookRnn.Architecture.Tests;

/// <summary>
/// The libtorch backend sits beside the notebook extension (DESIGN.md): it knows Core; Core, the kernels and the
/// extension know nothing of it or of TorchSharp, so NotebookRnn keeps no native dependency.
/// </summary>
public class BackendPackageTests
{
    private static readonly Assembly Torch = typeof(TorchBackend).Assembly;

    [Theory]
    [InlineData("NotebookRnn.Kernels")]
    [InlineData("NotebookRnn.Core")]
    [InlineData("NotebookRnn.Extension")]
    public void Our_other_assemblies_reference_neither_the_backend_nor_torchsharp(string assembly)
    {
        string[] references = [.. Assembly.Load(assembly).GetReferencedAssemblies().Select(a => a.Name!)];
        Assert.DoesNotContain(references, r => r.StartsWith("NotebookRnn.TorchSharp", StringComparison.Ordinal) || r.StartsWith("TorchSharp", StringComparison.Ordinal));
    }

    [Fact]
    public void The_backend_knows_core_and_torchsharp_and_nothing_of_notebooks()
    {
        string[] references = [.. Torch.GetReferencedAssemblies().Select(a => a.Name!)];
        Assert.Contains("NotebookRnn.Core", references);
        Assert.Contains("TorchSharp", references);
        Assert.DoesNotContain(references, r => r is "NotebookRnn.Extension" or "NotebookRnn.Cli" || r.StartsWith("Microsoft.DotNet.Interactive", StringComparison.Ordinal));
    }

    [Fact]
    public void Every_backend_type_lives_under_the_backend_namespace()
    {
        Assert.Empty(Torch.GetTypes().Where(t => t.DeclaringType is null && !t.Name.StartsWith('<')
                                                 && !(t.Namespace ?? "").StartsWith("NotebookRnn.TorchSharp", StringComparison.Ordinal)).Select(t => t.FullName));
    }
}
