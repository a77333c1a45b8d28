using NotebookRnn.Layers.Recurrent;
using NotebookRnn.Layers.Wrappers;
using NotebookRnn.Models;
using NotebookRnn.Tensors;

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
}
