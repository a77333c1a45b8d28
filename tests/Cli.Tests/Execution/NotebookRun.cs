using Microsoft.DotNet.Interactive.Documents;
using NotebookRnn.Cli.Execution;

namespace NotebookRnn.Cli.Tests.Execution;

/// <summary>Builds small notebooks of C# cells and runs them with <see cref="NotebookRunner"/>.</summary>
internal static class NotebookRun
{
    public const string LoadPackage = "#r \"nuget: NotebookRnn\"";

    public static InteractiveDocument Of(params string[] codeCells) =>
        new([.. codeCells.Select(source => new InteractiveDocumentElement(source, "csharp"))]);

    public static Task<NotebookRunResult> RunAsync(params string[] codeCells) => RunAsync(Of(codeCells));

    public static Task<NotebookRunResult> RunAsync(InteractiveDocument notebook, string? workingDirectory = null) =>
        new NotebookRunner().RunAsync(notebook, "test.ipynb", workingDirectory ?? Directory.GetCurrentDirectory(), Silent);

    /// <summary>The outputs of code cell <paramref name="index"/> (from 0).</summary>
    public static IReadOnlyList<InteractiveDocumentOutputElement> Outputs(this NotebookRunResult result, int index) =>
        result.Notebook.Elements[index].Outputs;

    /// <summary>The form <paramref name="mimeType"/> of a display or returned value, or null.</summary>
    public static string? Form(this InteractiveDocumentOutputElement output, string mimeType) => output switch
    {
        DisplayElement display => global::NotebookRnn.Cli.Export.HtmlPage.Text(display.Data, mimeType),
        ReturnValueElement result => global::NotebookRnn.Cli.Export.HtmlPage.Text(result.Data, mimeType),
        _ => null,
    };

    /// <summary>The MIME types of a display or returned value, in order.</summary>
    public static IReadOnlyList<string> MimeTypes(this InteractiveDocumentOutputElement output) => output switch
    {
        DisplayElement display => [.. display.Data.Keys],
        ReturnValueElement result => [.. result.Data.Keys],
        _ => [],
    };

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
