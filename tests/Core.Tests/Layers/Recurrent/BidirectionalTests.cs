using NotebookRnn.Layers;
using NotebookRnn.Layers.Recurrent;
using NotebookRnn.Layers.Wrappers;
using NotebookRnn.Models;
using NotebookRnn.Tensors;
using static NotebookRnn.Tests.Layers.Recurrent.KerasCase;

namespace NotebookRnn.Tests.Layers.Recurrent;

public class BidirectionalTests
{
    [Theory]
    [InlineData("bidirectional_lstm_concat")]
    [InlineData("bidirectional_gru_sum_sequences")]
    public void Bidirectional_matches_pytorch_outputs_states_and_gradients(string name)
    {
        RnnFixture fixture = RnnFixture.Load(name);
        var layer = new Bidirectional(fixture.CreateLayer("weights/forward"), fixture.Bidirectional,
            fixture.CreateLayer("weights/backward", goBackwards: true));
        layer.Build([fixture.Input.Dim(1), fixture.Input.Dim(2)], new RandomGenerator(1));
        RecurrentOutput result = layer.Call(fixture.Input, fixture.Mask, training: true);
        RnnFixture.AssertClose("output", fixture.Get("outputs/output")!, result.Output.Span);
        bool lstm = fixture.Cell == "lstm";
        string[] states = lstm ? ["forward/h", "forward/c", "backward/h", "backward/c"] : ["forward/h", "backward/h"];
        for (int k = 0; k < states.Length; k++)
            RnnFixture.AssertClose(states[k], fixture.Get("outputs/final_states/" + states[k])!, result.States[k].Span);

        Tensor? dx = layer.BackwardWithStates(fixture.Get("upstream/output")!, [.. states.Select(s => fixture.Get("upstream/final_states/" + s))]);
        RnnFixture.AssertClose("dx", fixture.Get("grads/input")!, dx!.Span);
        foreach (var (direction, sub) in new[] { ("forward", layer.ForwardLayer), ("backward", layer.BackwardLayer) })
        {
            RnnFixture.AssertClose(direction + " dkernel", fixture.Get($"grads/{direction}/kernel")!, sub.Kernel.Gradient.Span);
            RnnFixture.AssertClose(direction + " drecurrent", fixture.Get($"grads/{direction}/recurrent_kernel")!, sub.RecurrentKernel.Gradient.Span);
            RnnFixture.AssertClose(direction + " dbias", fixture.Get($"grads/{direction}/bias")!, sub.Bias!.Gradient.Span);
        }
    }

    [Fact]
    public void Concat_doubles_the_units_and_the_weights_are_both_directions()
    {
        var layer = new Bidirectional(new LSTM(5), inputShape: [null, 3]);
        var model = new Sequential([layer]);
        Assert.Equal([10], model.OutputShape);
        Assert.Equal(2 * (3 * 20 + 5 * 20 + 20), model.Summary().TotalParameters);
        Assert.True(layer.BackwardLayer.GoBackwards);
    }

    [Fact]
    public void Unknown_merge_modes_are_rejected()
    {
        var error = Assert.Throws<ArgumentException>(() => new Bidirectional(new GRU(2), "average"));
        Assert.Equal("mergeMode", error.ParamName);
        Assert.Contains("\"average\"", error.Message);
    }

    // Builds the wrapper for (steps, features) and sets both layers' weights to Keras's constants (the backward layer's
    // own when given).
    private static Bidirectional Built(Bidirectional layer, int steps, int features, (float, float, float)? backward = null)
    {
        layer.Build([steps, features], new RandomGenerator(0));
        Constants(layer.ForwardLayer);
        var (kernel, recurrent, bias) = backward ?? (0.01f, 0.02f, 0.03f);
        Constants(layer.BackwardLayer, kernel, recurrent, bias);
        return layer;
    }

