using System.Globalization;
using NotebookRnn.Tensors;
using NotebookRnn.Layers;

namespace NotebookRnn.Sequences;

/// <summary>
/// Sequence preprocessing with Keras semantics (<c>keras.utils.pad_sequences</c>, Keras 2's
/// <c>keras.preprocessing.sequence</c>): padding and truncation of token ids, real values, vectors and strings,
/// bucketing by length (tf.data's <c>bucket_by_sequence_length</c>) and padding-optimal bucket boundaries.
/// </summary>
public static partial class Sequences
{
    /// <summary>Largest magnitude of an integer that float32 represents exactly (2^24).</summary>
    public const int MaxExactInteger = 1 << 24;

    /// <summary>
    /// Pads token-id sequences to a common length, like Keras 2's <c>pad_sequences</c>: each row of the result
    /// holds <c>min(length, maxLen)</c> real ids and is filled up with <paramref name="value"/>.
    /// </summary>
    /// <param name="sequences">The sequences of token ids (an <c>int[][]</c> or <c>List&lt;int[]&gt;</c> works).</param>
    /// <param name="maxLen">Steps per row; <c>null</c> (default) = the longest sequence; 0 gives a zero-width result.</param>
    /// <param name="dtype">
    /// Keras dtype name, <c>"int32"</c> (default) or <c>"float32"</c>. Values are float32 tensors either way; with
    /// <c>"int32"</c> the fill <paramref name="value"/> is truncated toward zero, as numpy's cast does.
    /// </param>
    /// <param name="padding">Where padding goes; default <see cref="Padding.Pre"/>.</param>
    /// <param name="truncating">Which end of a too-long sequence is cut; default <see cref="Truncating.Pre"/> (keeps the last steps).</param>
    /// <param name="value">The padding value; default 0.</param>
    /// <returns><see cref="PaddedSequences.Values"/> of shape (samples, maxLen), with lengths and mask.</returns>
    /// <remarks>An empty sequence becomes a row of <paramref name="value"/>. No sequences and no maxLen give shape (0, 0).</remarks>
    /// <exception cref="ArgumentNullException"><paramref name="sequences"/> or one of its sequences is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="maxLen"/> is negative.</exception>
    /// <exception cref="ArgumentException">
    /// <paramref name="dtype"/> is not understood, an enum value is undefined, <paramref name="value"/> is not finite
    /// with <c>"int32"</c>, or a kept id's magnitude exceeds 2^24 (<see cref="MaxExactInteger"/>).
    /// </exception>
    public static PaddedSequences PadSequences(
        IReadOnlyList<IReadOnlyList<int>> sequences, int? maxLen = null, string dtype = "int32",
        Padding padding = Padding.Pre, Truncating truncating = Truncating.Pre, float value = 0f)
    {
        ArgumentNullException.ThrowIfNull(sequences);
        float fill = FillValue(value, IsIntegerDType(dtype));
        return PadScalars(sequences, maxLen, padding, truncating, fill, (id, row, step) =>
            id <= MaxExactInteger && id >= -MaxExactInteger
                ? id
                : throw new ArgumentException(
                    $"Token id {id} at step {step} of sequence {row} cannot be held exactly by float32: " +
                    $"expected |id| ≤ {MaxExactInteger.ToString("N0", CultureInfo.InvariantCulture)} (2^24).",
                    nameof(sequences)));
    }

    /// <summary>
    /// Pads sequences of real values to a common length, like Keras's <c>pad_sequences</c> with <c>dtype="float32"</c>:
    /// each row holds <c>min(length, maxLen)</c> real values and is filled up with <paramref name="value"/>.
    /// </summary>
    /// <param name="sequences">The sequences (a <c>float[][]</c> or <c>List&lt;float[]&gt;</c> works).</param>
    /// <param name="maxLen">Steps per row; <c>null</c> (default) = the longest sequence; 0 gives a zero-width result.</param>
    /// <param name="dtype">
    /// <c>"float32"</c> (default) or <c>"int32"</c>. Keras defaults to <c>"int32"</c> even for real values, which
    /// silently truncates them; we default to <c>"float32"</c>, as for vector sequences. Pass <c>"int32"</c> to
    /// reproduce Keras: every value (and <paramref name="value"/>) is truncated toward zero.
    /// </param>
    /// <param name="padding">Where padding goes; default <see cref="Padding.Pre"/>.</param>
    /// <param name="truncating">Which end of a too-long sequence is cut; default <see cref="Truncating.Pre"/> (keeps the last steps).</param>
    /// <param name="value">The padding value; default 0.</param>
    /// <returns><see cref="PaddedSequences.Values"/> of shape (samples, maxLen), with lengths and mask.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="sequences"/> or one of its sequences is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="maxLen"/> is negative.</exception>
    /// <exception cref="ArgumentException">
    /// <paramref name="dtype"/> is not understood, an enum value is undefined, or <paramref name="value"/> is not
    /// finite with <c>"int32"</c>.
    /// </exception>
    public static PaddedSequences PadSequences(
        IReadOnlyList<IReadOnlyList<float>> sequences, int? maxLen = null, string dtype = "float32",
        Padding padding = Padding.Pre, Truncating truncating = Truncating.Pre, float value = 0f)
    {
        ArgumentNullException.ThrowIfNull(sequences);
        bool integer = IsIntegerDType(dtype);
        float fill = FillValue(value, integer);
        return PadScalars(sequences, maxLen, padding, truncating, fill, (x, _, _) => integer ? MathF.Truncate(x) : x);
    }

