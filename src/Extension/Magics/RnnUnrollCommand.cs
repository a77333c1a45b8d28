using Microsoft.DotNet.Interactive.Commands;
using NotebookRnn.Layers;

namespace NotebookRnn.Notebook.Magics;

/// <summary><c>#!rnn-unroll &lt;modelVariable&gt; [--layer NAME] [--input VARIABLE] [--sample I] [--max-steps N]</c>, as the kernel binds it.</summary>
public sealed class RnnUnrollCommand : KernelDirectiveCommand
{
    /// <summary>The variable holding a model (functional or Sequential), or a recurrent or Bidirectional layer.</summary>
    public string? Model { get; set; }

    /// <summary>The name of the recurrent layer to draw; default the model's first.</summary>
    public string? Layer { get; set; }

    /// <summary>A variable whose first samples the model runs as one batch before drawing.</summary>
    public string? Input { get; set; }

    /// <summary>The batch row the graph follows, ≥ 0; default 0.</summary>
    [MagicOption("#!rnn-unroll", "--sample", Minimum = 0)]
    public int? Sample { get; set; }

    /// <summary>The most step cells drawn, ≥ 2; default the render options' (24).</summary>
    [MagicOption("#!rnn-unroll", "--max-steps", Minimum = 2)]
    public int? MaxSteps { get; set; }
}
