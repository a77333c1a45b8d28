using Microsoft.DotNet.Interactive.Documents;

namespace NotebookRnn.Cli.Execution;

/// <summary>The executed notebook, and the failure that stopped it, if any.</summary>
/// <param name="Notebook">The notebook with its outputs and execution counts (up to the failing cell).</param>
/// <param name="Failure">The failing cell, or null when every cell ran.</param>
/// <param name="Duration">Wall time of the run.</param>
internal sealed record NotebookRunResult(InteractiveDocument Notebook, CellFailure? Failure, TimeSpan Duration)
{
    /// <summary>Whether every code cell ran without error.</summary>
    public bool Succeeded => Failure is null;
}
