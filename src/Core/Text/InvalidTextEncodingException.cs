using System.Globalization;

namespace NotebookRnn.Text;

/// <summary>
/// A file's bytes are not valid in the encoding it was read with. Names the file and where the first invalid
/// byte is: its offset from the start of the file, and its line and byte column.
/// </summary>
public sealed class InvalidTextEncodingException : Exception
{
    /// <summary>Creates the exception for the first invalid byte of <paramref name="filePath"/>.</summary>
    /// <param name="filePath">The file (or a description of the source) that was read.</param>
    /// <param name="encodingName">The encoding it was read with, e.g. <c>UTF-8</c>.</param>
    /// <param name="byteOffset">Offset of the first invalid byte from the start of the file (0-based).</param>
    /// <param name="line">Line of that byte (1-based, counting <c>\n</c> bytes before it).</param>
    /// <param name="column">Byte column of that byte within its line (1-based).</param>
    /// <param name="bytes">The bytes at the offset (a few, for the message).</param>
    public InvalidTextEncodingException(
        string filePath, string encodingName, long byteOffset, int line, int column, IReadOnlyList<byte> bytes)
        : base(
            $"File \"{filePath}\" is not valid {encodingName}: the first invalid byte is at offset " +
            $"{byteOffset.ToString("N0", CultureInfo.InvariantCulture)} (line {line}, byte {column} of the line), " +
            $"bytes {string.Join(" ", bytes.Select(b => "0x" + b.ToString("X2", CultureInfo.InvariantCulture)))}. " +
            "Read it as TextEncoding.Latin1 if that is its encoding, or pass replaceInvalid: true to decode invalid " +
            "sequences as U+FFFD.")
    {
        FilePath = filePath;
        EncodingName = encodingName;
        ByteOffset = byteOffset;
        Line = line;
        Column = column;
    }

    /// <summary>The file that was read.</summary>
    public string FilePath { get; }

    /// <summary>The encoding the file was read with.</summary>
    public string EncodingName { get; }

    /// <summary>Offset of the first invalid byte from the start of the file (0-based).</summary>
    public long ByteOffset { get; }

    /// <summary>Line of the first invalid byte (1-based).</summary>
    public int Line { get; }

    /// <summary>Byte column of the first invalid byte within its line (1-based).</summary>
    public int Column { get; }
}
