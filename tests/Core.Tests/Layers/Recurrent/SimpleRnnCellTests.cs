using NotebookRnn.Layers.Recurrent;
using NotebookRnn.Tensors;

namespace NotebookRnn.Tests.Layers.Recurrent;

/// <summary>The public <see cref="SimpleRNNCell"/>: one step by hand, the PyTorch fixtures step by step, gradients.</summary>
public class SimpleRnnCellTests
{
    [Fact]
    public void One_step_computes_tanh_of_the_affine_maps()
    {
        RecurrentCell cell = CellSteps.Built(new SimpleRNNCell(5), features: 3, seed: 3);
        Tensor x = GradientCheck.Uniform(4, -1, 1, 2, 3), h = GradientCheck.Uniform(5, -1, 1, 2, 5);
        RecurrentOutput y = cell.Call(x, [h]);
        for (int b = 0; b < 2; b++)
            for (int j = 0; j < 5; j++)
                Assert.Equal(Math.Tanh(CellSteps.Dot(x.Row(b), cell.Kernel.Value, j) + CellSteps.Dot(h.Row(b), cell.RecurrentKernel.Value, j) +
                    cell.Bias!.Value[j]), y.Output[b, j], 5);
    }

    [Fact]
    public void Without_states_a_step_starts_from_zeros()
    {
        RecurrentCell cell = CellSteps.Built(new SimpleRNNCell(2), features: 2, seed: 4);
        Tensor x = GradientCheck.Uniform(1, -1, 1, 3, 2);
        float[] fromZeros = cell.Call(x, [new Tensor(3, 2)]).Output.ToArray();
        Assert.Equal(fromZeros, cell.Call(x).Output.ToArray());
    }

    [Fact]
    public void Stepping_the_cell_reproduces_every_pytorch_simple_rnn_fixture() => CellSteps.AssertReproducesFixtures("simple_rnn");

    [Fact]
    public void Gradients_match_central_differences() =>
        CellSteps.CheckGradients(CellSteps.Built(new SimpleRNNCell(4), features: 3, seed: 11), batch: 3, seed: 12);

    [Fact]
    public void States_of_the_wrong_shape_are_rejected()
    {
        RecurrentCell cell = CellSteps.Built(new SimpleRNNCell(2), features: 2, seed: 4);
        var error = Assert.Throws<ArgumentException>(() => cell.Call(new Tensor(3, 2), [new Tensor(2, 2)]));
        Assert.Contains("(3, 2)", error.Message);
        Assert.Contains("has 1 states, got 2", Assert.Throws<ArgumentException>(() => cell.Call(new Tensor(3, 2), [new Tensor(3, 2), new Tensor(3, 2)])).Message);
    }
}
