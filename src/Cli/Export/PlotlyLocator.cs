namespace NotebookRnn.Cli.Export;

/// <summary>
/// Finds a local plotly.js to embed in HTML pages: the file given with <c>--plotly</c>, else the npm copy that
/// <c>scripts/setup-browser.sh</c> installs under <c>tests/Browser.Tests/web/node_modules</c> of the repository holding
/// the notebooks (or this build).
/// </summary>
internal static class PlotlyLocator
{
    /// <summary>Where the setup script installs plotly.js, relative to the repository root.</summary>
    public static readonly string NpmCopy = Path.Combine("tests", "Browser.Tests", "web", "node_modules", "plotly.js-dist-min", "plotly.min.js");

    /// <summary>The npm copy in a parent folder of any of <paramref name="startFolders"/>, or null.</summary>
    public static string? Find(IEnumerable<string> startFolders)
    {
        foreach (string start in startFolders)
            for (DirectoryInfo? folder = new(Path.GetFullPath(start)); folder is not null; folder = folder.Parent)
            {
                string candidate = Path.Combine(folder.FullName, NpmCopy);
                if (File.Exists(candidate)) return candidate;
            }
        return null;
    }
}
