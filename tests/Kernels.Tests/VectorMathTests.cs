namespace NotebookRnn.Kernels.Tests;

/// <summary>The span loop of the vector math (every tail length, in place, short destinations) and when the fused kernels fit.</summary>
public class VectorMathTests
{
    [Theory, MemberData(nameof(Lanes.Supported), MemberType = typeof(Lanes))]
    public void Every_length_and_in_place_call_matches_the_vector_loop(int lanes)
    {
        for (int n = 0; n <= 256; n++)
        {
            float[] x = [.. Enumerable.Range(0, n).Select(i => (float)Math.Sin(i * 0.9) * 5)];
            float[] padded = [.. x, .. new float[272 - n]], expected = new float[272], copy = [.. x];
            VectorMath.Sigmoid(padded, expected, lanes);
            VectorMath.Sigmoid(copy, copy, lanes);
            Assert.Equal(expected[..n], copy);
            VectorMath.Tanh(padded, expected, lanes);
            copy = [.. x];
            VectorMath.Tanh(copy, copy, lanes);
            Assert.Equal(expected[..n], copy);
        }
    }

    /// <summary>The loop stores whole vectors unchecked, so a short destination must be refused before it starts.</summary>
    [Theory, MemberData(nameof(Lanes.Supported), MemberType = typeof(Lanes))]
    public void A_short_destination_throws_and_nothing_beyond_it_is_written(int lanes)
    {
        float[] x = [.. Enumerable.Range(0, 40).Select(i => i * 0.1f)], buffer = new float[64];
        Array.Fill(buffer, 7f);
        var error = Assert.Throws<ArgumentException>(() => VectorMath.Sigmoid(x, buffer.AsSpan(0, 20), lanes));
        Assert.Equal("y", error.ParamName);
        Assert.Contains("at least 40 values", error.Message);
        Assert.Contains("got 20", error.Message);
        Assert.Throws<ArgumentException>(() => VectorMath.Tanh(x, buffer.AsSpan(0, 39), lanes));
        Assert.All(buffer, v => Assert.Equal(7f, v));
    }

    [Fact]
    public void Only_whole_vector_widths_fit_the_fused_kernels_and_16_lanes_take_what_they_can()
    {
        Assert.False(VectorMath.FitsLanes(10));
        Assert.Equal(0, VectorMath.FusedLanes(12));
        Assert.Equal(VectorMath.IsAccelerated256 ? 8 : 0, VectorMath.FusedLanes(24));
        Assert.Equal(VectorMath.IsAccelerated ? 16 : VectorMath.IsAccelerated256 ? 8 : 0, VectorMath.FusedLanes(128));
        Assert.Equal(VectorMath.IsAccelerated || VectorMath.IsAccelerated256, VectorMath.FitsLanes(128));
    }
}
