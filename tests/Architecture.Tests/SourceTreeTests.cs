using System.Reflection;

namespace NotebookRnn.Architecture.Tests;

/// <summary>Checks that read the source tree: the size budget of a file (STYLE.md: small files, one concept each).</summary>
public class SourceTreeTests
{
    private const int MaxLines = 400;

    private static readonly string Root = typeof(SourceTreeTests).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
        .Single(a => a.Key == "RepositoryRoot").Value!;

    // Kernel loops may be long when they say why (STYLE.md rule 6); every other source file keeps the budget.
    private static IEnumerable<string> SourceFiles() =>
        Directory.EnumerateFiles(Path.Combine(Root, "src"), "*.cs", SearchOption.AllDirectories)
            .Where(path => !Path.GetRelativePath(Root, path).Split(Path.DirectorySeparatorChar).Any(part => part is "bin" or "obj"))
            .Where(path => !Path.GetRelativePath(Root, path).StartsWith(Path.Combine("src", "Kernels"), StringComparison.Ordinal));

    [Fact]
    public void The_tree_has_source_files_to_check()
    {
        Assert.Contains(SourceFiles(), path => path.EndsWith(Path.Combine("Models", "Sequential.cs"), StringComparison.Ordinal));
        Assert.DoesNotContain(SourceFiles(), path => path.Contains(Path.Combine("src", "Kernels"), StringComparison.Ordinal));
    }

    [Fact]
    public void No_source_file_outside_the_kernels_is_over_400_lines()
    {
        var tooLong = SourceFiles().Select(path => (Path: Path.GetRelativePath(Root, path), Lines: File.ReadLines(path).Count()))
            .Where(f => f.Lines > MaxLines).Select(f => $"{f.Path}: {f.Lines} lines");
        Assert.Empty(tooLong);
    }

    [Fact]
    public void Sequential_is_under_400_lines_in_all_its_parts()
    {
        var parts = Directory.EnumerateFiles(Path.Combine(Root, "src", "Core", "Models"), "Sequential*.cs").ToList();
        Assert.NotEmpty(parts);
        Assert.InRange(parts.Sum(p => File.ReadLines(p).Count()), 1, MaxLines - 1);
    }
}
