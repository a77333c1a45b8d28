using System.Diagnostics;
using System.Reflection;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Scripting;

namespace NotebookRnn.Cli.Execution;

/// <summary>Turns what a cell threw into a <see cref="CellFailure"/> that names the cell's failing line.</summary>
internal static class FailureAnalysis
{
    // Frames of the script host and of async plumbing say nothing about the notebook.
    private static readonly string[] HostFramePrefixes =
    [
        "   at Microsoft.CodeAnalysis.Scripting.", "   at System.Runtime.CompilerServices.", "   at System.Runtime.ExceptionServices.",
        "   at System.Threading.Tasks.", "--- End of stack trace",
    ];

    /// <summary>The failure of cell <paramref name="cellNumber"/>, whose submissions carry <paramref name="cellPath"/>.</summary>
    /// <param name="error">What the cell threw.</param>
    /// <param name="cellNumber">The cell's number, from 1.</param>
    /// <param name="cellPath">The file path of the cell's submissions (their line numbers are the cell's).</param>
    /// <param name="source">The cell's source, to quote the line.</param>
    /// <param name="partLine">The line of the directive or magic that was running, used when the error has no line of its own.</param>
    public static CellFailure Analyse(Exception error, int cellNumber, string cellPath, string source, int? partLine)
    {
        error = Unwrap(error);
        (int? line, string message) = error switch
        {
            DirectiveException directive => (directive.Line, directive.Message),
            CompilationErrorException compilation => CompilationError(compilation, cellPath),
            MagicCommandException magic => (partLine, magic.Message),
            _ => (ScriptLine(error, cellPath) ?? partLine, error.Message),
        };
        string[] lines = source.Replace("\r\n", "\n").Split('\n');
        string? text = line is int l && l >= 1 && l <= lines.Length ? lines[l - 1].Trim() : null;
        return new CellFailure(cellNumber, text is null ? null : line, text, error.GetType().Name, message, Traceback(error));
    }

    private static Exception Unwrap(Exception error) => error switch
    {
        AggregateException { InnerExceptions.Count: 1 } aggregate => Unwrap(aggregate.InnerExceptions[0]),
        TargetInvocationException { InnerException: { } inner } => Unwrap(inner),
        _ => error,
    };

    private static (int?, string) CompilationError(CompilationErrorException error, string cellPath)
    {
        var errors = error.Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error).ToList();
        Diagnostic? first = errors.FirstOrDefault(d => d.Location.GetLineSpan().Path == cellPath) ?? errors.FirstOrDefault();
        int? line = first is null ? null : first.Location.GetLineSpan().StartLinePosition.Line + 1;
        string message = string.Join("\n", errors.Select(d =>
            $"({d.Location.GetLineSpan().StartLinePosition.Line + 1},{d.Location.GetLineSpan().StartLinePosition.Character + 1}): {d.Id}: {d.GetMessage()}"));
        return (line, message.Length > 0 ? message : error.Message);
    }

    // The innermost frame in the cell's own code: the line of the cell that led to the exception.
    private static int? ScriptLine(Exception error, string cellPath) =>
        new StackTrace(error, fNeedFileInfo: true).GetFrames()
            .FirstOrDefault(f => f.GetFileName() == cellPath && f.GetFileLineNumber() > 0)?.GetFileLineNumber();

    private static IReadOnlyList<string> Traceback(Exception error) =>
    [
        .. error.ToString().Replace("\r\n", "\n").Split('\n')
            .Where(line => line.Length > 0 && !HostFramePrefixes.Any(prefix => line.StartsWith(prefix, StringComparison.Ordinal))),
    ];
}
