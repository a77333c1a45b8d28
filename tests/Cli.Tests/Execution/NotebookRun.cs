using NotebookRnn.Cli.Execution;
using NotebookRnn.Cli.Notebooks;
using System.Text.Json.Nodes;

namespace NotebookRnn.Cli.Tests.Execution;

/// <summary>Builds small notebooks of C# cells and runs them with <see cref="NotebookRunner"/>.</summary>
internal static class NotebookRun
{
    public const string LoadPackage = "#r \"nuget: NotebookRnn\"\nusing NotebookRnn;";

    public static JupyterNotebook Of(params string[] codeCells) =>
        new(codeCells.Select(source => new NotebookCell("code", source, new JsonObject
        {
            ["dotnet_interactive"] = new JsonObject { ["language"] = "csharp" },
            ["polyglot_notebook"] = new JsonObject { ["kernelName"] = "csharp" },
        })));

    public static Task<NotebookRunResult> RunAsync(params string[] codeCells) => RunAsync(Of(codeCells));

    public static Task<NotebookRunResult> RunAsync(JupyterNotebook notebook, string? workingDirectory = null) =>
        new NotebookRunner().RunAsync(notebook, "test.ipynb", workingDirectory ?? Directory.GetCurrentDirectory(), Silent);

    /// <summary>Progress that goes nowhere.</summary>
    public static IRunProgress Silent { get; } = new SilentProgress();

    private sealed class SilentProgress : IRunProgress
    {
        public void NotebookStarted(string name, int codeCells) { }
        public void CellStarted(int cellNumber, int codeCell) { }
        public void CellFinished(int cellNumber, TimeSpan elapsed, bool succeeded) { }
        public void NotebookFinished(string name, TimeSpan elapsed, bool succeeded) { }
    }
}
