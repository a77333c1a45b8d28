using NotebookRnn.Layers;
using NotebookRnn.Layers.Recurrent;
using NotebookRnn.Persistence;
using NotebookRnn.Tensors;
using static NotebookRnn.Tests.Layers.Recurrent.KerasCase;

namespace NotebookRnn.Tests.Layers.Recurrent;

/// <summary>Keras 3's LSTM tests with numeric expectations, ported (weights are Keras's constants, see <see cref="KerasCase"/>).</summary>
public class LstmTests
{
    private static LSTM FromConfig(int implementation, params (string Key, object? Value)[] settings)
    {
        var config = new Dictionary<string, object?> { ["units"] = 3, ["implementation"] = implementation };
        foreach (var (key, value) in settings) config[key] = value;
        return Built((LSTM)LayerRegistry.FromConfig("LSTM", config), 6, 4);
    }

    // keras/src/layers/rnn/lstm_test.py: LSTMTest.test_correctness (implementation 1 and 2: accepted and ignored, as in Keras)
    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    public void Correctness(int implementation)
    {
        Tensor sequence = Arange([3, 6, 4]);
        AssertClose(Repeat(3, 0.6288687f, 0.86899155f, 0.9460773f), FromConfig(implementation).Forward(sequence, null, false), 1e-5, 1e-5);
        AssertClose(Repeat(3, 0.35622165f, 0.74789524f, 0.8872726f),
            FromConfig(implementation, ("go_backwards", true)).Forward(sequence, null, false), 1e-5, 1e-5);
        AssertClose(Repeat(3, 0.6288687f, 0.86899155f, 0.9460773f),
            FromConfig(implementation, ("unroll", true)).Forward(sequence, null, false), 1e-5, 1e-5);
        AssertClose(Repeat(3, 0.57019705f, 0.8661914f, 0.9459622f),
            FromConfig(implementation, ("unit_forget_bias", false)).Forward(sequence, null, false), 1e-5, 1e-5);
        AssertClose(Repeat(3, 0.54986924f, 0.86226785f, 0.9443936f),
            FromConfig(implementation, ("use_bias", false)).Forward(sequence, null, false), 1e-5, 1e-5);
    }

    // keras/src/layers/rnn/lstm_test.py: LSTMTest.test_statefulness
    [Fact]
    public void Statefulness()
    {
        Tensor sequence = Arange([2, 3, 4]);
        LSTM layer = Built(new LSTM(4, stateful: true), 3, 4);
        float[] expected = Repeat(4, 0.3124785f, 0.6863672f);
        layer.Forward(sequence, null, false);
        AssertClose(expected, layer.Forward(sequence, null, false), 1e-5, 1e-5);
        layer.ResetStates();
        layer.Forward(sequence, null, false);
        AssertClose(expected, layer.Forward(sequence, null, false), 1e-5, 1e-5);
    }

    // keras/src/layers/rnn/lstm_test.py: LSTMTest.test_pass_initial_state
    [Fact]
    public void Pass_initial_state()
    {
        Tensor sequence = Arange([2, 4, 3]);
        Tensor[] initialState = [Arange([2, 2]), Arange([2, 2])];
        AssertClose([0.20574439f, 0.3558822f, 0.64930826f, 0.66276f],
            Built(new LSTM(2), 4, 3).Call(sequence, null, initialState).Output, 1e-5, 1e-5);
        AssertClose([0.13281618f, 0.2790356f, 0.5839337f, 0.5992567f],
            Built(new LSTM(2, goBackwards: true), 4, 3).Call(sequence, null, initialState).Output, 1e-5, 1e-5);
    }

    // keras/src/layers/rnn/lstm_test.py: LSTMTest.test_masking
    [Fact]
    public void Masking()
    {
        Tensor sequence = Arange([2, 4, 3]);
        SequenceMask mask = Mask(new[,] { { true, true, true, false }, { true, true, false, false } });
        AssertClose(Repeat(2, 0.11755939f, 0.28556206f), Built(new LSTM(2, unroll: true), 4, 3).Forward(sequence, mask, false), 1e-5, 1e-5);
        AssertClose(Repeat(2, 0.01588910f, 0.05552048f, 0.11755939f, 0.11755939f, 0.14185596f, 0.28556206f, 0.28556206f, 0.28556206f),
            Built(new LSTM(2, returnSequences: true), 4, 3).Forward(sequence, mask, false), 1e-5, 1e-5);
        AssertClose(Repeat(2, 0.01588910f, 0.05552048f, 0.11755939f, 0f, 0.14185596f, 0.28556206f, 0f, 0f),
            Built(new LSTM(2, returnSequences: true, zeroOutputForMask: true), 4, 3).Forward(sequence, mask, false), 1e-5, 1e-5);
        SequenceMask backwardsMask = Mask(new[,] { { false, true, true, true }, { false, false, true, true } });
        AssertClose(Repeat(2, 0.15341201f, 0.3844719f),
            Built(new LSTM(2, goBackwards: true), 4, 3).Forward(sequence, backwardsMask, false), 1e-5, 1e-5);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void Zero_output_for_mask_computes_the_same_states_and_gradients_packed_or_dense(bool packing)
    {
        Tensor sequence = GradientCheck.Uniform(3, -1, 1, 3, 5, 2), dy = GradientCheck.Uniform(4, -1, 1, 3, 5, 4);
        SequenceMask mask = Mask(new[,] { { true, true, true, false, false }, { true, false, true, true, false }, { true, true, true, true, true } });
        LSTM carried = Built(new LSTM(4, returnSequences: true), 5, 2), zeroed = Built(new LSTM(4, returnSequences: true, zeroOutputForMask: true), 5, 2);
        (carried.Packing, zeroed.Packing) = (packing, packing);
        RecurrentOutput a = carried.Call(sequence, mask, training: true), b = zeroed.Call(sequence, mask, training: true);
        for (int k = 0; k < 2; k++) Assert.Equal(a.States[k].ToArray(), b.States[k].ToArray());
        float[] y = a.Output.ToArray(), z = b.Output.ToArray();
        for (int i = 0; i < y.Length; i++) Assert.Equal(mask.Flags[i / 4] ? y[i] : 0f, z[i]);
        // The gradient of a zeroed output reaches nothing: zero it in the carried layer's gradient and both agree.
        Tensor dyReal = dy.Clone();
        for (int i = 0; i < dyReal.Length; i++) if (!mask.Flags[i / 4]) dyReal.Span[i] = 0;
        float[] dxCarried = carried.Backward(dyReal, true)!.ToArray(), dxZeroed = zeroed.Backward(dy, true)!.ToArray();
        for (int i = 0; i < dxCarried.Length; i++) Assert.Equal(dxCarried[i], dxZeroed[i], 1e-6f);
    }
}
