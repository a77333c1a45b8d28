using NotebookRnn.Kernels;

namespace NotebookRnn.Kernels.Tests;

/// <summary>The fused LSTM step against its formulas evaluated in double precision, element by element.</summary>
public class LstmKernelsTests
{
    [Theory]
    [InlineData(1, 16)]
    [InlineData(5, 32)]
    public void Forward_matches_the_lstm_formulas(int n, int units)
    {
        var random = new Random(n * 100 + units);
        float[] gates = Values(random, n * 4 * units, 3), cPrev = Values(random, n * units, 2);
        float[] before = [.. gates];
        float[] c = new float[n * units], tanhC = new float[n * units], h = new float[n * units];
        LstmKernels.Forward(n, units, gates, cPrev, c, tanhC, h);
        for (int r = 0; r < n; r++)
            for (int j = 0; j < units; j++)
            {
                int g = r * 4 * units + j, s = r * units + j;
                double i = Sigmoid(before[g]), f = Sigmoid(before[g + units]), cell = Math.Tanh(before[g + 2 * units]);
                double o = Sigmoid(before[g + 3 * units]), next = f * cPrev[s] + i * cell;
                Assert.Equal(i, gates[g], 1e-6);
                Assert.Equal(f, gates[g + units], 1e-6);
                Assert.Equal(cell, gates[g + 2 * units], 1e-6);
                Assert.Equal(o, gates[g + 3 * units], 1e-6);
                Assert.Equal(next, c[s], 1e-6);
                Assert.Equal(Math.Tanh(next), tanhC[s], 1e-6);
                Assert.Equal(o * Math.Tanh(next), h[s], 1e-6);
            }
    }

    [Theory]
    [InlineData(1, 16)]
    [InlineData(4, 48)]
    public void Backward_matches_the_chain_rule_through_each_gate(int n, int units)
    {
        var random = new Random(n * 7 + units);
        float[] gates = [.. Values(random, n * 4 * units, 1).Select(v => (v + 1) / 2.5f)];
        float[] activated = [.. gates], cPrev = Values(random, n * units, 2), tanhC = Values(random, n * units, 0.9f);
        float[] dh = Values(random, n * units, 1), dc = Values(random, n * units, 1), dcPrev = new float[n * units];
        LstmKernels.Backward(n, units, gates, cPrev, tanhC, dh, dc, dcPrev);
        for (int r = 0; r < n; r++)
            for (int j = 0; j < units; j++)
            {
                int g = r * 4 * units + j, s = r * units + j;
                double i = activated[g], f = activated[g + units], cell = activated[g + 2 * units], o = activated[g + 3 * units];
                double dcTotal = dc[s] + dh[s] * o * (1 - tanhC[s] * tanhC[s]);
                Assert.Equal(dcTotal * cell * i * (1 - i), gates[g], 1e-5);
                Assert.Equal(dcTotal * cPrev[s] * f * (1 - f), gates[g + units], 1e-5);
                Assert.Equal(dcTotal * i * (1 - cell * cell), gates[g + 2 * units], 1e-5);
                Assert.Equal(dh[s] * tanhC[s] * o * (1 - o), gates[g + 3 * units], 1e-5);
                Assert.Equal(dcTotal * f, dcPrev[s], 1e-5);
            }
    }

    private static double Sigmoid(double x) => 1 / (1 + Math.Exp(-x));

    private static float[] Values(Random random, int length, float scale) =>
        [.. Enumerable.Range(0, length).Select(_ => (float)(random.NextDouble() * 2 - 1) * scale)];
}
