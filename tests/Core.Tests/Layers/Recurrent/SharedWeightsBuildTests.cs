using NotebookRnn.Layers;
using NotebookRnn.Layers.Recurrent;
using NotebookRnn.Tensors;

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
}
