using Microsoft.DotNet.Interactive;
using Microsoft.DotNet.Interactive.Commands;
using NotebookRnn.Cli.Kernel;

namespace NotebookRnn.Notebook.Kernel.Tests.Hosting;

/// <summary>
/// One notebook session: the real kernel as the Jupyter kernel puts it together (<see cref="NotebookKernel"/>), whose
/// first cell loaded NotebookRnn from the packed package. Cells are submitted as the front end submits them.
/// </summary>
public sealed class NotebookSession : IDisposable
{
    private readonly CompositeKernel _kernel;

    private NotebookSession(CompositeKernel kernel, Cell loading)
    {
        _kernel = kernel;
        Loading = loading;
    }

    /// <summary>What the loading cell (<see cref="PackedNotebookRnn.LoadingCell"/>) produced.</summary>
    public Cell Loading { get; }

    /// <summary>A new kernel that has run the loading cell of <paramref name="package"/>, whatever that cell produced.</summary>
    public static async Task<NotebookSession> StartAsync(PackedNotebookRnn package)
    {
        CompositeKernel kernel = NotebookKernel.Create();
        Cell loading = await RunAsync(kernel, package.LoadingCell);
        return new NotebookSession(kernel, loading);
    }

    /// <summary>Submits <paramref name="code"/> as one cell.</summary>
    public Task<Cell> RunAsync(string code) => RunAsync(_kernel, code);

    /// <summary>Submits a cell that must succeed.</summary>
    /// <exception cref="Xunit.Sdk.XunitException">The cell failed; the message is the kernel's.</exception>
    public async Task<Cell> RunSucceedingAsync(string code)
    {
        Cell cell = await RunAsync(code);
        Assert.True(cell.Succeeded, $"The cell failed: {cell.Error}\n{code}");
        return cell;
    }

    /// <summary>The value of the C# expression <paramref name="expression"/>, evaluated in this session.</summary>
    public async Task<T> EvaluateAsync<T>(string expression)
    {
        Cell cell = await RunSucceedingAsync(expression);
        return Assert.IsType<T>(cell.ReturnValue.Value, exactMatch: false);
    }

    /// <summary>Disposes the kernel.</summary>
    public void Dispose() => _kernel.Dispose();

    private static async Task<Cell> RunAsync(CompositeKernel kernel, string code)
    {
        KernelCommandResult result = await kernel.SendAsync(new SubmitCode(code));
        return new Cell(result.Events);
    }
}
