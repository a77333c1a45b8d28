using Microsoft.DotNet.Interactive.Commands;

namespace NotebookRnn.Notebook.Magics;

/// <summary><c>#!rnn-devices [--use cpu:0,cpu:1]</c>, as the kernel binds it.</summary>
public sealed class RnnDevicesCommand : KernelDirectiveCommand
{
    /// <summary>Comma-separated device names to train on (keras-mxnet's <c>cpu(1)</c> is accepted); null to only list them.</summary>
    public string? Use { get; set; }
}
