using NotebookRnn.Layers;
using NotebookRnn.Layers.Recurrent;
using NotebookRnn.Models;
using NotebookRnn.Optimizers;
using NotebookRnn.Tensors;
using NotebookRnn.Tests.Persistence;

namespace NotebookRnn.Tests.Layers.Recurrent;

/// <summary>
/// A recurrent layer built on another's weights (a shared layer's later call, a device replica) takes their values as
/// they are: building it must not initialise them again, LSTM's unit forget bias included.
/// </summary>
public class SharedWeightsBuildTests
{
    public static TheoryData<string> Layers => ["lstm", "gru", "simple_rnn"];

    [Theory]
    [MemberData(nameof(Layers))]
    public void Building_on_shared_weights_leaves_their_values_unchanged(string kind)
    {
        RecurrentLayer Create() => kind switch
        {
            "lstm" => new LSTM(3, name: "r"),
            "gru" => new GRU(3, name: "r"),
            _ => new SimpleRNN(3, name: "r"),
        };
        RecurrentLayer owner = Create();
        owner.Build([null, 2], new RandomGenerator(1));
        foreach (Parameter parameter in owner.Parameters) parameter.Value.Span.Fill(0.25f);

        RecurrentLayer copy = Create();
        WeightCreation shared = WeightCreation.SharedWith(owner.Parameters);
        copy.BuildWith(shared, [null, 2], new RandomGenerator(2));
        shared.EnsureComplete(copy);

        foreach (Parameter parameter in owner.Parameters) Assert.All(parameter.Value.ToArray(), v => Assert.Equal(0.25f, v));
        Assert.Equal(owner.Parameters.Select(p => p.Value), copy.Parameters.Select(p => p.Value));
    }

    [Fact]
    public void A_loaded_model_compiled_for_two_devices_keeps_its_trained_biases()
    {
        // Device 1's replica is built on device 0's weights; it once re-initialised them (LSTM's bias to its unit forget pattern).
        using var folder = new TempFolder();
        var model = new Sequential([new LSTM(4, inputShape: [5, 2]), new Dense(1)], seed: 3);
        model.Compile(new Adam(0.05), "mse");
        Tensor x = TestModels.Uniform(1, 8, 5, 2), y = TestModels.Uniform(2, 8, 1);
        for (int step = 0; step < 3; step++) model.TrainOnBatch(x, y);
        Tensor expected = model.Predict(x).Clone();
        model.Save(folder.File("model.nbrnn"));

        Sequential loaded = Sequential.Load(folder.File("model.nbrnn"));
        loaded.Compile(new Adam(0.05), "mse", devices: 2);

        TestModels.AssertBitIdentical(expected, loaded.Predict(x), "two devices after load");
    }
}
