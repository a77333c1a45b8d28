using NotebookRnn.Tensors;
using NotebookRnn.Text;

namespace NotebookRnn.Datasets;

/// <summary>
/// The vectorization of Keras's <c>lstm_seq2seq</c> for character-level translation: a source vocabulary, a target
/// vocabulary with a start token (<see cref="Start"/>, tab) and an end token (<see cref="End"/>, newline), and one-hot
/// tensors for teacher forcing. For a target <c>y₁…yₙ</c> the decoder reads <c>start y₁ … yₙ</c> and is trained to
/// write <c>y₁ … yₙ end</c>, one step ahead of what it reads.
/// </summary>
public sealed class CharacterTranslation
{
    /// <summary>The token a decoder starts from (Keras's <c>"\t"</c>).</summary>
    public const char Start = '\t';

    /// <summary>The token that ends a decoded sequence (Keras's <c>"\n"</c>).</summary>
    public const char End = '\n';

    /// <summary>The character sources are padded with, after their end (Keras pads with <c>" "</c>).</summary>
    public const char SourcePadding = ' ';

    /// <summary>An encoding with these vocabularies and lengths.</summary>
    /// <param name="source">The source characters; must hold <see cref="SourcePadding"/>.</param>
    /// <param name="target">The target characters; must hold <see cref="Start"/> and <see cref="End"/>.</param>
    /// <param name="maxSourceLength">Encoder steps: sources are padded to this length (≥ 1).</param>
    /// <param name="maxTargetLength">The longest target without start and end (≥ 1); the decoder runs one step more.</param>
    /// <exception cref="ArgumentException">A vocabulary lacks a character it must hold.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A length is below 1.</exception>
    public CharacterTranslation(CharacterVocabulary source, CharacterVocabulary target, int maxSourceLength, int maxTargetLength)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(target);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxSourceLength, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxTargetLength, 1);
        if (!source.CharIndices.ContainsKey(SourcePadding))
            throw new ArgumentException($"The source vocabulary must hold the padding ' ', got \"{new string([.. source.Characters])}\".", nameof(source));
        foreach (char token in new[] { Start, End })
            if (!target.CharIndices.ContainsKey(token))
                throw new ArgumentException($"The target vocabulary must hold the start token U+0009 and the end token U+000A; U+{(int)token:X4} is missing.", nameof(target));
        (SourceVocabulary, TargetVocabulary, MaxSourceLength, MaxTargetLength) = (source, target, maxSourceLength, maxTargetLength);
    }

    /// <summary>
    /// The encoding of these pairs, as Keras builds it: the sorted characters of the sources (and the padding) and of the
    /// targets (and start and end); the longest source and target.
    /// </summary>
    /// <exception cref="ArgumentException">There is no pair, or a target holds the start or end token.</exception>
    public static CharacterTranslation FromPairs(IEnumerable<TranslationPair> pairs)
    {
        ArgumentNullException.ThrowIfNull(pairs);
        var sourceCharacters = new HashSet<char> { SourcePadding };
        var targetCharacters = new HashSet<char> { Start, End };
        int maxSource = 0, maxTarget = 0, count = 0;
        foreach (TranslationPair pair in pairs)
        {
            if (pair.Target.AsSpan().IndexOfAny(Start, End) >= 0)
                throw new ArgumentException($"Target \"{pair.Target}\" holds the start or end token (tab, newline).", nameof(pairs));
            sourceCharacters.UnionWith(pair.Source);
            targetCharacters.UnionWith(pair.Target);
            (maxSource, maxTarget, count) = (Math.Max(maxSource, pair.Source.Length), Math.Max(maxTarget, pair.Target.Length), count + 1);
        }
        if (count == 0) throw new ArgumentException("Expected at least one pair, got none.", nameof(pairs));
        return new CharacterTranslation(new CharacterVocabulary(sourceCharacters.Order()), new CharacterVocabulary(targetCharacters.Order()),
            Math.Max(maxSource, 1), Math.Max(maxTarget, 1));
    }

    /// <summary>The source characters (the encoder's one-hot width is their count).</summary>
    public CharacterVocabulary SourceVocabulary { get; }

    /// <summary>The target characters with start and end (the decoder's one-hot width and softmax size).</summary>
    public CharacterVocabulary TargetVocabulary { get; }

    /// <summary>Encoder steps: every source is padded to this length.</summary>
    public int MaxSourceLength { get; }

    /// <summary>The longest target, without start and end.</summary>
    public int MaxTargetLength { get; }

    /// <summary>Decoder steps under teacher forcing: <see cref="MaxTargetLength"/> + 1.</summary>
    public int DecoderSteps => MaxTargetLength + 1;

    /// <summary>The id of <see cref="Start"/> in the target vocabulary.</summary>
    public int StartId => TargetVocabulary.IndexOf(Start);

    /// <summary>The id of <see cref="End"/> in the target vocabulary.</summary>
    public int EndId => TargetVocabulary.IndexOf(End);

    /// <summary>The encoder's inputs: one-hot sources, each padded with <see cref="SourcePadding"/> after its end.</summary>
    /// <returns>Shape (sources, <see cref="MaxSourceLength"/>, source vocabulary).</returns>
    /// <exception cref="ArgumentException">A source is longer than <see cref="MaxSourceLength"/> or has a character outside the vocabulary.</exception>
    public Tensor EncoderInputs(IReadOnlyList<string> sources)
    {
        ArgumentNullException.ThrowIfNull(sources);
        var x = new Tensor(sources.Count, MaxSourceLength, SourceVocabulary.Count);
        for (int i = 0; i < sources.Count; i++)
        {
            string source = sources[i] ?? throw new ArgumentException($"Source {i} is null.", nameof(sources));
            if (source.Length > MaxSourceLength)
                throw new ArgumentException($"Source {i} \"{source}\" has {source.Length} characters; expected at most {MaxSourceLength}.", nameof(sources));
            OneHot(SourceVocabulary.Encode(source.PadRight(MaxSourceLength, SourcePadding)), x.Row(i), SourceVocabulary.Count);
        }
        return x;
    }

    /// <inheritdoc cref="EncoderInputs(IReadOnlyList{string})"/>
    public Tensor EncoderInputs(IReadOnlyList<TranslationPair> pairs) => EncoderInputs([.. pairs.Select(p => p.Source)]);

    /// <summary>The decoder's inputs under teacher forcing: start, then the target; steps after it are all zeros.</summary>
    /// <returns>Shape (pairs, <see cref="DecoderSteps"/>, target vocabulary).</returns>
    /// <exception cref="ArgumentException">A target is longer than <see cref="MaxTargetLength"/> or has a character outside the vocabulary.</exception>
    public Tensor DecoderInputs(IReadOnlyList<TranslationPair> pairs) => Decoder(pairs, nameof(pairs), target => [StartId, .. target]);

    /// <summary>The decoder's targets: the target, then end, one step ahead of <see cref="DecoderInputs"/>; steps after it are all zeros (no loss).</summary>
    /// <returns>Shape (pairs, <see cref="DecoderSteps"/>, target vocabulary).</returns>
    /// <exception cref="ArgumentException">As for <see cref="DecoderInputs"/>.</exception>
    public Tensor DecoderTargets(IReadOnlyList<TranslationPair> pairs) => Decoder(pairs, nameof(pairs), target => [.. target, EndId]);

    /// <summary>The text of decoded ids, up to the first end token (ids after it are dropped).</summary>
    /// <exception cref="ArgumentOutOfRangeException">An id is outside the target vocabulary.</exception>
    public string DecodeTarget(IEnumerable<int> ids)
    {
        ArgumentNullException.ThrowIfNull(ids);
        int end = EndId;
        return TargetVocabulary.Decode(ids.TakeWhile(id => id != end));
    }

    private Tensor Decoder(IReadOnlyList<TranslationPair> pairs, string argument, Func<int[], int[]> steps)
    {
        ArgumentNullException.ThrowIfNull(pairs);
        var y = new Tensor(pairs.Count, DecoderSteps, TargetVocabulary.Count);
        for (int i = 0; i < pairs.Count; i++)
        {
            string target = pairs[i].Target;
            if (target.Length > MaxTargetLength)
                throw new ArgumentException($"Target {i} \"{target}\" has {target.Length} characters; expected at most {MaxTargetLength}.", argument);
            OneHot(steps(TargetVocabulary.Encode(target)), y.Row(i), TargetVocabulary.Count);
        }
        return y;
    }

    // ids: one per step; row: (steps, width), zero where no id is given.
    private static void OneHot(int[] ids, Span<float> row, int width)
    {
        for (int t = 0; t < ids.Length; t++) row[t * width + ids[t]] = 1;
    }
}
