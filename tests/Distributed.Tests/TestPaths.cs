using System.Reflection;

namespace NotebookRnn.Distributed.Tests;

/// <summary>Paths of the repository these tests were built in.</summary>
internal static class TestPaths
{
    public static string RepositoryRoot => Metadata("RepositoryRoot");

    public static string Configuration => Metadata("Configuration");

    /// <summary>samples/Distributed as built for these tests.</summary>
    public static string SampleAssembly => Path.Combine(RepositoryRoot, "samples", "Distributed", "bin", Configuration, "net10.0", "Distributed.dll");

    /// <summary>A new empty folder under the repository's out/ (gitignored), for one test's files.</summary>
    public static string NewOutputFolder(string name)
    {
        string folder = Path.Combine(RepositoryRoot, "out", "distributed-tests", name);
        if (Directory.Exists(folder)) Directory.Delete(folder, recursive: true);
        return Directory.CreateDirectory(folder).FullName;
    }

    private static string Metadata(string key) =>
        typeof(TestPaths).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == key).Value!;
}
