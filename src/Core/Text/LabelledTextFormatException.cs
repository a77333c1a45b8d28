namespace NotebookRnn.Text;

/// <summary>A labelled CSV/TSV text could not be parsed; names the file, the line and the column.</summary>
public sealed class LabelledTextFormatException : FormatException
{
    /// <summary>Creates the exception for a problem at <paramref name="line"/>, <paramref name="column"/> of <paramref name="filePath"/>.</summary>
    /// <param name="filePath">The file (or a description of the source) being parsed.</param>
    /// <param name="line">Line of the problem (1-based).</param>
    /// <param name="column">Character column of the problem within the line (1-based).</param>
    /// <param name="problem">What is wrong, as a sentence.</param>
    public LabelledTextFormatException(string filePath, int line, int column, string problem)
        : base($"{filePath}, line {line}, column {column}: {problem}")
    {
        FilePath = filePath;
        Line = line;
        Column = column;
    }

    /// <summary>The file being parsed.</summary>
    public string FilePath { get; }

    /// <summary>Line of the problem (1-based).</summary>
    public int Line { get; }

    /// <summary>Character column of the problem within the line (1-based).</summary>
    public int Column { get; }
}
