using NotebookRnn.Tensors;
using NotebookRnn.Text;

namespace NotebookRnn.Tests.Text;

public class CharacterVocabularyTests
{
    [Fact]
    public void Characters_are_the_sorted_distinct_characters_of_the_text()
    {
        var vocabulary = CharacterVocabulary.FromText("hello world");
        Assert.Equal(" dehlorw", new string(vocabulary.Characters.ToArray()));
        Assert.Equal(8, vocabulary.Count);
        Assert.Equal(3, vocabulary.CharIndices['h']);
        Assert.Equal([3, 2, 4, 4, 5], vocabulary.Encode("hello"));
        Assert.Equal("world", vocabulary.Decode(vocabulary.Encode("world")));
    }

    [Fact]
    public void Windows_follow_the_seed_with_a_stride()
    {
        // range(0, 10 − 4, 3) = 0, 3 → sentences "abcd", "defg"; next chars 'e', 'h'.
        var vocabulary = CharacterVocabulary.FromText("abcdefghij");
        var windows = vocabulary.Windows("abcdefghij", maxLen: 4, step: 3);
        Assert.Equal(2, windows.Count);
        Assert.Equal("abcd", windows.Sentence(0));
        Assert.Equal('e', windows.NextChar(0));
        Assert.Equal("defg", windows.Sentence(1));
        Assert.Equal('h', windows.NextChar(1));
        Assert.Equal(new float[,] { { 0, 1, 2, 3 }, { 3, 4, 5, 6 } }, windows.InputIds().ToArray2D());
        Assert.Equal(new float[] { 4, 7 }, windows.TargetIds().ToArray());
    }

    [Fact]
    public void One_hot_windows_have_a_single_one_per_step_at_the_character_index()
    {
        var vocabulary = CharacterVocabulary.FromText("abcab");
        var windows = vocabulary.Windows("abcab", maxLen: 2, step: 1);
        Tensor x = windows.InputsOneHot();
        Tensor y = windows.TargetsOneHot();
        Assert.Equal([3, 2, 3], x.Shape);
        Assert.Equal([3, 3], y.Shape);
        Assert.Equal(new float[] { 1, 0, 0, 0, 1, 0, /**/ 0, 1, 0, 0, 0, 1, /**/ 0, 0, 1, 1, 0, 0 }, x.ToArray());
        Assert.Equal(new float[] { 0, 0, 1, /**/ 1, 0, 0, /**/ 0, 1, 0 }, y.ToArray());

        Tensor slice = windows.InputsOneHot(start: 1, count: 1);
        Assert.Equal(x.ToArray()[6..12], slice.ToArray());
    }

    [Fact]
    public void A_text_no_longer_than_max_len_has_no_windows()
    {
        var vocabulary = CharacterVocabulary.FromText("abc");
        Assert.Equal(0, vocabulary.Windows("abc", maxLen: 3).Count);
        Assert.Equal([0, 3], vocabulary.Windows("abc", maxLen: 3).InputIds().Shape);
    }

    [Fact]
    public void Nietzsche_gives_the_seed_example_windows()
    {
        string text = TextFile.Read(SharedData.PathOf("nietzsche.txt"), TextEncoding.Latin1);
        var vocabulary = CharacterVocabulary.FromText(text);
        var windows = vocabulary.Windows(text);

        Assert.Equal(59, vocabulary.Count);
        Assert.Equal('\n', vocabulary.Characters[0]);
        Assert.Equal(200_288, windows.Count);
        Assert.Equal(text[..40], windows.Sentence(0));
        Assert.Equal(text[(200_287 * 3)..(200_287 * 3 + 40)], windows.Sentence(200_287));
        Assert.Equal(text[200_287 * 3 + 40], windows.NextChar(200_287));

        Tensor ids = windows.InputIds(start: 200_000);
        Assert.Equal([288, 40], ids.Shape);
        Assert.Equal(vocabulary.Encode(windows.Sentence(200_000)).Select(i => (float)i), ids.Row(0).ToArray());
        Tensor y = windows.TargetsOneHot(0, 128);
        Assert.Equal([128, 59], y.Shape);
        Assert.All(Enumerable.Range(0, 128), i => Assert.Equal(1f, y.Row(i).ToArray().Sum()));
    }

    [Fact]
    public void Unknown_characters_and_bad_ranges_are_named()
    {
        var vocabulary = CharacterVocabulary.FromText("ab");
        var error = Assert.Throws<ArgumentException>(() => vocabulary.Windows("abz", maxLen: 1));
        Assert.Contains("Character 'z' (U+007A) at position 2 is not in the vocabulary of 2 characters", error.Message);

        var windows = vocabulary.Windows("abab", maxLen: 1, step: 1);
        Assert.Throws<ArgumentOutOfRangeException>(() => windows.InputIds(start: 2, count: 2));
        Assert.Throws<ArgumentOutOfRangeException>(() => windows.Sentence(3));
        Assert.Throws<ArgumentException>(() => new CharacterVocabulary("aba"));
    }
}
