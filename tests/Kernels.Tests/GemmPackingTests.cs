namespace NotebookRnn.Kernels.Tests;

/// <summary>The panel layout the micro-kernels read: width lanes per depth step, ragged panels padded with zeros.</summary>
public unsafe class GemmPackingTests
{
    // Panels of 4 (SSE), 6 (AVX2: a group of 4 and a pair) and 16; every lane count up to two panels and a ragged third,
    // and depths 0 to 9, so that the 4- and 2-lane transposes, the single-lane loop and each depth tail all run.
    [Theory]
    [InlineData(true, 4)]
    [InlineData(false, 4)]
    [InlineData(true, 6)]
    [InlineData(false, 6)]
    [InlineData(true, 16)]
    [InlineData(false, 16)]
    public void Lanes_are_laid_out_depth_major_in_panels_and_the_last_panel_is_zero_padded(bool lanesContiguous, int width)
    {
        const int stride = 41;
        float[] source = [.. Enumerable.Range(0, stride * stride).Select(i => (float)i + 1)];
        for (int lanes = 1; lanes <= 2 * width + 3; lanes++)
            for (int depth = 0; depth <= 9; depth++)
            {
                int panels = (lanes + width - 1) / width;
                float[] packed = new float[panels * depth * width];
                Array.Fill(packed, float.NaN);
                fixed (float* from = source, to = packed) GemmPacking.Pack(from, stride, lanesContiguous, lanes, depth, width, to);
                for (int panel = 0; panel < panels; panel++)
                    for (int p = 0; p < depth; p++)
                        for (int l = 0; l < width; l++)
                        {
                            int lane = panel * width + l;
                            float expected = lane >= lanes ? 0 : lanesContiguous ? source[p * stride + lane] : source[lane * stride + p];
                            Assert.Equal(expected, packed[(panel * depth + p) * width + l]);
                        }
            }
    }
}
