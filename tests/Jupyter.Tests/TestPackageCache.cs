namespace NotebookRnn.Jupyter.Tests;

/// <summary>
/// The NuGet package folder (<c>NUGET_PACKAGES</c>) the notebooks restore into when these tests run them, in Jupyter
/// and in nbrnn: <c>out/notebook-packages</c>, made by <c>scripts/notebook-packages.sh</c> (which says why: notebook 06
/// loads libtorch's shim from it, marked to load on Debian 12), never the user's <c>~/.nuget/packages</c>.
/// </summary>
internal static class TestPackageCache
{
    /// <summary>The package folder, kept between runs so that libtorch (about 1.3 GB extracted) is copied once.</summary>
    public static string Folder => Path.Combine(TestPaths.RepositoryRoot, "out", "notebook-packages");

    /// <summary>The environment of a notebook run: restores go to <see cref="Folder"/>.</summary>
    public static IReadOnlyDictionary<string, string> Environment => new Dictionary<string, string> { ["NUGET_PACKAGES"] = Folder };

    /// <summary>Runs <c>scripts/notebook-packages.sh</c>: TorchSharp-cpu restored into <see cref="Folder"/>, its shim marked to load.</summary>
    /// <returns>What the script printed.</returns>
    public static async Task<string> PrepareAsync()
    {
        Command prepare = await Command.RunAsync("bash", [Path.Combine(TestPaths.RepositoryRoot, "scripts", "notebook-packages.sh")],
            TimeSpan.FromMinutes(15), TestPaths.RepositoryRoot);
        if (prepare.ExitCode != 0 || !prepare.Output.Contains(Folder, StringComparison.Ordinal))
            throw new InvalidOperationException($"scripts/notebook-packages.sh failed: {prepare}");
        return prepare.Output;
    }
}
