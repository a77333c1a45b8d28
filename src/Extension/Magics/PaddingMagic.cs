using System.Globalization;

namespace NotebookRnn.Notebook.Magics;

/// <summary>
/// <c>#!rnn-padding &lt;variable&gt;</c>: the padding view of a set of sequences — token ids (<c>int[][]</c>,
/// <c>List&lt;int[]&gt;</c>), feature vectors (<c>float[][][]</c>), a <see cref="PaddedSequences"/> or a
/// <see cref="PaddingReport"/>. The heatmap shows the first 32 samples padded as the options say.
/// </summary>
internal static class PaddingMagic
{
    public static MagicInfo Info { get; } = new("#!rnn-padding",
        "#!rnn-padding <variable> [--max-len N|auto] [--padding pre|post] [--truncating pre|post] [--buckets K]",
        "Shows how much padding a set of sequences costs: length histogram, strategies, one batch as a heatmap.",
        [
            new("--variable", Implicit: true, Required: true, "a variable holding sequences or a PaddingReport"),
            new("--max-len", Implicit: false, Required: false, "N|auto (auto = the 95th percentile, rounded up)"),
            new("--padding", Implicit: false, Required: false, "pre|post"),
            new("--truncating", Implicit: false, Required: false, "pre|post"),
            new("--buckets", Implicit: false, Required: false, "K ≥ 1"),
        ]);

    public static MagicResult Run(ParsedMagic command, IVariableLookup variables, NotebookSettings settings)
    {
        string name = command.Text("--variable")!;
        object value = MagicVariables.Require(variables, name);
        if (value is PaddingReport report)
        {
            string? option = new[] { "--max-len", "--padding", "--truncating", "--buckets" }.FirstOrDefault(command.Has);
            if (option is not null)
                throw new MagicError($"{option} needs the sequences, but '{name}' is a PaddingReport, which has fixed them already");
            return MagicResult.Show(Renderers.Render(report, settings.Render)!);
        }
        return MagicResult.Show(Renderers.Render(View(command, name, value), settings.Render)!);
    }

    private static PaddingView View(ParsedMagic command, string name, object value)
    {
        Padding? padding = command.Choice("--padding", "pre", "post") is { } p ? Sequences.ParsePadding(p) : null;
        Truncating? truncating = command.Choice("--truncating", "pre", "post") is { } t ? Sequences.ParseTruncating(t) : null;
        int buckets = command.Integer("--buckets", 1) ?? 4;
        if (value is PaddedSequences padded && !command.Has("--max-len") && padding is null)
        {
            // Already padded: draw its own mask, the exact padding it holds.
            PaddingReport own = PaddingReport.Analyse(padded.OriginalLengths, padded.MaxLen, padded.Padding,
                truncating ?? padded.Truncating, buckets);
            int[] first = [.. Enumerable.Range(0, Math.Min(PaddingView.DefaultBatchSize, padded.Lengths.Length))];
            return new PaddingView(own, padded.Mask.Gather(first));
        }
        IReadOnlyList<int> lengths = Lengths(name, value);
        if (lengths.Count == 0) throw new MagicError($"'{name}' holds no sequence");
        int? maxLen = MaxLen(command, lengths) ?? (value as PaddedSequences)?.MaxLen;
        return PaddingView.FromLengths(lengths, maxLen, padding ?? (value as PaddedSequences)?.Padding ?? Padding.Pre,
            truncating ?? (value as PaddedSequences)?.Truncating ?? Truncating.Pre, buckets);
    }

    private static int? MaxLen(ParsedMagic command, IReadOnlyList<int> lengths)
    {
        string? text = command.Text("--max-len");
        if (text is null) return null;
        if (text.Equals("auto", StringComparison.OrdinalIgnoreCase)) return (int)Math.Ceiling(PaddingReport.Analyse(lengths).P95);
        return int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out int maxLen) && maxLen >= 0
            ? maxLen
            : throw new MagicError($"--max-len must be an integer ≥ 0 or auto, got '{text}'");
    }

    private static IReadOnlyList<int> Lengths(string name, object value) => value switch
    {
        PaddedSequences padded => padded.OriginalLengths,
        IReadOnlyList<IReadOnlyList<int>> tokens => [.. tokens.Select((s, i) => s?.Count ?? throw NullSequence(name, i))],
        IReadOnlyList<IReadOnlyList<IReadOnlyList<float>>> vectors => [.. vectors.Select((s, i) => s?.Count ?? throw NullSequence(name, i))],
        _ => throw new MagicError(
            $"{MagicVariables.Is(name, value)}, expected token sequences (int[][]), vector sequences (float[][][]), " +
            "PaddedSequences or a PaddingReport"),
    };

    private static MagicError NullSequence(string name, int index) => new($"sequence {index} of '{name}' is null");
}