    // keras/src/layers/rnn/bidirectional_test.py: SimpleRNNTest.test_correctness
    [Fact]
    public void Correctness()
    {
        Tensor sequence = Arange([2, 3, 4]);
        AssertClose([0.39687276f, 0.39687276f, 0.10004295f, 0.10004295f, 0.7237238f, 0.7237238f, 0.53391594f, 0.53391594f],
            Built(new Bidirectional(new SimpleRNN(2)), 3, 4).Forward(sequence, null, false));
        AssertClose(Repeat(2, 0.24845785f, 0.6288199f), Built(new Bidirectional(new SimpleRNN(2), "ave"), 3, 4).Forward(sequence, null, false));
        BidirectionalOutput unmerged = Built(new Bidirectional(new SimpleRNN(2), mergeMode: null), 3, 4).CallBoth(sequence);
        AssertClose(Repeat(2, 0.39687276f, 0.7237238f), unmerged.Forward);
        AssertClose(Repeat(2, 0.10004295f, 0.53391594f), unmerged.Backward);
        var custom = new Bidirectional(new SimpleRNN(2), "mul", new SimpleRNN(2, goBackwards: true));
        AssertClose(Repeat(2, 0.08374989f, 0.6740834f), Built(custom, 3, 4, backward: (0.03f, 0.02f, 0.01f)).Forward(sequence, null, false));
        AssertClose(Repeat(2, 0.20937867f, 0.34462988f, 0.40290534f, 0.59829646f, 0.6734641f, 0.6479671f),
            Built(new Bidirectional(new GRU(2, returnSequences: true), "sum"), 3, 4).Forward(sequence, null, false));
    }

    // keras/src/layers/rnn/bidirectional_test.py: SimpleRNNTest.test_statefulness
    [Fact]
    public void Statefulness()
    {
        Tensor sequence = Arange([2, 4, 3]);
        Bidirectional layer = Built(new Bidirectional(new LSTM(2, stateful: true)), 4, 3);
        float[] expected = [0.26234663f, 0.26234663f, 0.16959146f, 0.16959146f, 0.6137073f, 0.6137073f, 0.5381646f, 0.5381646f];
        layer.Forward(sequence, null, false);
        AssertClose(expected, layer.Forward(sequence, null, false));
        layer.ResetStates();
        layer.Forward(sequence, null, false);
        AssertClose(expected, layer.Forward(sequence, null, false));
    }

    // keras/src/layers/rnn/bidirectional_test.py: SimpleRNNTest.test_pass_initial_state
    [Fact]
    public void Pass_initial_state()
    {
        Tensor sequence = Arange([2, 4, 3]);
        Tensor[] initialState = [Arange([2, 2], 1), Arange([2, 2], 2), Arange([2, 2], 3), Arange([2, 2], 4)];
        AssertClose([0.20794602f, 0.4577124f, 0.14046375f, 0.48191673f, 0.6682636f, 0.6711909f, 0.60943645f, 0.60950446f],
            Built(new Bidirectional(new LSTM(2)), 4, 3).Call(sequence, null, initialState).Output);
    }

    // keras/src/layers/rnn/bidirectional_test.py: SimpleRNNTest.test_masking
    [Fact]
    public void Masking()
    {
        SequenceMask mask = Mask(new[,] { { true, true, false, true }, { true, false, false, true } });
        AssertClose([0.19393763f, 0.19393763f, 0.11669192f, 0.11669192f, 0.30818558f, 0.30818558f, 0.28380975f, 0.28380975f],
            Built(new Bidirectional(new GRU(2)), 4, 3).Forward(Arange([2, 4, 3]), mask, false));
    }

    // keras/src/layers/rnn/bidirectional_test.py: SimpleRNNTest.test_return_state
    [Fact]
    public void Return_state()
    {
        RecurrentOutput result = Built(new Bidirectional(new LSTM(2, returnState: true)), 4, 3).Call(Arange([2, 4, 3]));
        AssertClose([0.1990008f, 0.1990008f, 0.12659755f, 0.12659755f, 0.52335435f, 0.52335435f, 0.44717982f, 0.44717982f], result.Output);
        AssertClose(Repeat(2, 0.1990008f, 0.52335435f), result.States[0]);
        AssertClose(Repeat(2, 0.35567185f, 1.0492687f), result.States[1]);
        AssertClose(Repeat(2, 0.12659755f, 0.44717982f), result.States[2]);
        AssertClose(Repeat(2, 0.2501858f, 0.941473f), result.States[3]);
    }

