using NotebookRnn.Layers;
using NotebookRnn.Layers.Recurrent;
using NotebookRnn.Tensors;

namespace NotebookRnn.Tests.Layers.Recurrent;

/// <summary>The public <see cref="LSTMCell"/>: one step by hand, the PyTorch fixtures step by step, gradients.</summary>
public class LstmCellTests
{
    [Theory]
    [InlineData(3)]
    [InlineData(16)] // the fused gate kernels' width where Vector512 runs
    public void One_step_computes_the_keras_formulas(int units)
    {
        RecurrentCell cell = CellSteps.Built(new LSTMCell(units), features: 4, seed: 1);
        Tensor x = GradientCheck.Uniform(4, -1, 1, 2, 4), h = GradientCheck.Uniform(5, -1, 1, 2, units), c = GradientCheck.Uniform(6, -1, 1, 2, units);
        RecurrentOutput y = cell.Call(x, [h, c]);
        for (int b = 0; b < 2; b++)
            for (int j = 0; j < units; j++)
            {
                double Gate(int gate) => CellSteps.Dot(x.Row(b), cell.Kernel.Value, gate * units + j) +
                    CellSteps.Dot(h.Row(b), cell.RecurrentKernel.Value, gate * units + j) + cell.Bias!.Value[gate * units + j];
                double i = CellSteps.Sigmoid(Gate(0)), f = CellSteps.Sigmoid(Gate(1)), g = Math.Tanh(Gate(2)), o = CellSteps.Sigmoid(Gate(3));
                double cNew = f * c[b, j] + i * g, hNew = o * Math.Tanh(cNew);
                Assert.Equal(hNew, y.Output[b, j], 5);
                Assert.Equal(hNew, y.States[0][b, j], 5);
                Assert.Equal(cNew, y.States[1][b, j], 5);
            }
    }

    [Fact]
    public void Stepping_the_cell_reproduces_every_pytorch_lstm_fixture() => CellSteps.AssertReproducesFixtures("lstm");

    [Theory]
    [InlineData(3)]
    [InlineData(16)]
    public void Gradients_match_central_differences(int units) =>
        CellSteps.CheckGradients(CellSteps.Built(new LSTMCell(units), features: 3, seed: 7), batch: 2, seed: 8);

    [Fact]
    public void Weights_of_the_wrong_shape_are_rejected_with_both_shapes()
    {
        var cell = new LSTMCell(3);
        var error = Assert.Throws<ArgumentException>(() => cell.Build(new Parameter("kernel", new Tensor(2, 12)), new Parameter("u", new Tensor(3, 9))));
        Assert.Equal("recurrentKernel", error.ParamName);
        Assert.Contains("(3, 12)", error.Message);
        Assert.Contains("(3, 9)", error.Message);
        Assert.Contains("not built", Assert.Throws<InvalidOperationException>(() => cell.Call(new Tensor(1, 2))).Message);
    }

    [Fact]
    public void A_layer_supplies_its_weights_to_its_cell()
    {
        var layer = new LSTM(4);
        layer.Build([null, 3], new RandomGenerator(1));
        Assert.IsType<LSTMCell>(layer.Cell);
        Assert.Same(layer.Kernel, layer.Cell.Kernel);
        Assert.Equal(layer.Parameters, layer.Cell.Parameters);
        Assert.Equal(2, layer.Cell.StateCount);
    }
}
