namespace NotebookRnn.Tests.Text;

/// <summary>Finds files of the shared data folder that sits next to the repository (<c>../shared/data</c>).</summary>
internal static class SharedData
{
    /// <summary>
    /// The path of <c>shared/data/<paramref name="fileName"/></c> in the nearest directory above the test binaries
    /// that has one; throws (failing the test, never skipping it) when there is none.
    /// </summary>
    public static string PathOf(string fileName)
    {
        string relative = Path.Combine("shared", "data", fileName);
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            string candidate = Path.Combine(directory.FullName, relative);
            if (File.Exists(candidate)) return candidate;
        }
        throw new FileNotFoundException(
            $"Test data {relative} was not found in any directory above {AppContext.BaseDirectory}. It is expected in " +
            "the directory that holds both the repository and shared/ (e.g. /work/shared/data next to /work/main).",
            fileName);
    }
}
