using System.Diagnostics;
using Microsoft.DotNet.Interactive;
using Microsoft.DotNet.Interactive.Commands;
using Microsoft.DotNet.Interactive.Documents;
using NotebookRnn.Cli.Kernel;

namespace NotebookRnn.Cli.Execution;

/// <summary>
/// Runs a notebook's code cells in order in a fresh real C# kernel (<see cref="NotebookKernel"/>), with the notebook's
/// folder as working directory: each cell is one <see cref="SubmitCode"/>, and the kernel's events become the cell's
/// outputs (<see cref="CellOutputs"/>). <c>#r "nuget: NotebookRnn"</c> and <c>#r "nuget: NotebookRnn.TorchSharp"</c> bind this build (<see cref="LocalNotebookRnn"/>).
/// The first failing cell stops the run and gets an <c>error</c> output naming its line.
/// </summary>
/// <remarks>
/// The working directory and the kernel's formatters are process-wide, so one notebook runs at a time.
/// </remarks>
internal sealed class NotebookRunner
{
    private static readonly string[] CSharpNames = ["csharp", "c#", "C#"];

    /// <summary>Runs <paramref name="notebook"/>, replacing its outputs and execution counts.</summary>
    /// <param name="notebook">The notebook; changed in place.</param>
    /// <param name="name">Its name in cell paths and progress, e.g. <c>01-variable-length.ipynb</c>.</param>
    /// <param name="workingDirectory">The folder relative paths in the notebook refer to (the notebook's own).</param>
    /// <param name="progress">Told about every cell.</param>
    public async Task<NotebookRunResult> RunAsync(InteractiveDocument notebook, string name, string workingDirectory, IRunProgress progress)
    {
        var watch = Stopwatch.StartNew();
        var cells = notebook.Elements.Where(IsCode).ToList();
        foreach (InteractiveDocumentElement cell in cells)
        {
            cell.Outputs.Clear();
            cell.ExecutionOrder = 0;
        }
        progress.NotebookStarted(name, cells.Count);
        string previousDirectory = Directory.GetCurrentDirectory();
        CellFailure? failure = null;
        try
        {
            Directory.SetCurrentDirectory(workingDirectory);
            using CompositeKernel kernel = NotebookKernel.Create();
            SubmissionDebugInfo.Emit(NotebookKernel.CSharp(kernel));
            var outputs = new CellOutputs();
            for (int c = 0; c < cells.Count && failure is null; c++)
            {
                int cellNumber = notebook.Elements.IndexOf(cells[c]) + 1;
                progress.CellStarted(cellNumber, c + 1);
                var cellWatch = Stopwatch.StartNew();
                failure = await RunCellAsync(kernel, outputs, cells[c], name, cellNumber, c + 1);
                progress.CellFinished(cellNumber, cellWatch.Elapsed, failure is null);
            }
        }
        finally
        {
            Directory.SetCurrentDirectory(previousDirectory);
        }
        progress.NotebookFinished(name, watch.Elapsed, failure is null);
        return new NotebookRunResult(notebook, failure, watch.Elapsed);
    }

    private static async Task<CellFailure?> RunCellAsync(CompositeKernel kernel, CellOutputs outputs, InteractiveDocumentElement cell,
        string notebookName, int cellNumber, int executionCount)
    {
        cell.ExecutionOrder = executionCount;
        if (!CSharpNames.Contains(cell.KernelName))
            return Fail(cell, new CellFailure(cellNumber, null, null, "Error", $"This cell is {cell.KernelName}; nbrnn runs C# cells only.", []), notebookName);
        var (referencesNotebookRnn, referencesTorchBackend, code) = LocalNotebookRnn.Take(cell.Contents);
        if (referencesNotebookRnn || referencesTorchBackend)
        {
            KernelCommandResult bound = await LocalNotebookRnn.BindAsync(kernel, referencesNotebookRnn, referencesTorchBackend);
            outputs.Add(bound.Events, cell.Outputs, executionCount);
            if (FailureAnalysis.Analyse(bound, cellNumber, cell.Contents) is { } bindFailure) return Fail(cell, bindFailure, notebookName);
        }
        KernelCommandResult result = await kernel.SendAsync(new SubmitCode(code, NotebookKernel.CSharp(kernel).Name));
        outputs.Add(result.Events, cell.Outputs, executionCount);
        return FailureAnalysis.Analyse(result, cellNumber, cell.Contents) is { } failure ? Fail(cell, failure, notebookName) : null;
    }

    private static CellFailure Fail(InteractiveDocumentElement cell, CellFailure failure, string notebookName)
    {
        cell.Outputs.Add(new ErrorElement(failure.Message, failure.ExceptionType, [failure.Location(notebookName), .. failure.Traceback]));
        return failure;
    }

    private static bool IsCode(InteractiveDocumentElement element) => element.KernelName is not ("markdown" or "raw");
}