    // values: (samples, maxLen) ← each sequence's kept steps, converted by toFloat(value, row, step).
    private static PaddedSequences PadScalars<T>(IReadOnlyList<IReadOnlyList<T>> sequences, int? maxLen,
        Padding padding, Truncating truncating, float fill, Func<T, int, int, float> toFloat)
    {
        CheckModes(padding, truncating);
        int[] originalLengths = new int[sequences.Count];
        for (int row = 0; row < sequences.Count; row++)
            originalLengths[row] = (sequences[row] ?? throw NullSequence(row)).Count;
        int steps = ResolveMaxLen(maxLen, originalLengths);

        var values = new Tensor(sequences.Count, steps);
        values.Span.Fill(fill);
        var lengths = new int[sequences.Count];
        for (int row = 0; row < sequences.Count; row++)
        {
            IReadOnlyList<T> sequence = sequences[row];
            int kept = Math.Min(sequence.Count, steps);
            int source = truncating == Truncating.Pre ? sequence.Count - kept : 0;
            Span<float> destination = values.Row(row).Slice(padding == Padding.Pre ? steps - kept : 0, kept);
            for (int t = 0; t < kept; t++) destination[t] = toFloat(sequence[source + t], row, source + t);
            lengths[row] = kept;
        }
        return new PaddedSequences(values, lengths, originalLengths, padding, truncating);
    }

    /// <summary>
    /// Pads sequences of feature vectors to a common length, like Keras 2's <c>pad_sequences</c> on 3-D input:
    /// each row holds <c>min(length, maxLen)</c> real steps; padded steps are vectors filled with <paramref name="value"/>.
    /// </summary>
    /// <param name="sequences">Sequences of steps, each step a vector of the same size (a <c>float[][][]</c> works).</param>
    /// <param name="maxLen">Steps per row; <c>null</c> (default) = the longest sequence; 0 gives a zero-width result.</param>
    /// <param name="dtype">
    /// <c>"float32"</c> (default) or <c>"int32"</c>. Keras defaults to <c>"int32"</c> even here, which silently truncates
    /// real-valued features; we default to <c>"float32"</c>. Pass <c>"int32"</c> to reproduce Keras: every value
    /// (and <paramref name="value"/>) is truncated toward zero.
    /// </param>
    /// <param name="padding">Where padding goes; default <see cref="Padding.Pre"/>.</param>
    /// <param name="truncating">Which end of a too-long sequence is cut; default <see cref="Truncating.Pre"/>.</param>
    /// <param name="value">The padding value; default 0.</param>
    /// <returns>
    /// <see cref="PaddedSequences.Values"/> of shape (samples, maxLen, features). The feature size is taken from the
    /// first step of the first non-empty sequence; when every sequence is empty it is 0.
    /// </returns>
    /// <exception cref="ArgumentNullException"><paramref name="sequences"/>, a sequence or a step is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="maxLen"/> is negative.</exception>
    /// <exception cref="ArgumentException">
    /// A step's size differs from the first one's (every step is checked, kept or not; the message names the
    /// sequence, the step and both shapes), <paramref name="dtype"/> is not understood, or an enum value is undefined.
    /// </exception>
    public static PaddedSequences PadSequences(
        IReadOnlyList<IReadOnlyList<IReadOnlyList<float>>> sequences, int? maxLen = null, string dtype = "float32",
        Padding padding = Padding.Pre, Truncating truncating = Truncating.Pre, float value = 0f)
    {
        ArgumentNullException.ThrowIfNull(sequences);
        bool integer = IsIntegerDType(dtype);
        float fill = FillValue(value, integer);
        CheckModes(padding, truncating);
        int[] originalLengths = new int[sequences.Count];
        int features = CheckedFeatureSize(sequences, originalLengths);
        int steps = ResolveMaxLen(maxLen, originalLengths);

        var values = new Tensor(sequences.Count, steps, features);
        values.Span.Fill(fill);
        var lengths = new int[sequences.Count];
        for (int row = 0; row < sequences.Count; row++)
        {
            IReadOnlyList<IReadOnlyList<float>> sequence = sequences[row];
            int kept = Math.Min(sequence.Count, steps);
            int source = truncating == Truncating.Pre ? sequence.Count - kept : 0;
            Span<float> destination = values.Row(row)
                .Slice((padding == Padding.Pre ? steps - kept : 0) * features, kept * features);
            for (int t = 0; t < kept; t++)
            {
                IReadOnlyList<float> step = sequence[source + t];
                for (int f = 0; f < features; f++)
                    destination[t * features + f] = integer ? MathF.Truncate(step[f]) : step[f];
            }
            lengths[row] = kept;
        }
        return new PaddedSequences(values, lengths, originalLengths, padding, truncating);
    }

