using Microsoft.DotNet.Interactive.Commands;
using NotebookRnn.Sequences;
using NotebookRnn.Layers;

namespace NotebookRnn.Notebook.Magics;

/// <summary><c>#!rnn-padding &lt;variable&gt; [--max-len N|auto] [--padding pre|post] [--truncating pre|post] [--buckets K]</c>, as the kernel binds it.</summary>
public sealed class RnnPaddingCommand : KernelDirectiveCommand
{
    /// <summary>The variable holding the sequences (<c>int[][]</c>, <c>float[][][]</c>, PaddedSequences) or a PaddingReport.</summary>
    public string? Variable { get; set; }

    /// <summary>The row length to evaluate; default the longest sequence (or the PaddedSequences' own).</summary>
    [MagicOption("#!rnn-padding", "--max-len")]
    public MaxLength? MaxLen { get; set; }

    /// <summary>The side padding goes on; default pre (Keras).</summary>
    [MagicOption("#!rnn-padding", "--padding")]
    public Padding? Padding { get; set; }

    /// <summary>The side longer sequences lose; default pre (Keras).</summary>
    [MagicOption("#!rnn-padding", "--truncating")]
    public Truncating? Truncating { get; set; }

    /// <summary>Buckets of the auto-bucket strategy, ≥ 1; default 4.</summary>
    [MagicOption("#!rnn-padding", "--buckets", Minimum = 1)]
    public int? Buckets { get; set; }
}
