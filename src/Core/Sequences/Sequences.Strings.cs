using System.Globalization;
using System.Text;
using NotebookRnn.Layers;

namespace NotebookRnn.Sequences;

public static partial class Sequences
{
    /// <summary>
    /// Pads sequences of strings to a common length, like Keras's <c>pad_sequences</c> with <c>dtype=object</c> or
    /// a numpy unicode dtype: each row holds <c>min(length, maxLen)</c> strings and is filled up with <paramref name="value"/>.
    /// </summary>
    /// <param name="sequences">The sequences of strings (a <c>string[][]</c> or <c>List&lt;string[]&gt;</c> works).</param>
    /// <param name="value">The padding string (Keras's <c>value</c>; required here, as Keras's default 0.0 is no string).</param>
    /// <param name="maxLen">Steps per row; <c>null</c> (default) = the longest sequence; 0 gives empty rows.</param>
    /// <param name="dtype">
    /// <c>"object"</c> (default; Keras's <c>dtype=object</c>): strings kept whole. A numpy unicode dtype
    /// <c>"&lt;U<i>n</i>"</c> (also <c>"U<i>n</i>"</c>, <c>"&gt;U<i>n</i>"</c>, <c>"=U<i>n</i>"</c>): every string, the
    /// padding value too, cut to its first <i>n</i> code points, as numpy stores them; <c>"U"</c> and <c>"str"</c>
    /// are numpy's one-character width. Keras's default dtype, <c>"int32"</c>, and any other are refused, as Keras does.
    /// </param>
    /// <param name="padding">Where padding goes; default <see cref="Padding.Pre"/>.</param>
    /// <param name="truncating">Which end of a too-long sequence is cut; default <see cref="Truncating.Pre"/> (keeps the last steps).</param>
    /// <returns>(samples) rows of maxLen strings each.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="sequences"/>, a sequence or <paramref name="value"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="maxLen"/> is negative.</exception>
    /// <exception cref="ArgumentException">
    /// <paramref name="dtype"/> is not a string dtype (<c>`dtype` int32 is not compatible with `value`'s type</c>), or
    /// an enum value is undefined.
    /// </exception>
    public static string[][] PadSequences(
        IReadOnlyList<IReadOnlyList<string>> sequences, string value, int? maxLen = null, string dtype = "object",
        Padding padding = Padding.Pre, Truncating truncating = Truncating.Pre)
    {
        ArgumentNullException.ThrowIfNull(sequences);
        ArgumentNullException.ThrowIfNull(value);
        int? width = StringWidth(dtype);
        CheckModes(padding, truncating);
        int[] originalLengths = new int[sequences.Count];
        for (int row = 0; row < sequences.Count; row++)
            originalLengths[row] = (sequences[row] ?? throw NullSequence(row)).Count;
        int steps = ResolveMaxLen(maxLen, originalLengths);

        string fill = Cut(value, width);
        var rows = new string[sequences.Count][];
        for (int row = 0; row < sequences.Count; row++)
        {
            IReadOnlyList<string> sequence = sequences[row];
            int kept = Math.Min(sequence.Count, steps);
            int source = truncating == Truncating.Pre ? sequence.Count - kept : 0;
            int start = padding == Padding.Pre ? steps - kept : 0;
            rows[row] = new string[steps];
            Array.Fill(rows[row], fill);
            for (int t = 0; t < kept; t++) rows[row][start + t] = Cut(sequence[source + t], width);
        }
        return rows;
    }

    // numpy's unicode dtypes: "<U3" holds 3 code points; "U", "U0" and str allocate 1 for an empty array (np.full).
    private static int? StringWidth(string dtype)
    {
        ArgumentNullException.ThrowIfNull(dtype);
        if (dtype == "object") return null;
        if (dtype == "str") return 1;
        string unicode = dtype.Length > 0 && dtype[0] is '<' or '>' or '=' ? dtype[1..] : dtype;
        if (unicode.StartsWith('U'))
        {
            if (unicode.Length == 1) return 1;
            if (int.TryParse(unicode.AsSpan(1), NumberStyles.None, CultureInfo.InvariantCulture, out int width))
                return Math.Max(1, width);
        }
        throw new ArgumentException(
            $"`dtype` {dtype} is not compatible with `value`'s type: string. Expected \"object\" for variable length " +
            "strings, or a numpy unicode dtype such as \"<U3\" (strings cut to 3 characters).", nameof(dtype));
    }

    private static string Cut(string text, int? width)
    {
        if (text is null || width is not int limit || text.Length <= limit) return text!;
        var cut = new StringBuilder();
        int count = 0;
        foreach (Rune rune in text.EnumerateRunes())
        {
            if (count++ == limit) break;
            cut.Append(rune.ToString());
        }
        return cut.ToString();
    }
}
