using NotebookRnn;
using NotebookRnn.Devices;
using NotebookRnn.Layers;
using NotebookRnn.Layers.Recurrent;
using NotebookRnn.Models;
using NotebookRnn.Optimizers;
using NotebookRnn.Persistence;

namespace Bench;

/// <summary>Builds the model of a configuration with the public API, as a user would write it.</summary>
internal static class Models
{
    public static Sequential Build(ModelConfig config)
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
            // The seed example (samples/TextGeneration) unrolls: fixed 40 steps, static plan.
            model.Add(Recurrent(config, inputShape: [config.Steps, config.Features], unroll: true));
        }
        if (config.Outputs == 1)
        {
            model.Add(new Dense(1, activation: "sigmoid"));
            model.Compile(Optimizer(config), loss: "binary_crossentropy", devices: config.Devices);
        }
        else
        {
            model.Add(new Dense(config.Outputs));
            model.Add(new Activation("softmax"));
            model.Compile(Optimizer(config), loss: "categorical_crossentropy", devices: config.Devices);
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

    private static Optimizer Optimizer(ModelConfig config) => config.Optimizer switch
    {
        "rmsprop" => new RMSprop(learningRate: config.LearningRate),
        "adam" => new Adam(learningRate: config.LearningRate),
        _ => throw new ArgumentException($"Unknown optimizer \"{config.Optimizer}\"; expected rmsprop or adam.", nameof(config)),
    };
}
