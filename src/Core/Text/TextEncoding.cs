namespace NotebookRnn.Text;

/// <summary>How <see cref="TextFile"/> turns a file's bytes into characters.</summary>
public enum TextEncoding
{
    /// <summary>ISO-8859-1: every byte is the character U+0000–U+00FF of the same value; never invalid.</summary>
    Latin1,

    /// <summary>UTF-8: invalid byte sequences are an error unless replacement is asked for; a leading BOM is skipped.</summary>
    Utf8,
}
