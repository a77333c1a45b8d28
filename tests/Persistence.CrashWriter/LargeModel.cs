using NotebookRnn.Layers;
using NotebookRnn.Layers.Recurrent;
using NotebookRnn.Models;

namespace NotebookRnn.Persistence.CrashWriter;

/// <summary>
/// The model the crash test writes: an embedding of 200,000 × 128 floats (≈ 100 MB, so a save takes long enough to
/// be interrupted), an LSTM and a softmax. The test builds the same model from the same seed in its own process.
/// </summary>
public static class LargeModel
{
    /// <summary>Vocabulary size of the embedding.</summary>
    public const int Vocabulary = 200_000;

    /// <summary>Builds the model; equal seeds give bit-identical weights.</summary>
    public static Sequential Create(long seed)
    {
        var model = new Sequential(seed: seed);
        model.Add(new Embedding(Vocabulary, 128, maskZero: true, inputShape: [null]));
        model.Add(new LSTM(16));
        model.Add(new Dense(4, activation: "softmax"));
        model.Compile(optimizer: "adam", loss: "sparse_categorical_crossentropy");
        return model;
    }
}
