using NotebookRnn.Layers;
using NotebookRnn.Layers.Recurrent;
using NotebookRnn.Models;
using NotebookRnn.Tensors;
using NotebookRnn.Text;

namespace NotebookRnn.Tests.Models;

public class TextSamplingTests
{
    [Fact]
    public void A_low_temperature_picks_the_most_likely_index_and_zero_probabilities_are_never_drawn()
    {
        var random = new RandomGenerator(1);
        float[] probabilities = [0.1f, 0.6f, 0f, 0.3f];

        int[] draws = [.. Enumerable.Range(0, 200).Select(_ => TextSampling.Sample(probabilities, 0.05, random))];

        Assert.All(draws, d => Assert.Equal(1, d));
        Assert.DoesNotContain(2, Enumerable.Range(0, 500).Select(_ => TextSampling.Sample(probabilities, 2.0, random)));
    }

    [Fact]
    public void Generate_writes_characters_of_the_vocabulary_after_the_seed_window_of_the_model()
    {
        var vocabulary = CharacterVocabulary.FromText("abc ");
        var model = new Sequential([new LSTM(8, inputShape: [5, vocabulary.Count]), new Dense(vocabulary.Count, activation: "softmax")], seed: 3);

        GeneratedText text = TextSampling.Generate(model, vocabulary, "a cab cab", 12, 0.5, new RandomGenerator(4));

        Assert.Equal(("a cab cab", 0.5), (text.Seed, text.Temperature));
        Assert.Equal(12, text.Text.Length);
        Assert.All(text.Text, c => Assert.Contains(c, vocabulary.Characters));
        Assert.Contains("at least the model's 5 characters", Assert.Throws<ArgumentException>(() =>
            TextSampling.GenerateCharacters(model, vocabulary, "abc", 3, 1, new RandomGenerator(1))).Message);
    }
}
