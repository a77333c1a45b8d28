using System.Runtime.Intrinsics;

namespace NotebookRnn.Kernels.Tests;

/// <summary>
/// The fused reset-after GRU step against its formulas evaluated in double precision, element by element, on every
/// vector width this machine runs; and the checks of its public entries.
/// </summary>
public class GruKernelsTests
{
    public static TheoryData<int, int, int> ForwardShapes() => Shapes((1, 8), (1, 16), (3, 24), (5, 32));

    public static TheoryData<int, int, int> BackwardShapes() => Shapes((1, 8), (1, 16), (2, 40), (4, 48));

    [Theory, MemberData(nameof(ForwardShapes))]
    public void Forward_matches_the_gru_formulas(int lanes, int n, int units)
    {
        var random = new Random(n * 100 + units);
        float[] gates = Values(random, n * 3 * units, 2), projection = Values(random, n * 3 * units, 2);
        float[] hPrev = Values(random, n * units, 1), before = [.. gates];
        float[] candidate = new float[n * units], h = new float[n * units];
        if (lanes == 16) GruKernels.Forward<Vector512<float>, Simd512>(n, units, gates, projection, hPrev, candidate, h);
        else GruKernels.Forward<Vector256<float>, Simd256>(n, units, gates, projection, hPrev, candidate, h);
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

    [Theory, MemberData(nameof(BackwardShapes))]
    public void Backward_matches_the_chain_rule_through_each_gate(int lanes, int n, int units)
    {
        var random = new Random(n * 7 + units);
        float[] gates = Values(random, n * 3 * units, 0.9f);
        for (int i = 0; i < gates.Length; i++)
            if (i % (3 * units) < 2 * units) gates[i] = (gates[i] + 1) / 2;
        float[] activated = [.. gates], candidate = Values(random, n * units, 2), hPrev = Values(random, n * units, 1);
        float[] dh = Values(random, n * units, 1), recurrent = new float[n * 3 * units], dhPrev = new float[n * units];
        if (lanes == 16) GruKernels.Backward<Vector512<float>, Simd512>(n, units, gates, candidate, hPrev, dh, recurrent, dhPrev);
        else GruKernels.Backward<Vector256<float>, Simd256>(n, units, gates, candidate, hPrev, dh, recurrent, dhPrev);
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

    [Fact]
    public void The_public_entries_run_the_widest_width_and_give_its_numbers()
    {
        var random = new Random(9);
        float[] gates = Values(random, 2 * 3 * 32, 2), projection = Values(random, 2 * 3 * 32, 2), hPrev = Values(random, 64, 1);
        float[] viaWidest = [.. gates], candidate = new float[64], h = new float[64], candidate2 = new float[64], h2 = new float[64];
        GruKernels.Forward(2, 32, gates, projection, hPrev, candidate, h);
        if (Lanes.Values[0] == 16) GruKernels.Forward<Vector512<float>, Simd512>(2, 32, viaWidest, projection, hPrev, candidate2, h2);
        else GruKernels.Forward<Vector256<float>, Simd256>(2, 32, viaWidest, projection, hPrev, candidate2, h2);
        Assert.Equal(viaWidest, gates);
        Assert.Equal(h2, h);
    }

    [Fact]
    public void Units_of_whole_8_lane_vectors_run_on_8_lanes_and_every_width_gives_the_same_bits()
    {
        var random = new Random(12);
        float[] gates = Values(random, 3 * 3 * 48, 2), projection = Values(random, 3 * 3 * 48, 2), hPrev = Values(random, 144, 1);
        float[] dh = Values(random, 144, 1);
        var outputs = new List<float[]>();
        foreach (int lanes in Lanes.Values)
        {
            float[] g = [.. gates], candidate = new float[144], h = new float[144], recurrent = new float[3 * 144], dhPrev = new float[144];
            if (lanes == 16) GruKernels.Forward<Vector512<float>, Simd512>(3, 48, g, projection, hPrev, candidate, h);
            else GruKernels.Forward<Vector256<float>, Simd256>(3, 48, g, projection, hPrev, candidate, h);
            float[] activated = [.. g];
            if (lanes == 16) GruKernels.Backward<Vector512<float>, Simd512>(3, 48, g, candidate, hPrev, dh, recurrent, dhPrev);
            else GruKernels.Backward<Vector256<float>, Simd256>(3, 48, g, candidate, hPrev, dh, recurrent, dhPrev);
            outputs.Add([.. activated, .. candidate, .. h, .. g, .. recurrent, .. dhPrev]);
        }

        Assert.All(outputs, output => Assert.Equal(outputs[0], output));
        float[] narrow = [.. gates.AsSpan(0, 3 * 24)], narrowCandidate = new float[24], narrowH = new float[24];
        float[] viaEight = [.. narrow], candidate8 = new float[24], h8 = new float[24];
        GruKernels.Forward(1, 24, narrow, projection, hPrev, narrowCandidate, narrowH);
        GruKernels.Forward<Vector256<float>, Simd256>(1, 24, viaEight, projection, hPrev, candidate8, h8);
        Assert.Equal(viaEight, narrow);
        Assert.Equal(h8, narrowH);
    }

    [Fact]
    public void Spans_shorter_than_their_shape_throw_naming_the_span_before_anything_is_written()
    {
        float[] gates = new float[2 * 3 * 16], state = new float[2 * 16], shortState = new float[2 * 16 - 1];
        var error = Assert.Throws<ArgumentException>(() => GruKernels.Forward(2, 16, gates, gates, state, state, shortState));
        Assert.Equal("h", error.ParamName);
        Assert.Contains("at least 32 values", error.Message);
        Assert.Contains("got 31", error.Message);
        Assert.Equal("projection", Assert.Throws<ArgumentException>(() =>
            GruKernels.Forward(2, 16, gates, gates.AsSpan(1), state, state, state)).ParamName);
        Assert.Equal("recurrentGradients", Assert.Throws<ArgumentException>(() =>
            GruKernels.Backward(2, 16, gates, state, state, state, gates.AsSpan(2), state)).ParamName);
        Assert.All(gates, v => Assert.Equal(0f, v));
    }

    [Fact]
    public void Units_must_be_whole_vectors_and_sizes_not_negative()
    {
        float[] any = new float[1024];
        Assert.Equal("units", Assert.Throws<ArgumentException>(() => GruKernels.Forward(1, 12, any, any, any, any, any)).ParamName);
        Assert.Equal("units", Assert.Throws<ArgumentOutOfRangeException>(() => GruKernels.Backward(1, -16, any, any, any, any, any, any)).ParamName);
    }

    private static TheoryData<int, int, int> Shapes(params (int N, int Units)[] shapes)
    {
        var data = new TheoryData<int, int, int>();
        foreach (int lanes in Lanes.Values)
            foreach (var (n, units) in shapes.Where(shape => shape.Units % lanes == 0)) data.Add(lanes, n, units);
        return data;
    }

    private static double Sigmoid(double x) => 1 / (1 + Math.Exp(-x));

    private static float[] Values(Random random, int length, float scale) =>
        [.. Enumerable.Range(0, length).Select(_ => (float)(random.NextDouble() * 2 - 1) * scale)];
}
