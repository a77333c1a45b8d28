using System.Reflection;
using NotebookRnn.Kernels;
using NotebookRnn.Models;

namespace NotebookRnn.Architecture.Tests;

/// <summary>
/// The arrows of DESIGN.md, checked on the compiled assemblies: every type reference of Core and Kernels (signatures
/// and method bodies) points to its own level or one below it, the folders form no cycle, and Core knows no notebook.
/// </summary>
public class CoreLayeringTests
{
    private static readonly Assembly Core = typeof(Sequential).Assembly;
    private static readonly Assembly Kernels = typeof(Gemm).Assembly;

    // Every reference from one of our folders to another: (from folder, to folder, from type, where, to type).
    private static readonly List<(string From, string To, Type Source, string Where, Type Target)> FolderReferences =
        [.. References()];

    private static IEnumerable<(string, string, Type, string, Type)> References()
    {
        foreach (Type type in Core.GetTypes().Concat(Kernels.GetTypes()))
        {
            string? from = Levels.FolderOf(OuterNamespace(type));
            if (from is null) continue;
            foreach ((Type target, string where) in TypeReferences.Of(type))
            {
                if (target.Assembly != Core && target.Assembly != Kernels) continue;
                string? to = Levels.FolderOf(OuterNamespace(target));
                if (to is not null && to != from) yield return (from, to, type, where, target);
            }
        }
    }

    // Nested and compiler-generated types (closures, iterators) count as the type that declares them.
    private static string? OuterNamespace(Type type)
    {
        while (type.DeclaringType is { } outer) type = outer;
        return type.Namespace;
    }

    [Fact]
    public void Every_folder_of_core_and_the_kernels_has_a_level()
    {
        var folders = Core.GetTypes().Concat(Kernels.GetTypes()).Select(t => Levels.FolderOf(OuterNamespace(t)))
            .OfType<string>().Distinct();
        string[] unplaced = [.. folders.Where(f => Levels.Of(f) < 0)];
        Assert.Empty(unplaced);
    }

    [Fact]
    public void Core_types_live_in_the_namespace_of_their_folder_never_in_the_root_namespace()
    {
        Assert.Empty(Core.GetTypes().Where(t => t.DeclaringType is null && t.Namespace is "NotebookRnn" or null
                                                && !t.Name.StartsWith('<')).Select(t => t.FullName));
    }

    [Fact]
    public void No_reference_runs_up_the_order_kernels_tensors_layers_data_devices_training_models()
    {
        var upward = FolderReferences.Where(r => Levels.Of(r.To) > Levels.Of(r.From))
            .Select(r => $"{r.Source.FullName} ({r.Where}) → {r.Target.FullName}: " +
                         $"{r.From} ({Levels.Order[Levels.Of(r.From)].Name}) may not use {r.To} ({Levels.Order[Levels.Of(r.To)].Name})")
            .Distinct().Order(StringComparer.Ordinal).ToList();
        Assert.True(upward.Count == 0, "References up the order:\n" + string.Join("\n", upward));
    }

    [Fact]
    public void The_folders_form_no_cycle_even_inside_one_level()
    {
        var uses = FolderReferences.GroupBy(r => r.From).ToDictionary(g => g.Key, g => g.Select(r => r.To).ToHashSet());
        var cycles = uses.Keys.Select(start => CycleThrough(start, uses)).OfType<string>().Distinct().Order(StringComparer.Ordinal).ToList();
        var edges = FolderReferences.Where(r => cycles.Any(c => c.Contains($"{r.From} → {r.To}", StringComparison.Ordinal)))
            .Select(r => $"{r.Source.FullName} ({r.Where}) → {r.Target.FullName}").Distinct().Order(StringComparer.Ordinal);
        Assert.True(cycles.Count == 0, $"Folder cycles: {string.Join("; ", cycles)}. Their references:\n" + string.Join("\n", edges));
    }

    [Fact]
    public void Kernels_reference_no_assembly_of_ours()
    {
        string[] ours = [.. Kernels.GetReferencedAssemblies().Select(a => a.Name!).Where(n => n.StartsWith("NotebookRnn", StringComparison.Ordinal))];
        Assert.Empty(ours);
    }

    [Fact]
    public void Core_references_nothing_notebook_related()
    {
        string[] notebookAssemblies = ["NotebookRnn.Extension", "NotebookRnn.Cli", "Microsoft.DotNet.Interactive", "Markdig", "Spectre.Console", "System.CommandLine"];
        var references = Core.GetReferencedAssemblies().Select(a => a.Name!).ToList();
        Assert.Contains("NotebookRnn.Kernels", references);
        string[] notebookRelated = [.. references.Where(r => notebookAssemblies.Any(n => r.StartsWith(n, StringComparison.Ordinal)))];
        Assert.Empty(notebookRelated);
    }

    // A path start → … → start over the folder graph, written "A → B → A", or null when there is none.
    private static string? CycleThrough(string start, Dictionary<string, HashSet<string>> uses)
    {
        var path = new List<string> { start };
        var seen = new HashSet<string>();
        return Walk(start);

        string? Walk(string folder)
        {
            foreach (string next in uses.GetValueOrDefault(folder) ?? [])
            {
                if (next == start) return string.Join(" → ", path.Append(start));
                if (!seen.Add(next)) continue;
                path.Add(next);
                if (Walk(next) is { } cycle) return cycle;
                path.RemoveAt(path.Count - 1);
            }
            return null;
        }
    }
}
