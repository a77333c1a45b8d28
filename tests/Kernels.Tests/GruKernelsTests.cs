using NotebookRnn.Kernels;

namespace NotebookRnn.Kernels.Tests;

/// <summary>The fused reset-after GRU step against its formulas evaluated in double precision, element by element.</summary>
public class GruKernelsTests
{
    [Theory]
    [InlineData(1, 16)]
    [InlineData(5, 32)]
    public void Forward_matches_the_gru_formulas(int n, int units)
    {
        var random = new Random(n * 100 + units);
        float[] gates = Values(random, n * 3 * units, 2), projection = Values(random, n * 3 * units, 2);
        float[] hPrev = Values(random, n * units, 1), before = [.. gates];
        float[] candidate = new float[n * units], h = new float[n * units];
        GruKernels.Forward(n, units, gates, projection, hPrev, candidate, h);
        for (int row = 0; row < n; row++)
            for (int j = 0; j < units; j++)
            {
                int g = row * 3 * units + j, s = row * units + j;
                double z = Sigmoid(before[g] + projection[g]), r = Sigmoid(before[g + units] + projection[g + units]);
                double proposal = Math.Tanh(before[g + 2 * units] + r * projection[g + 2 * units]);
                Assert.Equal(z, gates[g], 1e-6);
                Assert.Equal(r, gates[g + units], 1e-6);
                Assert.Equal(proposal, gates[g + 2 * units], 1e-6);
                Assert.Equal(projection[g + 2 * units], candidate[s]);
                Assert.Equal(z * hPrev[s] + (1 - z) * proposal, h[s], 1e-6);
            }
    }

    [Theory]
    [InlineData(1, 16)]
    [InlineData(4, 48)]
    public void Backward_matches_the_chain_rule_through_each_gate(int n, int units)
    {
        var random = new Random(n * 7 + units);
        float[] gates = Values(random, n * 3 * units, 0.9f);
        for (int i = 0; i < gates.Length; i++)
            if (i % (3 * units) < 2 * units) gates[i] = (gates[i] + 1) / 2;
        float[] activated = [.. gates], candidate = Values(random, n * units, 2), hPrev = Values(random, n * units, 1);
        float[] dh = Values(random, n * units, 1), recurrent = new float[n * 3 * units], dhPrev = new float[n * units];
        GruKernels.Backward(n, units, gates, candidate, hPrev, dh, recurrent, dhPrev);
        for (int row = 0; row < n; row++)
            for (int j = 0; j < units; j++)
            {
                int g = row * 3 * units + j, s = row * units + j;
                double z = activated[g], r = activated[g + units], proposal = activated[g + 2 * units];
                double dProposal = dh[s] * (1 - z) * (1 - proposal * proposal);
                double dz = dh[s] * (hPrev[s] - proposal) * z * (1 - z), dr = dProposal * candidate[s] * r * (1 - r);
                Assert.Equal(dz, gates[g], 1e-5);
                Assert.Equal(dr, gates[g + units], 1e-5);
                Assert.Equal(dProposal, gates[g + 2 * units], 1e-5);
                Assert.Equal(dz, recurrent[g], 1e-5);
                Assert.Equal(dr, recurrent[g + units], 1e-5);
                Assert.Equal(dProposal * r, recurrent[g + 2 * units], 1e-5);
                Assert.Equal(dh[s] * z, dhPrev[s], 1e-5);
            }
    }

    private static double Sigmoid(double x) => 1 / (1 + Math.Exp(-x));

    private static float[] Values(Random random, int length, float scale) =>
        [.. Enumerable.Range(0, length).Select(_ => (float)(random.NextDouble() * 2 - 1) * scale)];
}
