namespace NotebookRnn.Kernels.Tests;

/// <summary>The panel layout the micro-kernels read: width lanes per depth step, ragged panels padded with zeros.</summary>
public unsafe class GemmPackingTests
{
    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void Lanes_are_laid_out_depth_major_in_panels_and_the_last_panel_is_zero_padded(bool lanesContiguous)
    {
        // 11 lanes, depth 7, panels of 4 (the SSE transpose runs on whole groups of 4, the scalar loop on the rest).
        const int lanes = 11, depth = 7, width = 4, stride = 13;
        float[] source = [.. Enumerable.Range(0, 13 * 13).Select(i => (float)i + 1)];
        float[] packed = new float[3 * depth * width];
        Array.Fill(packed, float.NaN);
        fixed (float* from = source, to = packed) GemmPacking.Pack(from, stride, lanesContiguous, lanes, depth, width, to);
        for (int panel = 0; panel < 3; panel++)
            for (int p = 0; p < depth; p++)
                for (int l = 0; l < width; l++)
                {
                    int lane = panel * width + l;
                    float expected = lane >= lanes ? 0 : lanesContiguous ? source[p * stride + lane] : source[lane * stride + p];
                    Assert.Equal(expected, packed[(panel * depth + p) * width + l]);
                }
    }
}