    /// <summary>Parses a Keras padding name, <c>"pre"</c> or <c>"post"</c> (case-insensitive).</summary>
    /// <exception cref="ArgumentException">The name is neither, e.g. <c>Padding type "middle" not understood</c>.</exception>
    public static Padding ParsePadding(string padding) => padding?.Trim().ToLowerInvariant() switch
    {
        "pre" => Padding.Pre,
        "post" => Padding.Post,
        _ => throw new ArgumentException(
            $"Padding type \"{padding}\" not understood: expected \"pre\" or \"post\".", nameof(padding)),
    };

    /// <summary>Parses a Keras truncating name, <c>"pre"</c> or <c>"post"</c> (case-insensitive).</summary>
    /// <exception cref="ArgumentException">The name is neither, e.g. <c>Truncating type "middle" not understood</c>.</exception>
    public static Truncating ParseTruncating(string truncating) => truncating?.Trim().ToLowerInvariant() switch
    {
        "pre" => Truncating.Pre,
        "post" => Truncating.Post,
        _ => throw new ArgumentException(
            $"Truncating type \"{truncating}\" not understood: expected \"pre\" or \"post\".", nameof(truncating)),
    };

    private static bool IsIntegerDType(string dtype) => dtype switch
    {
        "int32" => true,
        "float32" => false,
        _ => throw new ArgumentException(
            $"dtype \"{dtype}\" not understood: expected \"int32\" or \"float32\" (values are float32 tensors either way).",
            nameof(dtype)),
    };

    private static float FillValue(float value, bool integer)
    {
        if (!integer) return value;
        if (!float.IsFinite(value))
            throw new ArgumentException($"With dtype \"int32\" the padding value must be finite, got {value}.", nameof(value));
        return MathF.Truncate(value);
    }

    private static void CheckModes(Padding padding, Truncating truncating)
    {
        if (!Enum.IsDefined(padding))
            throw new ArgumentException($"Padding type \"{(int)padding}\" not understood: expected Pre or Post.", nameof(padding));
        if (!Enum.IsDefined(truncating))
            throw new ArgumentException(
                $"Truncating type \"{(int)truncating}\" not understood: expected Pre or Post.", nameof(truncating));
    }

    private static int ResolveMaxLen(int? maxLen, int[] lengths)
    {
        if (maxLen is int given)
        {
            if (given < 0)
                throw new ArgumentOutOfRangeException(nameof(maxLen), given, "Expected maxLen ≥ 0 (or null for the longest sequence).");
            return given;
        }
        return lengths.Length == 0 ? 0 : lengths.Max();
    }

    private static int CheckedFeatureSize(IReadOnlyList<IReadOnlyList<IReadOnlyList<float>>> sequences, int[] lengths)
    {
        int features = -1, firstRow = -1;
        for (int row = 0; row < sequences.Count; row++)
        {
            IReadOnlyList<IReadOnlyList<float>> sequence = sequences[row] ?? throw NullSequence(row);
            lengths[row] = sequence.Count;
            for (int t = 0; t < sequence.Count; t++)
            {
                IReadOnlyList<float> step = sequence[t] ?? throw new ArgumentNullException(
                    nameof(sequences), $"Step {t} of sequence {row} is null.");
                if (features < 0)
                {
                    features = step.Count;
                    firstRow = row;
                }
                else if (step.Count != features)
                    throw new ArgumentException(
                        $"Step {t} of sequence {row} has shape ({step.Count},), different from the expected shape " +
                        $"({features},) set by sequence {firstRow}.", nameof(sequences));
            }
        }
        return Math.Max(features, 0);
    }

    private static ArgumentNullException NullSequence(int row) =>
        new("sequences", $"Sequence {row} is null; an empty sequence must be an empty list.");
}
