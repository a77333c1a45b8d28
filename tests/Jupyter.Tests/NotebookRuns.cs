namespace NotebookRnn.Jupyter.Tests;

/// <summary>
/// Runs every teaching notebook once per test run, at its default parameters: executed by Jupyter with the real kernel
/// (<c>jupyter nbconvert --execute</c>, no <c>--allow-errors</c>) and turned into an HTML page (<c>nbconvert --to
/// html</c>) in <c>out/jupyter</c>; then all of them by nbrnn, as its own process, in <c>out/jupyter-nbrnn</c>. One
/// after the other, so that the notebooks' timings do not compete. Both restore into the tests' own package folder
/// (<see cref="TestPackageCache"/>), prepared first. <c>NOTEBOOKRNN_NOTEBOOKS=06-backends,…</c> runs only those
/// notebooks (select their tests with <c>--filter "DisplayName~06-backends"</c>).
/// </summary>
public sealed class NotebookRuns : IAsyncLifetime
{
    private static readonly TimeSpan NotebookTimeout = TimeSpan.FromMinutes(20);

    /// <summary>The teaching notebooks, by name without extension (those named in NOTEBOOKRNN_NOTEBOOKS, when it is set).</summary>
    public static IReadOnlyList<string> Names =>
        [.. Directory.GetFiles(TestPaths.Notebooks, "*.ipynb").Select(Path.GetFileNameWithoutExtension).Where(Selected).Order(StringComparer.Ordinal)!];

    private static bool Selected(string? name) =>
        Environment.GetEnvironmentVariable("NOTEBOOKRNN_NOTEBOOKS") is not { Length: > 0 } selection
        || selection.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries).Contains(name);

    /// <summary>Where Jupyter's executed notebooks and pages go.</summary>
    public string JupyterFolder { get; } = TestPaths.NewOutputFolder("jupyter");

    /// <summary>Where nbrnn's executed notebooks go.</summary>
    public string NbrnnFolder { get; } = TestPaths.NewOutputFolder("jupyter-nbrnn");

    /// <summary>The version scripts/setup-notebooks.sh packed last.</summary>
    public string PackedVersion { get; private set; } = "";

    /// <summary><c>nbconvert --execute</c> of each notebook.</summary>
    public Dictionary<string, Command> Executions { get; } = [];

    /// <summary><c>nbconvert --to html</c> of each executed notebook.</summary>
    public Dictionary<string, Command> Pages { get; } = [];

    /// <summary><c>nbrnn run notebooks</c> (or one run per selected notebook: the last failing one, else the last).</summary>
    public Command Nbrnn { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        PackedVersion = Prerequisites.Check();
        await TestPackageCache.PrepareAsync();
        foreach (string name in Names)
        {
            Executions[name] = await Command.RunAsync(Prerequisites.Jupyter,
                ["nbconvert", "--to", "notebook", "--execute", "--ExecutePreprocessor.kernel_name=.net-csharp",
                 $"--ExecutePreprocessor.timeout={(int)NotebookTimeout.TotalSeconds}", "--output-dir", JupyterFolder,
                 Path.Combine(TestPaths.Notebooks, name + ".ipynb")], NotebookTimeout + TimeSpan.FromMinutes(1), TestPaths.Notebooks,
                TestPackageCache.Environment);
            if (Executions[name].ExitCode == 0)
                Pages[name] = await Command.RunAsync(Prerequisites.Jupyter,
                    ["nbconvert", "--to", "html", "--output-dir", JupyterFolder, Path.Combine(JupyterFolder, name + ".ipynb")], TimeSpan.FromMinutes(2));
        }
        bool all = Names.Count == Directory.GetFiles(TestPaths.Notebooks, "*.ipynb").Length;
        foreach (string target in all ? [TestPaths.Notebooks] : Names.Select(n => Path.Combine(TestPaths.Notebooks, n + ".ipynb")))
        {
            Command run = await Command.RunAsync("dotnet", [TestPaths.NbrnnAssembly, "run", target, "--out", NbrnnFolder],
                NotebookTimeout * Names.Count, TestPaths.RepositoryRoot, TestPackageCache.Environment);
            if (Nbrnn is null || Nbrnn.ExitCode == 0) Nbrnn = run;
        }
    }

    public Task DisposeAsync() => Task.CompletedTask;
}

/// <summary>Runs every notebook once for all tests of the collection.</summary>
[CollectionDefinition(Name)]
public sealed class NotebookRunsCollection : ICollectionFixture<NotebookRuns>
{
    public const string Name = "Teaching notebooks in Jupyter and nbrnn";
}
