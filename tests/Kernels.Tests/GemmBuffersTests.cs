namespace NotebookRnn.Kernels.Tests;

/// <summary>The packing buffers: 64-byte aligned, grown on demand, and kept.</summary>
public unsafe class GemmBuffersTests
{
    [Fact]
    public void Buffers_are_aligned_grow_when_too_small_and_are_reused_otherwise()
    {
        float[]? buffer = null;
        float* first = GemmBuffers.Aligned(ref buffer, 100);
        Assert.Equal(0, (long)first % 64);
        float[] kept = buffer!;
        Assert.True(GemmBuffers.Aligned(ref buffer, 50) == first);
        Assert.Same(kept, buffer);
        float* grown = GemmBuffers.Aligned(ref buffer, 1000);
        Assert.Equal(0, (long)grown % 64);
        Assert.True(buffer!.Length >= 1000);
    }
}
