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

    /// <summary>
    /// Runs a magic's handler: its outputs, or — for bad input (<see cref="MagicError"/>, an argument the engine
    /// refuses) and engine failures (an invalid operation) — the one-line error of <paramref name="info"/>.
    /// </summary>
    internal static MagicResult Of(MagicInfo info, Func<MagicResult> handler)
    {
        try
        {
            return handler();
        }
        catch (Exception error) when (error is MagicError or ArgumentException or InvalidOperationException)
        {
            return new([], info.Error(Message(error)));
        }
    }

    // .NET appends " (Parameter 'x')" to argument errors; the message already names the argument.
    private static string Message(Exception error) =>
        error is ArgumentException { ParamName: { } parameter } argument
            ? argument.Message.Replace($" (Parameter '{parameter}')", "", StringComparison.Ordinal)
            : error.Message;
}
