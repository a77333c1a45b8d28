using Microsoft.DotNet.Interactive.Commands;

namespace NotebookRnn.Notebook.Magics;

/// <summary><c>#!rnn-summary &lt;modelVariable&gt;</c>, as the kernel binds it.</summary>
public sealed class RnnSummaryCommand : KernelDirectiveCommand
{
    /// <summary>The variable holding a model (functional or Sequential) or a ModelSummary.</summary>
    public string? Model { get; set; }
}
