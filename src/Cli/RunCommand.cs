using NotebookRnn.Cli.Execution;
using NotebookRnn.Cli.Export;
using Microsoft.DotNet.Interactive.Documents;
using NotebookRnn.Cli.Documents;

namespace NotebookRnn.Cli;

/// <summary>
/// <c>nbrnn run</c>: runs each notebook with <see cref="NotebookRunner"/>, writes its executed <c>.ipynb</c> and HTML
/// page (also when a cell failed, with the error as that cell's output), and stops at the first failing notebook.
/// Several notebooks run one after the other, each in an nbrnn process of its own (<see cref="NotebookProcess"/>), as
/// Jupyter runs each notebook in a kernel process of its own.
/// </summary>
internal static class RunCommand
{
    /// <summary>Every cell of every notebook ran.</summary>
    public const int Succeeded = 0;

    /// <summary>A cell failed; the message names the notebook, cell, line and exception.</summary>
    public const int CellFailed = 1;

    /// <summary>Bad arguments, or a notebook that cannot be read.</summary>
    public const int BadInput = 2;

    /// <summary>Runs the command.</summary>
    /// <param name="options">The parsed arguments.</param>
    /// <param name="output">Where the files written are listed.</param>
    /// <param name="error">Where problems are reported.</param>
    /// <param name="progress">Told about every cell.</param>
    /// <returns><see cref="Succeeded"/>, <see cref="CellFailed"/> or <see cref="BadInput"/>.</returns>
    public static async Task<int> RunAsync(RunOptions options, TextWriter output, TextWriter error, IRunProgress progress)
    {
        List<(string Path, InteractiveDocument Notebook)> notebooks;
        string? plotly;
        try
        {
            notebooks = [.. NotebookFiles(options.Target).Select(path => (path, NotebookFile.Read(path)))];
            ApplyParameters(notebooks, options.Parameters);
            plotly = PlotlyFile(options, notebooks.Select(n => Path.GetDirectoryName(Path.GetFullPath(n.Path))!));
            CheckOutputFolder(options.OutputFolder, notebooks.Select(n => n.Path));
        }
        catch (Exception problem) when (problem is ArgumentException or FormatException or IOException)
        {
            error.WriteLine($"nbrnn: {problem.Message}");
            return BadInput;
        }
        if (plotly is null) output.WriteLine("nbrnn: no local plotly.js found (run scripts/setup-browser.sh or pass --plotly); pages load it from its CDN.");
        if (notebooks.Count > 1)
        {
            foreach (var (path, notebook) in notebooks)
            {
                var declared = NotebookParameters.Names(notebook);
                int exitCode = await NotebookProcess.RunAsync(path, options.OutputFolder,
                    options.Parameters.Where(p => declared.Contains(p.Key)).ToDictionary(), plotly, output, error, progress);
                if (exitCode != Succeeded) return exitCode;
            }
            return Succeeded;
        }
        string? plotlyScript = plotly is null ? null : await File.ReadAllTextAsync(plotly);
        var runner = new NotebookRunner();
        foreach (var (path, notebook) in notebooks)
        {
            string name = Path.GetFileName(path);
            NotebookRunResult result = await runner.RunAsync(notebook, name, Path.GetDirectoryName(Path.GetFullPath(path))!, progress);
            Write(result.Notebook, name, options.OutputFolder, plotlyScript, output);
            if (result.Failure is { } failure)
            {
                error.WriteLine(failure.Describe(DisplayPath(path)));
                return CellFailed;
            }
        }
        return Succeeded;
    }

    /// <summary>The notebook file, or the <c>*.ipynb</c> files of the folder in name order.</summary>
    /// <exception cref="ArgumentException">No such file or folder, or a folder without notebooks.</exception>
    public static IReadOnlyList<string> NotebookFiles(string target)
    {
        if (File.Exists(target)) return [target];
        if (!Directory.Exists(target)) throw new ArgumentException($"No notebook or folder '{target}'.");
        string[] files = [.. Directory.GetFiles(target, "*.ipynb").Order(StringComparer.Ordinal)];
        return files.Length > 0 ? files : throw new ArgumentException($"The folder '{target}' holds no .ipynb file.");
    }

    private static void ApplyParameters(List<(string Path, InteractiveDocument Notebook)> notebooks, IReadOnlyDictionary<string, string> values)
    {
        var applied = new HashSet<string>();
        foreach (var (_, notebook) in notebooks) applied.UnionWith(NotebookParameters.Apply(notebook, values));
        string[] unknown = [.. values.Keys.Where(name => !applied.Contains(name))];
        if (unknown.Length == 0) return;
        string declared = string.Join(", ", notebooks.SelectMany(n => NotebookParameters.Names(n.Notebook)).Distinct());
        throw new ArgumentException(
            $"--param {unknown[0]}: no parameters cell (tagged \"parameters\") declares it; declared: {(declared.Length > 0 ? declared : "none")}.");
    }

    private static string? PlotlyFile(RunOptions options, IEnumerable<string> notebookFolders)
    {
        if (options.PlotlyFile is null) return PlotlyLocator.Find([.. notebookFolders, Directory.GetCurrentDirectory(), AppContext.BaseDirectory]);
        return File.Exists(options.PlotlyFile) ? options.PlotlyFile : throw new ArgumentException($"--plotly: no file '{options.PlotlyFile}'.");
    }

    private static void CheckOutputFolder(string outputFolder, IEnumerable<string> notebookPaths)
    {
        string folder = Path.GetFullPath(outputFolder);
        string? clash = notebookPaths.FirstOrDefault(p => Path.GetDirectoryName(Path.GetFullPath(p)) == folder.TrimEnd(Path.DirectorySeparatorChar));
        if (clash is not null)
            throw new ArgumentException($"--out {outputFolder} is the folder of {clash}: the executed notebook would replace it; choose another folder.");
    }

    private static void Write(InteractiveDocument notebook, string name, string outputFolder, string? plotlyScript, TextWriter output)
    {
        string stem = Path.GetFileNameWithoutExtension(name);
        string ipynb = Path.Combine(outputFolder, stem + ".ipynb"), html = Path.Combine(outputFolder, stem + ".html");
        Directory.CreateDirectory(outputFolder);
        NotebookFile.Write(notebook, ipynb);
        File.WriteAllText(html, HtmlPage.Render(notebook, stem, plotlyScript));
        output.WriteLine($"wrote {ipynb} and {html}");
    }

    private static string DisplayPath(string path)
    {
        string relative = Path.GetRelativePath(Directory.GetCurrentDirectory(), path);
        return relative.StartsWith("..", StringComparison.Ordinal) ? Path.GetFullPath(path) : relative;
    }
}
