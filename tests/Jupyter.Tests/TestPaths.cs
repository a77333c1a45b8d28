using System.Reflection;

namespace NotebookRnn.Jupyter.Tests;

/// <summary>Paths of the repository these tests were built in.</summary>
internal static class TestPaths
{
    public static string RepositoryRoot => Metadata("RepositoryRoot");

    public static string Configuration => Metadata("Configuration");

    public static string Notebooks => Path.Combine(RepositoryRoot, "notebooks");

    /// <summary>Where scripts/setup-notebooks.sh packs the package, with the version of its last pack in <c>latest-version</c>.</summary>
    public static string Packages => Path.Combine(RepositoryRoot, "out", "packages");

    /// <summary>The extension assembly of this build, which the kernel must have loaded.</summary>
    public static string ExtensionAssembly => Path.Combine(RepositoryRoot, "src", "Extension", "bin", Configuration, "net8.0", "NotebookRnn.Extension.dll");

    /// <summary>The libtorch backend assembly of this build, which notebook 06 must have loaded.</summary>
    public static string TorchBackendAssembly => Path.Combine(RepositoryRoot, "src", "TorchSharp", "bin", Configuration, "net8.0", "NotebookRnn.TorchSharp.dll");

    /// <summary>nbrnn as built for these tests.</summary>
    public static string NbrnnAssembly => Path.Combine(RepositoryRoot, "src", "Cli", "bin", Configuration, "net10.0", "nbrnn.dll");

    /// <summary>plotly.js and require.js from npm (scripts/setup-browser.sh), served for their CDN addresses.</summary>
    public static string NodeModules => Path.Combine(RepositoryRoot, "tests", "Browser.Tests", "web", "node_modules");

    /// <summary>A folder under the repository's out/ (gitignored), emptied.</summary>
    public static string NewOutputFolder(string name)
    {
        string folder = Path.Combine(RepositoryRoot, "out", name);
        if (Directory.Exists(folder)) Directory.Delete(folder, recursive: true);
        return Directory.CreateDirectory(folder).FullName;
    }

    private static string Metadata(string key) =>
        typeof(TestPaths).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == key).Value!;
}
