using NotebookRnn.Layers;
using NotebookRnn.Layers.Recurrent;
using NotebookRnn.Models;
using NotebookRnn.Tensors;

namespace NotebookRnn.Tests.Layers.Recurrent;

public class UnrollTests
{
    [Theory]
    [InlineData("simple_rnn")]
    [InlineData("lstm")]
    [InlineData("gru")]
    public void Unrolled_and_looped_layers_give_identical_results_on_fixed_length_input(string cell)
    {
        (Tensor Output, float[] Gradients) Run(bool unroll)
        {
            RecurrentLayer layer = cell switch
            {
                "simple_rnn" => new SimpleRNN(4, returnSequences: true, unroll: unroll),
                "lstm" => new LSTM(4, returnSequences: true, unroll: unroll),
                _ => new GRU(4, returnSequences: true, unroll: unroll),
            };
            layer.Build([7, 3], new RandomGenerator(3));
            Tensor x = GradientCheck.Uniform(5, -2, 2, 5, 7, 3);
            Tensor y = layer.Forward(x, null, training: true).Clone();
            layer.Backward(GradientCheck.Uniform(6, -1, 1, 5, 7, 4), needInputGradient: true);
            Assert.Equal(unroll, layer.LastPlan!.Unrolled);
            return (y, [.. layer.Parameters.SelectMany(p => p.Gradient.ToArray())]);
        }
        var (unrolled, unrolledGradients) = Run(true);
        var (looped, loopedGradients) = Run(false);
        Assert.Equal(looped.ToArray(), unrolled.ToArray());
        Assert.Equal(loopedGradients, unrolledGradients);
    }

    [Fact]
    public void Unrolling_without_a_fixed_time_dimension_says_how_to_fix_it()
    {
        var model = new Sequential();
        var error = Assert.Throws<ArgumentException>(() => model.Add(new LSTM(8, inputShape: [null, 5], unroll: true)));
        Assert.Contains("unrolling needs a fixed number of timesteps", error.Message);
        Assert.Contains("(None, None, 5)", error.Message);
        Assert.Contains("unroll: false", error.Message);
    }

    [Fact]
    public void Looped_layers_take_a_different_length_every_batch()
    {
        var model = new Sequential([new GRU(3, inputShape: [null, 2]), new Dense(1)]);
        Assert.Equal([2, 1], model.Predict(new Tensor(2, 5, 2)).Shape);
        Assert.Equal([2, 1], model.Predict(new Tensor(2, 9, 2)).Shape);
    }
}
