using System.Runtime.Intrinsics;

namespace NotebookRnn.Kernels.Tests;

/// <summary>
/// The fused LSTM step against its formulas evaluated in double precision, element by element, on every vector width
/// this machine runs; and the checks of its public entries.
/// </summary>
public class LstmKernelsTests
{
    public static TheoryData<int, int, int> ForwardShapes() => Shapes((1, 8), (1, 16), (3, 24), (5, 32));

    public static TheoryData<int, int, int> BackwardShapes() => Shapes((1, 8), (1, 16), (2, 40), (4, 48));

    [Theory, MemberData(nameof(ForwardShapes))]
    public void Forward_matches_the_lstm_formulas(int lanes, int n, int units)
    {
        var random = new Random(n * 100 + units);
        float[] gates = Values(random, n * 4 * units, 3), cPrev = Values(random, n * units, 2);
        float[] before = [.. gates];
        float[] c = new float[n * units], tanhC = new float[n * units], h = new float[n * units];
        if (lanes == 16) LstmKernels.Forward<Vector512<float>, Simd512>(n, units, gates, cPrev, c, tanhC, h);
        else LstmKernels.Forward<Vector256<float>, Simd256>(n, units, gates, cPrev, c, tanhC, h);
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

    [Theory, MemberData(nameof(BackwardShapes))]
    public void Backward_matches_the_chain_rule_through_each_gate(int lanes, int n, int units)
    {
        var random = new Random(n * 7 + units);
        float[] gates = [.. Values(random, n * 4 * units, 1).Select(v => (v + 1) / 2.5f)];
        float[] activated = [.. gates], cPrev = Values(random, n * units, 2), tanhC = Values(random, n * units, 0.9f);
        float[] dh = Values(random, n * units, 1), dc = Values(random, n * units, 1), dcPrev = new float[n * units];
        if (lanes == 16) LstmKernels.Backward<Vector512<float>, Simd512>(n, units, gates, cPrev, tanhC, dh, dc, dcPrev);
        else LstmKernels.Backward<Vector256<float>, Simd256>(n, units, gates, cPrev, tanhC, dh, dc, dcPrev);
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

    [Fact]
    public void The_public_entries_run_the_widest_width_and_give_its_numbers()
    {
        var random = new Random(9);
        float[] gates = Values(random, 2 * 4 * 32, 3), cPrev = Values(random, 2 * 32, 2), viaWidest = [.. gates];
        float[] c = new float[64], tanhC = new float[64], h = new float[64], c2 = new float[64], tanhC2 = new float[64], h2 = new float[64];
        LstmKernels.Forward(2, 32, gates, cPrev, c, tanhC, h);
        if (Lanes.Values[0] == 16) LstmKernels.Forward<Vector512<float>, Simd512>(2, 32, viaWidest, cPrev, c2, tanhC2, h2);
        else LstmKernels.Forward<Vector256<float>, Simd256>(2, 32, viaWidest, cPrev, c2, tanhC2, h2);
        Assert.Equal(viaWidest, gates);
        Assert.Equal(h2, h);
    }

    [Fact]
    public void Units_of_whole_8_lane_vectors_run_on_8_lanes_and_every_width_gives_the_same_bits()
    {
        var random = new Random(11);
        float[] gates = Values(random, 3 * 4 * 48, 3), cPrev = Values(random, 3 * 48, 2), grads = Values(random, 3 * 48, 1);
        var outputs = new List<float[]>();
        foreach (int lanes in Lanes.Values)
        {
            float[] g = [.. gates], c = new float[144], tanhC = new float[144], h = new float[144], dcPrev = new float[144];
            if (lanes == 16) LstmKernels.Forward<Vector512<float>, Simd512>(3, 48, g, cPrev, c, tanhC, h);
            else LstmKernels.Forward<Vector256<float>, Simd256>(3, 48, g, cPrev, c, tanhC, h);
            float[] activated = [.. g];
            if (lanes == 16) LstmKernels.Backward<Vector512<float>, Simd512>(3, 48, g, cPrev, tanhC, grads, grads, dcPrev);
            else LstmKernels.Backward<Vector256<float>, Simd256>(3, 48, g, cPrev, tanhC, grads, grads, dcPrev);
            outputs.Add([.. activated, .. c, .. tanhC, .. h, .. g, .. dcPrev]);
        }

        Assert.All(outputs, output => Assert.Equal(outputs[0], output));
        float[] narrow = [.. gates.AsSpan(0, 4 * 24)], narrowC = new float[24], narrowTanhC = new float[24], narrowH = new float[24];
        float[] viaEight = [.. narrow], c8 = new float[24], tanhC8 = new float[24], h8 = new float[24];
        LstmKernels.Forward(1, 24, narrow, cPrev, narrowC, narrowTanhC, narrowH);
        LstmKernels.Forward<Vector256<float>, Simd256>(1, 24, viaEight, cPrev, c8, tanhC8, h8);
        Assert.Equal(viaEight, narrow);
        Assert.Equal(h8, narrowH);
    }

    [Fact]
    public void Spans_shorter_than_their_shape_throw_naming_the_span_before_anything_is_written()
    {
        float[] gates = new float[2 * 4 * 16], state = new float[2 * 16], shortState = new float[2 * 16 - 1];
        var error = Assert.Throws<ArgumentException>(() => LstmKernels.Forward(2, 16, gates, state, state, state, shortState));
        Assert.Equal("h", error.ParamName);
        Assert.Contains("at least 32 values", error.Message);
        Assert.Contains("got 31", error.Message);
        Assert.Equal("gates", Assert.Throws<ArgumentException>(() =>
            LstmKernels.Backward(2, 16, gates.AsSpan(1), state, state, state, state, state)).ParamName);
        Assert.Equal("dcPrev", Assert.Throws<ArgumentException>(() =>
            LstmKernels.Backward(2, 16, gates, state, state, state, state, shortState)).ParamName);
        Assert.All(gates, v => Assert.Equal(0f, v));
    }

    [Fact]
    public void Units_must_be_whole_vectors_and_sizes_not_negative()
    {
        float[] any = new float[1024];
        Assert.Equal("units", Assert.Throws<ArgumentException>(() => LstmKernels.Forward(1, 12, any, any, any, any, any)).ParamName);
        Assert.Equal("n", Assert.Throws<ArgumentOutOfRangeException>(() => LstmKernels.Forward(-1, 16, any, any, any, any, any)).ParamName);
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
