namespace NotebookRnn.Cli.Execution;

/// <summary>Why a cell stopped the run: where (cell, line) and what (exception type and message).</summary>
/// <param name="CellNumber">The cell's position in the notebook, from 1, counting every cell (Markdown too).</param>
/// <param name="Line">The failing line within the cell, from 1, when known.</param>
/// <param name="LineText">That line's text, trimmed.</param>
/// <param name="ExceptionType">The exception's type name, e.g. <c>ArgumentException</c> or <c>CompilationErrorException</c>.</param>
/// <param name="Message">The exception's message.</param>
/// <param name="Traceback">The stack trace, frames of the script host left out.</param>
public sealed record CellFailure(int CellNumber, int? Line, string? LineText, string ExceptionType, string Message,
    IReadOnlyList<string> Traceback)
{
    /// <summary>Where the failure is, e.g. <c>notebooks/01.ipynb, cell 7 (line 3): var x = F(0);</c>.</summary>
    public string Location(string notebookPath) =>
        $"{notebookPath}, cell {CellNumber}" + (Line is int line ? $" (line {line}): {LineText}" : "");

    /// <summary>The two-line message nbrnn prints: <see cref="Location"/>, then <c>Type: message</c>.</summary>
    public string Describe(string notebookPath) => $"{Location(notebookPath)}\n{ExceptionType}: {Message}";
}
