using NotebookRnn.Datasets;
using NotebookRnn.Layers;
using NotebookRnn.Layers.Recurrent;
using NotebookRnn.Models;
using NotebookRnn.Optimizers;

namespace NotebookRnn.Tests.Models;

/// <summary>
/// The product claim end to end: an LSTM trained from ragged token sequences (no user padding, no inputShape time
/// dimension) learns a label that depends on tokens beyond the shortest length.
/// </summary>
public class VariableLengthClassificationTests
{
    [Fact]
    public void An_lstm_trained_from_ragged_sequences_reaches_95_percent_on_held_out_data()
    {
        var (train, trainLabels) = SequenceClassificationTask.Generate(2000, minLength: 5, maxLength: 40, vocabularySize: 12, seed: 1);
        var (test, testLabels) = SequenceClassificationTask.Generate(500, minLength: 5, maxLength: 40, vocabularySize: 12, seed: 2);
        Assert.True(train.Min(s => s.Length) < 10 && train.Max(s => s.Length) > 35);

        var model = new Sequential(seed: 5);
        model.Add(new Embedding(12, 8));
        model.Add(new LSTM(16));
        model.Add(new Dense(1, activation: "sigmoid"));
        model.Compile(new Adam(learningRate: 0.01), "binary_crossentropy", ["accuracy"]);
        model.Fit(train, trainLabels, batchSize: 32, epochs: 6, verbose: 0);

        double accuracy = model.Evaluate(test, testLabels)["accuracy"];
        Assert.True(accuracy >= 0.95, $"held-out accuracy {accuracy:0.000}");
        Assert.True(model.Layers[1] is LSTM { LastPlan.Packed: true }, "ragged batches ran packed");
    }
}
