using NotebookRnn.Datasets;
using NotebookRnn.Tensors;
using NotebookRnn.Text;

namespace NotebookRnn.Tests.Datasets;

public class CharacterTranslationTests
{
    private static readonly TranslationPair[] Pairs = [new("ab", "xy"), new("b", "yyx")];

    [Fact]
    public void The_vocabularies_are_sorted_as_keras_builds_them_with_padding_start_and_end()
    {
        CharacterTranslation encoding = CharacterTranslation.FromPairs(Pairs);
        Assert.Equal(" ab", new string([.. encoding.SourceVocabulary.Characters]));
        Assert.Equal("\t\nxy", new string([.. encoding.TargetVocabulary.Characters]));
        Assert.Equal((2, 3, 4), (encoding.MaxSourceLength, encoding.MaxTargetLength, encoding.DecoderSteps));
        Assert.Equal((0, 1), (encoding.StartId, encoding.EndId));
    }

    [Fact]
    public void Sources_are_one_hot_and_padded_with_spaces_after_their_end()
    {
        CharacterTranslation encoding = CharacterTranslation.FromPairs(Pairs);
        Tensor x = encoding.EncoderInputs(Pairs);
        Assert.Equal([2, 2, 3], x.Shape);
        Assert.Equal([0, 1, 0, 0, 0, 1, /* "b " */ 0, 0, 1, 1, 0, 0], x.ToArray());
    }

    [Fact]
    public void The_decoder_reads_start_then_the_target_and_is_taught_the_target_then_end_one_step_ahead()
    {
        CharacterTranslation encoding = CharacterTranslation.FromPairs(Pairs);
        Tensor inputs = encoding.DecoderInputs(Pairs), targets = encoding.DecoderTargets(Pairs);
        Assert.Equal([2, 4, 4], inputs.Shape);
        Assert.Equal([2, 4, 4], targets.Shape);
        Assert.Equal(["\txy", "\tyyx"], Ids(inputs).Select(ids => new string([.. ids.Select(id => encoding.TargetVocabulary.Characters[id])])));
        Assert.Equal(["xy\n", "yyx\n"], Ids(targets).Select(ids => new string([.. ids.Select(id => encoding.TargetVocabulary.Characters[id])])));
        Assert.All(Enumerable.Range(0, 4), k => Assert.Equal(0f, targets[0, 3, k]));
    }

    [Fact]
    public void Decoding_stops_at_the_first_end_token()
    {
        CharacterTranslation encoding = CharacterTranslation.FromPairs(Pairs);
        Assert.Equal("xy", encoding.DecodeTarget([2, 3, 1, 2, 2]));
        Assert.Equal("yyy", encoding.DecodeTarget([3, 3, 3]));
    }

    [Fact]
    public void Too_long_or_unknown_text_and_vocabularies_without_their_tokens_are_refused_by_name()
    {
        CharacterTranslation encoding = CharacterTranslation.FromPairs(Pairs);
        var tooLong = Assert.Throws<ArgumentException>(() => encoding.EncoderInputs(["abb"]));
        Assert.Contains("Source 0 \"abb\" has 3 characters; expected at most 2", tooLong.Message);
        Assert.Equal("sources", tooLong.ParamName);
        Assert.Throws<ArgumentException>(() => encoding.EncoderInputs(["c"]));
        Assert.Equal("pairs", Assert.Throws<ArgumentException>(() => encoding.DecoderInputs([new("a", "xyxy")])).ParamName);
        Assert.Equal("target", Assert.Throws<ArgumentException>(() =>
            new CharacterTranslation(new CharacterVocabulary(" a"), new CharacterVocabulary("\tx"), 1, 1)).ParamName);
        Assert.Equal("source", Assert.Throws<ArgumentException>(() =>
            new CharacterTranslation(new CharacterVocabulary("a"), new CharacterVocabulary("\t\nx"), 1, 1)).ParamName);
        Assert.Throws<ArgumentException>(() => CharacterTranslation.FromPairs([new("a", "x\n")]));
        Assert.Throws<ArgumentException>(() => CharacterTranslation.FromPairs([]));
    }

    // The id of each one-hot step (rows that are all zeros are left out).
    private static int[][] Ids(Tensor oneHot) =>
        [.. Enumerable.Range(0, oneHot.Dim(0)).Select(i => Enumerable.Range(0, oneHot.Dim(1))
            .Select(t => Enumerable.Range(0, oneHot.Dim(2)).FirstOrDefault(k => oneHot[i, t, k] == 1, -1)).Where(id => id >= 0).ToArray())];
}
