using NotebookRnn.Devices;
using NotebookRnn.Layers;
using NotebookRnn.Layers.Recurrent;
using NotebookRnn.Models;
using NotebookRnn.Optimizers;

namespace TorchReference;

/// <summary>
/// A configuration's model built with NotebookRnn's public API, as bench/Bench/Models.cs builds it (the same layers, seed,
/// loss and Keras optimizer; the softmax as Dense's activation, the same model as Dense → Activation), compiled for a given
/// backend: the "ours on libtorch" side of the torch-backend rows.
/// </summary>
internal static class OurModels
{
    /// <summary>
    /// one-hot (batch, steps, features) → LSTM/GRU/SimpleRNN(units, unroll) → Dense(outputs, softmax), or ids (batch, steps) →
    /// Embedding(vocab, features, maskZero) → recurrent(units) → Dense(1, sigmoid); compiled with <paramref name="backend"/>.
    /// </summary>
    public static Sequential Build(ModelConfig config, Backend backend)
    {
        var model = new Sequential(seed: 42);
        if (config.Input == "ids")
        {
            model.Add(new Embedding(config.Vocab, config.Features, maskZero: true, inputShape: [config.Steps]));
            model.Add(Recurrent(config, inputShape: null, unroll: false));
        }
        else if (config.Masked)
        {
            model.Add(new Masking(inputShape: [config.Steps, config.Features]));
            model.Add(Recurrent(config, inputShape: null, unroll: false));
        }
        else
        {
            model.Add(Recurrent(config, inputShape: [config.Steps, config.Features], unroll: true));
        }
        if (config.Outputs == 1)
        {
            model.Add(new Dense(1, activation: "sigmoid"));
            model.Compile(Optimizer(config), loss: "binary_crossentropy", backend: backend);
        }
        else
        {
            model.Add(new Dense(config.Outputs, activation: "softmax"));
            model.Compile(Optimizer(config), loss: "categorical_crossentropy", backend: backend);
        }
        return model;
    }

    private static RecurrentLayer Recurrent(ModelConfig config, int?[]? inputShape, bool unroll) => config.Cell switch
    {
        "lstm" => new LSTM(config.Units, inputShape: inputShape, unroll: unroll),
        "gru" => new GRU(config.Units, inputShape: inputShape, unroll: unroll),
        "simplernn" => new SimpleRNN(config.Units, inputShape: inputShape, unroll: unroll),
        _ => throw new ArgumentException($"Unknown cell \"{config.Cell}\"; expected lstm, gru or simplernn.", nameof(config)),
    };

    // Keras's RMSprop (rho 0.9, epsilon 1e-7 inside the square root) and Adam (0.9, 0.999, epsilon 1e-7).
    private static Optimizer Optimizer(ModelConfig config) => config.Optimizer switch
    {
        "rmsprop" => new RMSprop(learningRate: config.LearningRate),
        "adam" => new Adam(learningRate: config.LearningRate),
        _ => throw new ArgumentException($"Unknown optimizer \"{config.Optimizer}\"; expected rmsprop or adam.", nameof(config)),
    };
}
