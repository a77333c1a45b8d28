using System.Reflection;

namespace NotebookRnn.Notebook.Kernel.Tests;

/// <summary>Paths baked into the test assembly at build time.</summary>
internal static class TestPaths
{
    /// <summary>The extension's project file, which the tests pack.</summary>
    public static string ExtensionProject => Metadata("ExtensionProject");

    /// <summary>The configuration the tests were built in (Debug or Release).</summary>
    public static string Configuration => Metadata("Configuration");

    private static string Metadata(string key) =>
        typeof(TestPaths).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == key).Value!;
}
