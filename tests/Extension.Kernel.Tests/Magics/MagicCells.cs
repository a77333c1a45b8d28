using System.Text.RegularExpressions;
using Microsoft.DotNet.Interactive.Events;
using NotebookRnn.Notebook.Kernel.Tests.Hosting;

namespace NotebookRnn.Notebook.Kernel.Tests.Magics;

/// <summary>Runs magic lines as cells and checks what every magic promises of its output and its errors.</summary>
internal static class MagicCells
{
    /// <summary>Runs a magic line that must succeed with exactly one output, and returns the output.</summary>
    public static async Task<DisplayedValueProduced> ShowAsync(this NotebookSession session, string line)
    {
        Cell cell = await session.RunSucceedingAsync(line);
        Assert.Empty(cell.Updates);
        return cell.Display;
    }

    /// <summary>
    /// Runs a magic line that must fail: the cell shows nothing, and its one error is the line
    /// "<c>{magic}: {problem}. Usage: {usage}</c>". When an option's value does not bind, the kernel reports our
    /// message as invalid JSON, after its position and code: <c>(1,21): error DNI106: Invalid JSON: #!rnn-padding: …</c>.
    /// </summary>
    public static async Task FailAsync(this NotebookSession session, string line, string problem, string usage)
    {
        Cell cell = await session.RunAsync(line);
        Assert.False(cell.Succeeded, $"expected '{line}' to fail");
        Assert.Empty(cell.Displays);
        string expected = $"{line.Split(' ')[0]}: {problem}. Usage: {usage}";
        Assert.Matches($@"^(\(1,\d+\): error DNI106: Invalid JSON: )?{Regex.Escape(expected)}\z", cell.SingleError);
    }
}
