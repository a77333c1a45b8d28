using Microsoft.DotNet.Interactive.Commands;

namespace NotebookRnn.Notebook.Magics;

/// <summary><c>#!rnn-live [on|off]</c>, as the kernel binds it.</summary>
public sealed class RnnLiveCommand : KernelDirectiveCommand
{
    /// <summary>On or off; default on.</summary>
    [MagicOption("#!rnn-live", "--mode")]
    public LiveMode? Mode { get; set; }
}
