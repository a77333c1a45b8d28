using NotebookRnn.Persistence;

namespace NotebookRnn.Notebook.Magics;

/// <summary>A magic command's name, usage line, description and parameters.</summary>
/// <param name="Name">e.g. <c>#!rnn-padding</c>.</param>
/// <param name="Usage">e.g. <c>#!rnn-padding &lt;variable&gt; [--max-len N|auto] …</c>.</param>
/// <param name="Description">One sentence for the notebook's help.</param>
/// <param name="Parameters">Its parameters; the implicit one first.</param>
public sealed record MagicInfo(string Name, string Usage, string Description, IReadOnlyList<MagicParameter> Parameters)
{
    /// <summary>The error a command shows: the magic, the problem and the usage, on one line.</summary>
    /// <param name="problem">What is wrong, e.g. <c>unknown variable 'seqs'</c>; line breaks become spaces.</param>
    public string Error(string problem) =>
        $"{Name}: {string.Join(" ", problem.Split(['\r', '\n'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)).TrimEnd('.')}. Usage: {Usage}";
}
