using Spectre.Console;
using NotebookRnn.Cli.Execution;
using NotebookRnn.Persistence;

namespace NotebookRnn.Cli.Progress;

/// <summary>Progress as a Spectre.Console bar per notebook, advancing by code cell, for an interactive terminal.</summary>
internal sealed class SpectreProgress(ProgressContext context) : IRunProgress
{
    private ProgressTask? _task;
    private string _name = "";

    public void NotebookStarted(string name, int codeCells)
    {
        _name = Markup.Escape(name);
        _task = context.AddTask(_name, maxValue: Math.Max(1, codeCells));
    }

    public void CellStarted(int cellNumber, int codeCell)
    {
        if (_task is not null) _task.Description = $"{_name} [grey]cell {cellNumber}[/]";
    }

    public void CellFinished(int cellNumber, TimeSpan elapsed, bool succeeded)
    {
        if (succeeded) _task?.Increment(1);
    }

    public void NotebookFinished(string name, TimeSpan elapsed, bool succeeded)
    {
        if (_task is null) return;
        _task.Description = succeeded ? $"{_name} [green]done[/] ({elapsed.TotalSeconds:0.0} s)" : $"{_name} [red]failed[/]";
        _task.StopTask();
    }
}