    // keras/src/layers/rnn/bidirectional_test.py: SimpleRNNTest.test_output_shape
    [Fact]
    public void Output_shape()
    {
        var x = new Tensor([101f, 202f, 303f, 404f], 1, 2, 2);
        foreach (string? mergeMode in new[] { "ave", "concat", "mul", "sum", null })
            foreach (bool returnState in new[] { true, false })
            {
                var layer = new Bidirectional(new LSTM(2, returnState: returnState), mergeMode);
                layer.Build([2, 2], new RandomGenerator(1));
                int?[] shape = layer.ComputeOutputShape([2, 2]);
                IReadOnlyList<Tensor> states;
                if (mergeMode is null)
                {
                    BidirectionalOutput both = layer.CallBoth(x);
                    Assert.Equal([1, .. shape], both.Forward.Shape.Select(d => (int?)d));
                    Assert.Equal([1, .. shape], both.Backward.Shape.Select(d => (int?)d));
                    states = both.States;
                }
                else
                {
                    RecurrentOutput merged = layer.Call(x);
                    Assert.Equal([1, .. shape], merged.Output.Shape.Select(d => (int?)d));
                    states = merged.States;
                }
                Assert.Equal(4, states.Count);
                Assert.All(states, state => Assert.Equal([1, 2], state.Shape));
            }
    }

    [Fact]
    public void The_unmerged_call_returns_the_states_and_deconstructs_into_the_two_outputs()
    {
        Bidirectional layer = Built(new Bidirectional(new LSTM(2, returnState: true), mergeMode: null), 4, 3);
        BidirectionalOutput result = layer.CallBoth(Arange([2, 4, 3]));
        var (forward, backward) = result;
        Assert.Same(result.Forward, forward);
        Assert.Same(result.Backward, backward);
        AssertClose(Repeat(2, 0.1990008f, 0.52335435f), result.States[0]);
        AssertClose(Repeat(2, 0.2501858f, 0.941473f), result.States[3]);
    }

    [Fact]
    public void Returning_sequences_forces_zero_outputs_for_masked_steps_in_both_directions()
    {
        Bidirectional layer = Built(new Bidirectional(new GRU(2, returnSequences: true), "concat"), 4, 3);
        Assert.True(layer.ForwardLayer.ZeroOutputForMask && layer.BackwardLayer.ZeroOutputForMask);
        Assert.False(new Bidirectional(new GRU(2)).ForwardLayer.ZeroOutputForMask);
        SequenceMask mask = Mask(new[,] { { true, true, false, true }, { true, false, false, true } });
        float[] y = layer.Forward(Arange([2, 4, 3]), mask, false).ToArray();
        for (int b = 0; b < 2; b++)
            for (int t = 0; t < 4; t++)
                Assert.Equal(mask.IsValid(b, t), y.AsSpan((b * 4 + t) * 4, 4).ToArray().Any(v => v != 0));
    }

    [Fact]
    public void Initial_states_and_their_gradients_split_between_the_directions()
    {
        Bidirectional layer = Built(new Bidirectional(new LSTM(2), "sum"), 4, 3);
        Tensor[] initialState = [.. Enumerable.Range(0, 4).Select(k => GradientCheck.Uniform(k, -1, 1, 2, 2))];
        layer.Call(Arange([2, 4, 3], 0.1f), null, initialState, training: true);
        layer.Backward(GradientCheck.Uniform(9, -1, 1, 2, 2), true);
        Assert.Equal(4, layer.InitialStateGradients.Count);
        Assert.Equal(layer.ForwardLayer.InitialStateGradients[1].ToArray(), layer.InitialStateGradients[1].ToArray());
        Assert.Equal(layer.BackwardLayer.InitialStateGradients[0].ToArray(), layer.InitialStateGradients[2].ToArray());
        var error = Assert.Throws<ArgumentException>(() => layer.Call(Arange([2, 4, 3]), null, initialState[..2]));
        Assert.Equal("initialState", error.ParamName);
        Assert.Contains("expects 4 initial states", error.Message);
    }

    [Theory]
    [InlineData("stateful")]
    [InlineData("returnSequences")]
    [InlineData("returnState")]
    [InlineData("goBackwards")]
    public void A_backward_layer_must_agree_as_keras_requires(string attribute)
    {
        RecurrentLayer backward = attribute switch
        {
            "stateful" => new LSTM(2, goBackwards: true, stateful: true),
            "returnSequences" => new LSTM(2, goBackwards: true, returnSequences: true),
            "returnState" => new LSTM(2, goBackwards: true, returnState: true),
            _ => new LSTM(2),
        };
        var error = Assert.Throws<ArgumentException>(() => new Bidirectional(new LSTM(2), backwardLayer: backward));
        Assert.Equal("backwardLayer", error.ParamName);
        Assert.Contains(attribute, error.Message);
    }
}
