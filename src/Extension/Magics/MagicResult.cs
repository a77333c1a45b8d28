namespace NotebookRnn.Notebook.Magics;

/// <summary>What a magic command produced: outputs to display, or a one-line error naming the problem and the usage.</summary>
public sealed class MagicResult
{
    private MagicResult(IReadOnlyList<MimeBundle> displays, string? error)
    {
        Displays = displays;
        Error = error;
    }

    /// <summary>Outputs to display, in order (empty when the command failed).</summary>
    public IReadOnlyList<MimeBundle> Displays { get; }

    /// <summary>The error, one line ending with the command's usage; null on success.</summary>
    public string? Error { get; }

    /// <summary>Whether the command succeeded.</summary>
    public bool Succeeded => Error is null;

    /// <summary>The error, or the plain text of the outputs.</summary>
    public override string ToString() => Error ?? string.Join("\n", Displays.Select(d => d.PlainText ?? ""));

    internal static MagicResult Show(params MimeBundle[] displays) => new(displays, null);

    internal static MagicResult Fail(string error) => new([], error);
}
