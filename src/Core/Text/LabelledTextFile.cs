using System.Text;

namespace NotebookRnn.Text;

/// <summary>
/// Reads labelled texts from a delimited file (CSV or TSV): one record per line, one column holding the label
/// and one the text. Fields follow RFC 4180: a field may be enclosed in double quotes, inside which the delimiter
/// and line breaks are literal and a doubled quote <c>""</c> stands for one quote.
/// </summary>
/// <remarks>
/// Lines end with LF, CRLF or CR. Blank lines are skipped. A quote inside an unquoted field is kept as a literal
/// character (as Python's csv module does), so TSV text containing quotes reads unchanged. Errors name the file,
/// the line and the column.
/// </remarks>
public static class LabelledTextFile
{
    /// <summary>Reads labelled texts from the file at <paramref name="path"/>.</summary>
    /// <param name="path">The file to read.</param>
    /// <param name="delimiter">Field separator, usually <c>','</c> (CSV) or <c>'\t'</c> (TSV); not a quote or line break.</param>
    /// <param name="labelColumn">0-based column of the label.</param>
    /// <param name="textColumn">0-based column of the text; differs from <paramref name="labelColumn"/>.</param>
    /// <param name="hasHeader">Whether the first record holds column names rather than data.</param>
    /// <param name="encoding">Encoding of the file; default <see cref="TextEncoding.Utf8"/> (strict).</param>
    /// <exception cref="LabelledTextFormatException">A quoted field is not closed, text follows a closing quote, or a record has too few fields.</exception>
    /// <exception cref="InvalidTextEncodingException">The file is not valid in <paramref name="encoding"/>.</exception>
    /// <exception cref="ArgumentException">The delimiter or the columns are not allowed.</exception>
    public static LabelledTexts Read(
        string path, char delimiter, int labelColumn, int textColumn, bool hasHeader, TextEncoding encoding = TextEncoding.Utf8)
    {
        ArgumentNullException.ThrowIfNull(path);
        return Parse(TextFile.Read(path, encoding), delimiter, labelColumn, textColumn, hasHeader, path);
    }

    /// <summary>Parses labelled texts from <paramref name="content"/>, as <see cref="Read"/> does a file's.</summary>
    /// <param name="content">The delimited text.</param>
    /// <param name="delimiter">Field separator; not a quote or line break.</param>
    /// <param name="labelColumn">0-based column of the label.</param>
    /// <param name="textColumn">0-based column of the text; differs from <paramref name="labelColumn"/>.</param>
    /// <param name="hasHeader">Whether the first record holds column names.</param>
    /// <param name="source">Names the content in error messages; default <c>&lt;text&gt;</c>.</param>
    /// <exception cref="LabelledTextFormatException">A quoted field is not closed, text follows a closing quote, or a record has too few fields.</exception>
    /// <exception cref="ArgumentException">The delimiter or the columns are not allowed.</exception>
    public static LabelledTexts Parse(
        string content, char delimiter, int labelColumn, int textColumn, bool hasHeader, string source = "<text>")
    {
        ArgumentNullException.ThrowIfNull(content);
        CheckArguments(delimiter, labelColumn, textColumn);
        var reader = new RecordReader(content, delimiter, source);
        int needed = Math.Max(labelColumn, textColumn) + 1;
        var labels = new List<string>();
        var texts = new List<string>();
        string[]? header = null;
        while (reader.SkipBlankLines())
        {
            List<string> fields = reader.ReadRecord();
            if (fields.Count < needed)
                throw new LabelledTextFormatException(source, reader.LastRecordLine, reader.LastRecordEndColumn,
                    $"expected at least {needed} fields (label column {labelColumn}, text column {textColumn}), " +
                    $"found {fields.Count}.");
            if (hasHeader && header is null)
            {
                header = [fields[labelColumn], fields[textColumn]];
                continue;
            }
            labels.Add(fields[labelColumn]);
            texts.Add(fields[textColumn]);
        }
        return new LabelledTexts(labels.ToArray(), texts.ToArray(), header?[0], header?[1]);
    }

    private static void CheckArguments(char delimiter, int labelColumn, int textColumn)
    {
        if (delimiter is '"' or '\r' or '\n')
            throw new ArgumentException(
                $"The delimiter cannot be a quote or a line break, got U+{(int)delimiter:X4}; use ',' or '\\t'.", nameof(delimiter));
        if (labelColumn < 0)
            throw new ArgumentOutOfRangeException(nameof(labelColumn), labelColumn, "Expected a 0-based column ≥ 0.");
        if (textColumn < 0)
            throw new ArgumentOutOfRangeException(nameof(textColumn), textColumn, "Expected a 0-based column ≥ 0.");
        if (labelColumn == textColumn)
            throw new ArgumentException(
                $"Expected different label and text columns, got {labelColumn} for both.", nameof(textColumn));
    }

    /// <summary>Reads RFC 4180 records one at a time, keeping the line and column of the current character.</summary>
    private sealed class RecordReader(string content, char delimiter, string source)
    {
        private int _position;
        private int _line = 1;
        private int _column = 1;

        public int LastRecordLine { get; private set; }

        public int LastRecordEndColumn { get; private set; }

        private bool AtEnd => _position >= content.Length;

        private bool AtLineBreak => !AtEnd && content[_position] is '\n' or '\r';

        /// <summary>Skips empty lines; returns whether a record follows.</summary>
        public bool SkipBlankLines()
        {
            while (AtLineBreak) SkipLineBreak();
            return !AtEnd;
        }

        public List<string> ReadRecord()
        {
            var fields = new List<string>();
            while (true)
            {
                fields.Add(!AtEnd && content[_position] == '"' ? ReadQuoted() : ReadUnquoted());
                if (AtEnd || AtLineBreak) break;
                Advance();
            }
            LastRecordLine = _line;
            LastRecordEndColumn = _column;
            if (AtLineBreak) SkipLineBreak();
            return fields;
        }

        private string ReadUnquoted()
        {
            int start = _position;
            while (!AtEnd && !AtLineBreak && content[_position] != delimiter) Advance();
            return content[start.._position];
        }

        private string ReadQuoted()
        {
            int openLine = _line, openColumn = _column;
            Advance();
            var field = new StringBuilder();
            while (true)
            {
                if (AtEnd)
                    throw new LabelledTextFormatException(source, openLine, openColumn,
                        "the quoted field that starts here is never closed.");
                char c = content[_position];
                Advance();
                if (c != '"') field.Append(c);
                else if (!AtEnd && content[_position] == '"')
                {
                    field.Append('"');
                    Advance();
                }
                else break;
            }
            if (!AtEnd && !AtLineBreak && content[_position] != delimiter)
                throw new LabelledTextFormatException(source, _line, _column,
                    $"unexpected '{content[_position]}' after a closing quote; expected the delimiter or the end of " +
                    "the line (a quote inside a quoted field is written \"\").");
            return field.ToString();
        }

        private void SkipLineBreak()
        {
            if (content[_position] == '\r' && _position + 1 < content.Length && content[_position + 1] == '\n') _position++;
            Advance();
        }

        // A line ends at LF, at the LF of CRLF, or at a CR not followed by LF.
        private void Advance()
        {
            char c = content[_position++];
            bool lineEnds = c == '\n' || (c == '\r' && (AtEnd || content[_position] != '\n'));
            if (lineEnds)
            {
                _line++;
                _column = 1;
            }
            else _column++;
        }
    }
}
