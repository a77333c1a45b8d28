using System.Reflection;

namespace NotebookRnn.Cli.Tests;

/// <summary>Paths of the repository these tests were built in.</summary>
internal static class TestPaths
{
    public static string RepositoryRoot => Metadata("RepositoryRoot");

    public static string Configuration => Metadata("Configuration");

    public static string Fixtures => Path.Combine(RepositoryRoot, "tests", "Cli.Tests", "Fixtures");

    public static string Notebooks => Path.Combine(RepositoryRoot, "notebooks");

    /// <summary>The corpora CI keeps beside the repository (<c>../shared/data</c>).</summary>
    public static string SharedData => Path.GetFullPath(Path.Combine(RepositoryRoot, "..", "shared", "data"));

    /// <summary>nbrnn as built for these tests.</summary>
    public static string NbrnnAssembly => Path.Combine(RepositoryRoot, "src", "Cli", "bin", Configuration, "net10.0", "nbrnn.dll");

    /// <summary>A new empty folder under the repository's out/ (gitignored), for one test's files.</summary>
    public static string NewOutputFolder(string name)
    {
        string folder = Path.Combine(RepositoryRoot, "out", "cli-tests", name);
        if (Directory.Exists(folder)) Directory.Delete(folder, recursive: true);
        return OutputFolder(name);
    }

    /// <summary>A folder under the repository's out/cli-tests, created when missing and kept as it is otherwise.</summary>
    public static string OutputFolder(string name) =>
        Directory.CreateDirectory(Path.Combine(RepositoryRoot, "out", "cli-tests", name)).FullName;

    private static string Metadata(string key) =>
        typeof(TestPaths).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == key).Value!;
}
