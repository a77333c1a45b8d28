using System.Globalization;
using NotebookRnn.Cli.Execution;

namespace NotebookRnn.Cli.Progress;

/// <summary>Progress as plain lines, for CI logs and redirected output: one line per notebook start, cell and end.</summary>
internal sealed class PlainProgress(TextWriter output) : IRunProgress
{
    private string _notebook = "";
    private int _codeCells;
    private int _codeCell;

    public void NotebookStarted(string name, int codeCells)
    {
        (_notebook, _codeCells) = (name, codeCells);
        output.WriteLine($"{name}: {codeCells} code cells");
    }

    public void CellStarted(int cellNumber, int codeCell) => _codeCell = codeCell;

    public void CellFinished(int cellNumber, TimeSpan elapsed, bool succeeded) =>
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"  [{_codeCell}/{_codeCells}] cell {cellNumber} {(succeeded ? "ok" : "FAILED")} ({elapsed.TotalSeconds:0.0} s)"));

    public void NotebookFinished(string name, TimeSpan elapsed, bool succeeded) =>
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{_notebook}: {(succeeded ? "done" : "stopped")} in {elapsed.TotalSeconds:0.0} s"));
}
