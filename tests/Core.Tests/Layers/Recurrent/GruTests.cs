using NotebookRnn.Layers;
using NotebookRnn.Layers.Recurrent;
using NotebookRnn.Persistence;
using NotebookRnn.Tensors;
using static NotebookRnn.Tests.Layers.Recurrent.KerasCase;

namespace NotebookRnn.Tests.Layers.Recurrent;

/// <summary>Keras 3's GRU tests with numeric expectations, ported (weights are Keras's constants, see <see cref="KerasCase"/>).</summary>
public class GruTests
{
    private static readonly float[] Expected = Repeat(3, 0.5217289f, 0.6371659f, 0.39384964f);

    // keras/src/layers/rnn/gru_test.py: GRUTest.test_correctness
    [Fact]
    public void Correctness()
    {
        Tensor sequence = Arange([3, 6, 4]);
        AssertClose(Expected, Built(new GRU(3), 6, 4).Forward(sequence, null, false));
        AssertClose(Repeat(3, 0.24406259f, 0.611516f, 0.3928808f), Built(new GRU(3, goBackwards: true), 6, 4).Forward(sequence, null, false));
        AssertClose(Expected, Built(new GRU(3, unroll: true), 6, 4).Forward(sequence, null, false));
        AssertClose(Repeat(3, 0.51447755f, 0.6426879f, 0.40208298f), Built(new GRU(3, resetAfter: false), 6, 4).Forward(sequence, null, false));
        AssertClose(Repeat(3, 0.49988455f, 0.64701194f, 0.4103359f), Built(new GRU(3, useBias: false), 6, 4).Forward(sequence, null, false));
    }

    // keras/src/layers/rnn/gru_test.py: GRUTest.test_statefulness
    [Fact]
    public void Statefulness()
    {
        Tensor sequence = Arange([2, 3, 4]);
        GRU layer = Built(new GRU(4, stateful: true), 3, 4);
        float[] expected = Repeat(4, 0.29542392f, 0.5885018f);
        layer.Forward(sequence, null, false);
        AssertClose(expected, layer.Forward(sequence, null, false));
        layer.ResetStates();
        layer.Forward(sequence, null, false);
        AssertClose(expected, layer.Forward(sequence, null, false));
    }

    // keras/src/layers/rnn/gru_test.py: GRUTest.test_pass_initial_state
    [Fact]
    public void Pass_initial_state()
    {
        Tensor sequence = Arange([2, 4, 3]);
        Tensor[] initialState = [Arange([2, 2])];
        AssertClose([0.23774096f, 0.33508456f, 0.83659905f, 1.0227708f], Built(new GRU(2), 4, 3).Call(sequence, null, initialState).Output);
        AssertClose([0.13486053f, 0.23261218f, 0.78257304f, 0.9691353f],
            Built(new GRU(2, goBackwards: true), 4, 3).Call(sequence, null, initialState).Output);
    }

    // keras/src/layers/rnn/gru_test.py: GRUTest.test_pass_return_state
    [Fact]
    public void Pass_return_state()
    {
        Tensor sequence = Arange([2, 4, 3]);
        Tensor[] initialState = [Arange([2, 2])];
        foreach (var (goBackwards, expected) in new[]
        {
            (false, new[] { 0.23774096f, 0.33508456f, 0.83659905f, 1.0227708f }),
            (true, new[] { 0.13486053f, 0.23261218f, 0.78257304f, 0.9691353f }),
        })
        {
            RecurrentOutput result = Built(new GRU(2, returnState: true, goBackwards: goBackwards), 4, 3).Call(sequence, null, initialState);
            AssertClose(expected, result.Output);
            AssertClose(result.Output.ToArray(), result.States[0]);
        }
    }

    // keras/src/layers/rnn/gru_test.py: GRUTest.test_masking
    [Fact]
    public void Masking()
    {
        Tensor sequence = Arange([2, 4, 3]);
        SequenceMask mask = Mask(new[,] { { true, true, false, true }, { true, false, false, true } });
        AssertClose(Repeat(2, 0.19393763f, 0.30818558f), Built(new GRU(2, unroll: true), 4, 3).Forward(sequence, mask, false));
        AssertClose(Repeat(2, 0.03606692f, 0.09497581f, 0.09497581f, 0.19393763f, 0.16051409f, 0.16051409f, 0.16051409f, 0.30818558f),
            Built(new GRU(2, returnSequences: true), 4, 3).Forward(sequence, mask, false));
        AssertClose(Repeat(2, 0.03606692f, 0.09497581f, 0f, 0.19393763f, 0.16051409f, 0f, 0f, 0.30818558f),
            Built(new GRU(2, returnSequences: true, zeroOutputForMask: true), 4, 3).Forward(sequence, mask, false));
        AssertClose(Repeat(2, 0.11669192f, 0.28380975f), Built(new GRU(2, goBackwards: true), 4, 3).Forward(sequence, mask, false));
    }

    // keras/src/layers/rnn/gru_test.py: GRUTest.test_legacy_implementation_argument
    [Fact]
    public void Legacy_implementation_argument()
    {
        var config = new Dictionary<string, object?>(new GRU(3).GetConfig()) { ["implementation"] = 0, ["use_cudnn"] = "auto" };
        var layer = Built((GRU)LayerRegistry.FromConfig("GRU", config), 6, 4);
        AssertClose(Expected, layer.Forward(Arange([3, 6, 4]), null, false));
        Assert.DoesNotContain("implementation", layer.GetConfig().Keys);
    }

    [Fact]
    public void Keys_keras_accepts_only_on_lstm_and_gru_stay_errors_elsewhere()
    {
        var error = Assert.Throws<ArgumentException>(() =>
            LayerRegistry.FromConfig("SimpleRNN", new Dictionary<string, object?> { ["units"] = 2, ["implementation"] = 2 }));
        Assert.Contains("implementation", error.Message);
    }
}
