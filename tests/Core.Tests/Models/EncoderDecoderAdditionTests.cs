using NotebookRnn.Layers;
using NotebookRnn.Layers.Recurrent;
using NotebookRnn.Layers.Reshaping;
using NotebookRnn.Models;
using NotebookRnn.Tensors;
using NotebookRnn.Training;

namespace NotebookRnn.Tests.Models;

/// <summary>
/// A small version of Keras's addition_rnn (samples/AdditionRnn): LSTM → RepeatVector → LSTM(returnSequences) →
/// softmax Dense on reversed 2-digit questions ("12+7 " read backwards) answered in 3 characters.
/// </summary>
public class EncoderDecoderAdditionTests
{
    private const string Characters = "0123456789+ ";
    private const int Units = 64, Digits = 2, QuestionLength = Digits + 1 + Digits, AnswerLength = Digits + 1;

    [Fact]
    public void The_encoder_decoder_has_keras_shapes_and_learns_two_digit_addition_well_past_guessing_the_commonest_character()
    {
        var (x, y) = Questions(count: 4000, seed: 5);
        var model = new Sequential(seed: 2);
        model.Add(new LSTM(Units, inputShape: [QuestionLength, Characters.Length]));
        model.Add(new RepeatVector(AnswerLength));
        model.Add(new LSTM(Units, returnSequences: true));
        model.Add(new Dense(Characters.Length, activation: "softmax"));
        model.Compile(loss: "categorical_crossentropy", optimizer: "adam", metrics: ["accuracy"]);

        History history = model.Fit(x, y, batchSize: 32, epochs: 15, verbose: 0, validationSplit: 0.1);

        Assert.Equal(new int?[][] { [Units], [AnswerLength, Units], [AnswerLength, Units], [AnswerLength, Characters.Length] },
            model.Layers.Select(l => l.OutputShape).ToArray());
        Assert.Equal([5, AnswerLength, Characters.Length], model.Predict(x.SliceBatch(0, 5)).Shape);
        IReadOnlyList<double> loss = history["loss"];
        Assert.True(loss[^1] < 0.65 * loss[0], $"training loss went from {loss[0]:0.000} to only {loss[^1]:0.000}");
        double blankGuess = BlankGuessAccuracy(y.SliceBatch(3600, 400));
        Assert.True(history["val_accuracy"][^1] > blankGuess + 0.1,
            $"val_accuracy {history["val_accuracy"][^1]:0.000} is not well above the {blankGuess:0.000} of always guessing each step's most common character");
    }

    // One-hot (count, QuestionLength, 12) reversed questions and (count, AnswerLength, 12) answers padded with blanks, as
    // addition_rnn makes them (without its skipping of questions already drawn).
    private static (Tensor X, Tensor Y) Questions(int count, int seed)
    {
        var random = new RandomGenerator(seed);
        var x = new Tensor(count, QuestionLength, Characters.Length);
        var y = new Tensor(count, AnswerLength, Characters.Length);
        for (int i = 0; i < count; i++)
        {
            int a = Number(random), b = Number(random);
            string query = new([.. $"{a}+{b}".PadRight(QuestionLength).Reverse()]);
            OneHot(query, x.Row(i));
            OneHot((a + b).ToString().PadRight(AnswerLength), y.Row(i));
        }
        return (x, y);
    }

    private static int Number(RandomGenerator random)
    {
        int digits = random.NextInt(1, Digits + 1), value = 0;
        for (int d = 0; d < digits; d++) value = value * 10 + random.NextInt(10);
        return value;
    }

    private static void OneHot(string text, Span<float> rows)
    {
        for (int i = 0; i < text.Length; i++) rows[i * Characters.Length + Characters.IndexOf(text[i])] = 1;
    }

    // The per-character accuracy of predicting, at each answer step, the character most common there in the targets.
    private static double BlankGuessAccuracy(Tensor y)
    {
        int samples = y.Dim(0), hits = 0;
        for (int step = 0; step < AnswerLength; step++)
        {
            var counts = new int[Characters.Length];
            for (int i = 0; i < samples; i++)
                for (int c = 0; c < Characters.Length; c++)
                    if (y[i, step, c] == 1) counts[c]++;
            hits += counts.Max();
        }
        return (double)hits / (samples * AnswerLength);
    }
}
