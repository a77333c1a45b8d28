using NotebookRnn.Kernels;
using NotebookRnn.Sequences;
using NotebookRnn.Layers;

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

    public static MagicResult Run(RnnPaddingCommand command, IVariableLookup variables, NotebookSettings settings) =>
        MagicResult.Of(Info, () =>
        {
            string name = MagicVariables.Name(command.Variable, "<variable>");
            object value = MagicVariables.Require(variables, name);
            int buckets = command.Buckets ?? 4;
            if (value is PaddingReport report)
            {
                string? option = command.MaxLen is not null ? "--max-len" : command.Padding is not null ? "--padding"
                    : command.Truncating is not null ? "--truncating" : command.Buckets is not null ? "--buckets" : null;
                if (option is not null)
                    throw new MagicError($"{option} needs the sequences, but '{name}' is a PaddingReport, which has fixed them already");
                return MagicResult.Show(Renderers.Render(report, settings.Render)!);
            }
            return MagicResult.Show(Renderers.Render(View(command, name, value, buckets), settings.Render)!);
        });

    private static PaddingView View(RnnPaddingCommand command, string name, object value, int buckets)
    {
        var padded = value as PaddedSequences;
        if (padded is not null && command.MaxLen is null && command.Padding is null && command.Truncating is null)
            return PaddingView.FromPadded(padded, buckets);
        IReadOnlyList<int> lengths = Lengths(name, value);
        if (lengths.Count == 0) throw new MagicError($"'{name}' holds no sequence");
        int? maxLen = command.MaxLen is { } requested
            ? requested.Steps ?? (int)Math.Ceiling(PaddingReport.Analyse(lengths).P95)
            : padded?.MaxLen;
        return PaddingView.FromLengths(lengths, maxLen, command.Padding ?? padded?.Padding ?? Padding.Pre,
            command.Truncating ?? padded?.Truncating ?? Truncating.Pre, buckets);
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
