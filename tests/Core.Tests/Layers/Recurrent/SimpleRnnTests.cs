using NotebookRnn.Layers;
using NotebookRnn.Layers.Recurrent;
using NotebookRnn.Tensors;
using static NotebookRnn.Tests.Layers.Recurrent.KerasCase;

namespace NotebookRnn.Tests.Layers.Recurrent;

/// <summary>Keras 3's SimpleRNN tests with numeric expectations, ported (weights are Keras's constants, see <see cref="KerasCase"/>).</summary>
public class SimpleRnnTests
{
    // keras/src/layers/rnn/simple_rnn_test.py: SimpleRNNTest.test_correctness
    [Fact]
    public void Correctness()
    {
        Tensor sequence = Arange([2, 3, 4]);
        float[] forward = Repeat(4, 0.405432f, 0.73605347f), backward = Repeat(4, 0.11144729f, 0.5528889f);
        AssertClose(forward, Built(new SimpleRNN(4), 3, 4).Forward(sequence, null, false));
        AssertClose(forward, Built(new SimpleRNN(4, unroll: true), 3, 4).Forward(sequence, null, false));
        AssertClose(backward, Built(new SimpleRNN(4, goBackwards: true), 3, 4).Forward(sequence, null, false));
        AssertClose(backward, Built(new SimpleRNN(4, goBackwards: true, unroll: true), 3, 4).Forward(sequence, null, false));
    }

    // keras/src/layers/rnn/simple_rnn_test.py: SimpleRNNTest.test_statefulness
    [Fact]
    public void Statefulness()
    {
        Tensor sequence = Arange([2, 3, 4]);
        SimpleRNN layer = Built(new SimpleRNN(4, stateful: true), 3, 4);
        float[] expected = Repeat(4, 0.40559256f, 0.7361247f);
        layer.Forward(sequence, null, false);
        AssertClose(expected, layer.Forward(sequence, null, false));
        layer.ResetStates();
        layer.Forward(sequence, null, false);
        AssertClose(expected, layer.Forward(sequence, null, false));
    }

    // keras/src/layers/rnn/simple_rnn_test.py: SimpleRNNTest.test_pass_initial_state
    [Fact]
    public void Pass_initial_state()
    {
        Tensor sequence = Arange([2, 4, 3]);
        Tensor[] initialState = [Arange([2, 4])];
        AssertClose(Repeat(4, 0.33621645f, 0.6262637f), Built(new SimpleRNN(4), 4, 3).Call(sequence, null, initialState).Output);
        AssertClose(Repeat(4, 0.07344437f, 0.43043602f), Built(new SimpleRNN(4, goBackwards: true), 4, 3).Call(sequence, null, initialState).Output);
    }

    // keras/src/layers/rnn/simple_rnn_test.py: SimpleRNNTest.test_masking
    [Fact]
    public void Masking()
    {
        Tensor sequence = Arange([2, 4, 3]);
        SequenceMask mask = Mask(new[,] { { true, true, false, true }, { true, false, false, true } });
        AssertClose(Repeat(4, 0.32951632f, 0.61799484f), Built(new SimpleRNN(4, unroll: true), 4, 3).Forward(sequence, mask, false));
        AssertClose(Repeat(2, 0.0599281f, 0.15122814f, 0.15122814f, 0.32394567f, 0.3969304f, 0.3969304f, 0.3969304f, 0.608085f),
            Built(new SimpleRNN(2, returnSequences: true), 4, 3).Forward(sequence, mask, false));
        AssertClose(Repeat(2, 0.0599281f, 0.15122814f, 0f, 0.32394567f, 0.3969304f, 0f, 0f, 0.608085f),
            Built(new SimpleRNN(2, returnSequences: true, zeroOutputForMask: true), 4, 3).Forward(sequence, mask, false));
        AssertClose(Repeat(4, 0.07376196f, 0.43645123f), Built(new SimpleRNN(4, goBackwards: true), 4, 3).Forward(sequence, mask, false));
    }
}
