using NotebookRnn.Notebook.Kernel.Tests.Hosting;

namespace NotebookRnn.Notebook.Kernel.Tests.Magics;

/// <summary>Runs magic lines as cells and checks what every magic promises of its output and its errors.</summary>
internal static class MagicCells
{
    /// <summary>Runs a magic line that must succeed with exactly one output, and returns the output.</summary>
    public static async Task<Microsoft.DotNet.Interactive.Events.DisplayedValueProduced> ShowAsync(this NotebookSession session, string line)
    {
        Cell cell = await session.RunSucceedingAsync(line);
        Assert.Empty(cell.Updates);
        return cell.Display;
    }

    /// <summary>
    /// Runs a magic line that must fail: the cell shows nothing, and its one error is one line that ends with
    /// "<c>{magic}: {problem}. Usage: {usage}</c>" (the kernel puts its position and code before it when option binding
    /// fails). Returns the error.
    /// </summary>
    public static async Task<string> FailAsync(this NotebookSession session, string line, string problem, string usage)
    {
        Cell cell = await session.RunAsync(line);
        Assert.False(cell.Succeeded, $"expected '{line}' to fail");
        Assert.Empty(cell.Displays);
        string error = cell.SingleError;
        Assert.DoesNotContain('\n', error);
        Assert.EndsWith($"{line.Split(' ')[0]}: {problem}. Usage: {usage}", error);
        return error;
    }
}
