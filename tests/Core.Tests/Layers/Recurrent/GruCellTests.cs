using NotebookRnn.Layers.Recurrent;
using NotebookRnn.Tensors;

namespace NotebookRnn.Tests.Layers.Recurrent;

/// <summary>The public <see cref="GRUCell"/>, reset-after and reset-before: one step by hand, the PyTorch fixtures step by step, gradients.</summary>
public class GruCellTests
{
    [Theory]
    [InlineData(3, true)]
    [InlineData(16, true)]
    [InlineData(3, false)]
    public void One_step_computes_the_keras_formulas(int units, bool resetAfter)
    {
        RecurrentCell cell = CellSteps.Built(new GRUCell(units, resetAfter: resetAfter), features: 4, seed: 2);
        Tensor x = GradientCheck.Uniform(4, -1, 1, 2, 4), h = GradientCheck.Uniform(5, -1, 1, 2, units);
        Tensor w = cell.Kernel.Value, u = cell.RecurrentKernel.Value;
        float[] bias = cell.Bias!.Value.ToArray();
        RecurrentOutput y = cell.Call(x, [h]);
        for (int b = 0; b < 2; b++)
        {
            double[] r = new double[units];
            double InputPart(int gate, int j) => CellSteps.Dot(x.Row(b), w, gate * units + j) + bias[gate * units + j];
            double RecurrentPart(int gate, int j) => CellSteps.Dot(h.Row(b), u, gate * units + j) + (resetAfter ? bias[3 * units + gate * units + j] : 0);
            for (int j = 0; j < units; j++) r[j] = CellSteps.Sigmoid(InputPart(1, j) + RecurrentPart(1, j));
            float[] resetState = [.. Enumerable.Range(0, units).Select(j => (float)(r[j] * h[b, j]))];
            for (int j = 0; j < units; j++)
            {
                double z = CellSteps.Sigmoid(InputPart(0, j) + RecurrentPart(0, j));
                double candidate = Math.Tanh(InputPart(2, j) + (resetAfter ? r[j] * RecurrentPart(2, j) : CellSteps.Dot(resetState, u, 2 * units + j)));
                Assert.Equal(z * h[b, j] + (1 - z) * candidate, y.Output[b, j], 5);
            }
        }
    }

    [Fact]
    public void Stepping_the_cell_reproduces_every_pytorch_gru_fixture() => CellSteps.AssertReproducesFixtures("gru");

    [Theory]
    [InlineData(3, true)]
    [InlineData(16, true)]
    [InlineData(3, false)]
    public void Gradients_match_central_differences(int units, bool resetAfter) =>
        CellSteps.CheckGradients(CellSteps.Built(new GRUCell(units, resetAfter: resetAfter), features: 3, seed: 9), batch: 2, seed: 10);

    [Fact]
    public void The_reset_after_bias_holds_an_input_and_a_recurrent_row()
    {
        Assert.Equal([2, 12], new GRUCell(4).BiasShape);
        Assert.Equal([12], new GRUCell(4, resetAfter: false).BiasShape);
    }
}
