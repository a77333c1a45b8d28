using NotebookRnn;
using NotebookRnn.Devices;
using NotebookRnn.Distributed;
using NotebookRnn.Layers;
using NotebookRnn.Layers.Recurrent;
using NotebookRnn.Models;
using NotebookRnn.Optimizers;
using NotebookRnn.Persistence;

namespace Bench;

/// <summary>Builds the model of a configuration with the public API, as a user would write it.</summary>
internal static class Models
{
    /// <param name="world">
    /// The processes that train together (<c>MpiWorld.Join()</c>), each computing <paramref name="shards"/>/P shards on as
    /// many devices; a world of one (outside mpirun) is one process with <paramref name="shards"/> devices. <c>null</c>:
    /// in this process, on <c>config.Devices</c> devices.
    /// </param>
    /// <param name="shards">K, the shards of every batch, when <paramref name="world"/> is given.</param>
    public static Sequential Build(ModelConfig config, MpiWorld? world = null, int shards = 1)
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
            Compile(model, config, "binary_crossentropy", world, shards);
        }
        else
        {
            model.Add(new Dense(config.Outputs));
            model.Add(new Activation("softmax"));
            Compile(model, config, "categorical_crossentropy", world, shards);
        }
        return model;
    }

    /// <summary>N, the number of weights of the configuration's model: the floats of one gradient exchange.</summary>
    public static long ParameterCount(ModelConfig config) => Build(config).Parameters.Sum(p => (long)p.Value.Length);

    private static void Compile(Sequential model, ModelConfig config, string loss, MpiWorld? world, int shards)
    {
        if (world is null) model.Compile(Optimizer(config), loss: loss, devices: config.Devices);
        else model.Compile(Optimizer(config), loss: loss, world: world, shards: shards);
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
