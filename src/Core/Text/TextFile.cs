using System.Buffers;
using System.Text;
using System.Text.Unicode;

namespace NotebookRnn.Text;

/// <summary>Reads a whole text file with an explicit encoding, reporting invalid bytes instead of hiding them.</summary>
public static class TextFile
{
    private static readonly byte[] Utf8Bom = [0xEF, 0xBB, 0xBF];

    /// <summary>Reads the file at <paramref name="path"/> as one string.</summary>
    /// <param name="path">The file to read.</param>
    /// <param name="encoding">
    /// <see cref="TextEncoding.Latin1"/>: one character per byte. <see cref="TextEncoding.Utf8"/>: strict UTF-8, a
    /// leading byte-order mark is skipped.
    /// </param>
    /// <param name="replaceInvalid">
    /// UTF-8 only: false (default) throws at the first invalid sequence; true decodes each invalid sequence as U+FFFD.
    /// </param>
    /// <exception cref="InvalidTextEncodingException">The file is not valid UTF-8 and <paramref name="replaceInvalid"/> is false.</exception>
    /// <exception cref="FileNotFoundException">The file does not exist.</exception>
    public static string Read(string path, TextEncoding encoding, bool replaceInvalid = false)
    {
        ArgumentNullException.ThrowIfNull(path);
        return Decode(File.ReadAllBytes(path), encoding, replaceInvalid, path);
    }

    /// <summary>Decodes <paramref name="bytes"/> as <see cref="Read"/> decodes a file.</summary>
    /// <param name="bytes">The encoded text.</param>
    /// <param name="encoding">The encoding of <paramref name="bytes"/>.</param>
    /// <param name="replaceInvalid">UTF-8 only: decode invalid sequences as U+FFFD instead of throwing.</param>
    /// <param name="source">Names the bytes in error messages (a file path, usually).</param>
    /// <exception cref="InvalidTextEncodingException">The bytes are not valid UTF-8 and <paramref name="replaceInvalid"/> is false.</exception>
    /// <exception cref="ArgumentException"><paramref name="encoding"/> is not a defined value.</exception>
    public static string Decode(ReadOnlySpan<byte> bytes, TextEncoding encoding, bool replaceInvalid = false, string source = "<bytes>")
    {
        switch (encoding)
        {
            case TextEncoding.Latin1:
                return Encoding.Latin1.GetString(bytes);
            case TextEncoding.Utf8:
                int skipped = bytes.StartsWith(Utf8Bom) ? Utf8Bom.Length : 0;
                return DecodeUtf8(bytes, skipped, replaceInvalid, source);
            default:
                throw new ArgumentException(
                    $"Text encoding {(int)encoding} not understood: expected Latin1 or Utf8.", nameof(encoding));
        }
    }

    private static string DecodeUtf8(ReadOnlySpan<byte> bytes, int start, bool replaceInvalid, string source)
    {
        char[] buffer = ArrayPool<char>.Shared.Rent(Math.Max(1, bytes.Length - start));
        try
        {
            OperationStatus status = Utf8.ToUtf16(bytes[start..], buffer, out int read, out int written,
                replaceInvalidSequences: replaceInvalid, isFinalBlock: true);
            if (status != OperationStatus.Done)
                throw Invalid(bytes, start + read, source);
            return new string(buffer, 0, written);
        }
        finally
        {
            ArrayPool<char>.Shared.Return(buffer);
        }
    }

    private static InvalidTextEncodingException Invalid(ReadOnlySpan<byte> bytes, int offset, string source)
    {
        ReadOnlySpan<byte> before = bytes[..offset];
        int line = before.Count((byte)'\n') + 1;
        int column = offset - (before.LastIndexOf((byte)'\n') + 1) + 1;
        byte[] shown = bytes.Slice(offset, Math.Min(4, bytes.Length - offset)).ToArray();
        return new InvalidTextEncodingException(source, "UTF-8", offset, line, column, shown);
    }
}
