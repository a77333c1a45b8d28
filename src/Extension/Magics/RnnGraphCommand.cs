using Microsoft.DotNet.Interactive.Commands;

namespace NotebookRnn.Notebook.Magics;

/// <summary><c>#!rnn-graph &lt;modelVariable&gt;</c>, as the kernel binds it.</summary>
public sealed class RnnGraphCommand : KernelDirectiveCommand
{
    /// <summary>The variable holding a model (functional or Sequential).</summary>
    public string? Model { get; set; }
}
