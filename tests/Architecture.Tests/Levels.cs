namespace NotebookRnn.Architecture.Tests;

/// <summary>
/// The order of NotebookRnn's layers (DESIGN.md): Kernels ← Tensors ← Layers ← Data ← Devices ← Training ← Models.
/// A namespace may use its own level and the ones below it, never one above. Each level lists the namespaces
/// (folders of src/Core, and the Kernels assembly) it holds; a sub-namespace belongs to its folder's level.
/// </summary>
internal static class Levels
{
    /// <summary>Level number → its name and the top-level folders in it, lowest first.</summary>
    public static readonly (string Name, string[] Folders)[] Order =
    [
        ("Kernels", ["Kernels"]),
        ("Tensors", ["Tensors", "Files"]),
        ("Layers", ["Constraints", "Initializers", "Layers", "Losses", "Metrics", "Optimizers", "Regularizers"]),
        ("Data", ["Data", "Sequences", "Text", "Datasets"]),
        ("Devices", ["Devices", "Distributed"]),
        ("Training", ["Training"]),
        ("Models", ["Models", "Persistence"]),
    ];

    /// <summary>The folder a NotebookRnn namespace stands for: <c>NotebookRnn.Layers.Recurrent</c> → <c>Layers</c>.</summary>
    public static string? FolderOf(string? ns)
    {
        if (ns is null || !ns.StartsWith("NotebookRnn.", StringComparison.Ordinal)) return null;
        string rest = ns["NotebookRnn.".Length..];
        int dot = rest.IndexOf('.');
        return dot < 0 ? rest : rest[..dot];
    }

    /// <summary>The level of a folder, or -1 when it is in none (a new folder must be placed in <see cref="Order"/>).</summary>
    public static int Of(string folder) => Array.FindIndex(Order, level => level.Folders.Contains(folder));
}
