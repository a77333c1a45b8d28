using System.Diagnostics;
using Microsoft.DotNet.Interactive;
using Microsoft.DotNet.Interactive.Events;

namespace NotebookRnn.Cli.Execution;

/// <summary>Turns the events of a failed cell into a <see cref="CellFailure"/> that names the cell's failing line.</summary>
internal static class FailureAnalysis
{
    // Frames of the script host and of async plumbing say nothing about the notebook.
    private static readonly string[] HostFramePrefixes =
    [
        "   at Microsoft.CodeAnalysis.Scripting.", "   at Microsoft.DotNet.Interactive.", "   at System.Runtime.CompilerServices.",
        "   at System.Runtime.ExceptionServices.", "   at System.Threading.Tasks.", "--- End of stack trace",
    ];

    /// <summary>The failure of cell <paramref name="cellNumber"/>, or null when its command succeeded.</summary>
    /// <param name="result">The result of the cell's command.</param>
    /// <param name="cellNumber">The cell's number, from 1.</param>
    /// <param name="source">The cell's source, to quote the line.</param>
    public static CellFailure? Analyse(KernelCommandResult result, int cellNumber, string source)
    {
        if (result.Events.OfType<CommandFailed>().FirstOrDefault() is not { } failed) return null;
        Exception? error = failed.Exception;
        int? line = ErrorDiagnosticLine(result) ?? FrameLine(error) ?? DirectiveLine(failed.Message, source);
        string[] lines = source.Replace("\r\n", "\n").Split('\n');
        string? text = line is int l && l >= 1 && l <= lines.Length ? lines[l - 1].Trim() : null;
        string type = error?.GetType().Name is { Length: > 0 } name ? name : "Error";
        string message = error is null or CodeSubmissionCompilationErrorException ? failed.Message.Trim() : error.Message;
        return new CellFailure(cellNumber, text is null ? null : line, text, type, message, Traceback(error));
    }

    // Compile errors and directive errors come with diagnostics that carry their position in the cell.
    private static int? ErrorDiagnosticLine(KernelCommandResult result) =>
        result.Events.OfType<DiagnosticsProduced>().SelectMany(d => d.Diagnostics)
            .FirstOrDefault(d => d.Severity == Microsoft.CodeAnalysis.DiagnosticSeverity.Error)?.LinePositionSpan.Start.Line + 1;

    // The innermost frame in the failing cell's own code, the latest submission on the stack (Submission#N, one per
    // cell): the line of the cell that led to the exception. Frames of earlier cells (their functions) come before it.
    private static int? FrameLine(Exception? error)
    {
        if (error is null) return null;
        var frames = new StackTrace(error, fNeedFileInfo: true).GetFrames()
            .Select(f => (Frame: f, Submission: Submission(f))).Where(f => f.Submission >= 0 && f.Frame.GetFileLineNumber() > 0).ToList();
        if (frames.Count == 0) return null;
        int latest = frames.Max(f => f.Submission);
        return frames.First(f => f.Submission == latest).Frame.GetFileLineNumber();
    }

    private static int Submission(StackFrame frame)
    {
        Type? type = frame.GetMethod()?.DeclaringType;
        while (type?.DeclaringType is not null) type = type.DeclaringType;
        return type?.Name is { } name && name.StartsWith("Submission#", StringComparison.Ordinal)
               && int.TryParse(name.AsSpan("Submission#".Length), out int number) ? number : -1;
    }

    // A magic that fails names itself first ("#!rnn-padding: unknown variable …"): its line is the one it starts.
    private static int? DirectiveLine(string message, string source)
    {
        if (!message.StartsWith("#!", StringComparison.Ordinal)) return null;
        string name = message.Split(':', ' ')[0];
        int index = Array.FindIndex(source.Replace("\r\n", "\n").Split('\n'), l => l.TrimStart().StartsWith(name + " ", StringComparison.Ordinal) || l.Trim() == name);
        return index < 0 ? null : index + 1;
    }

    private static IReadOnlyList<string> Traceback(Exception? error) =>
        error is null or CodeSubmissionCompilationErrorException ? [] :
        [
            .. error.ToString().Replace("\r\n", "\n").Split('\n')
                .Where(line => line.Length > 0 && !HostFramePrefixes.Any(prefix => line.StartsWith(prefix, StringComparison.Ordinal))),
        ];
}
