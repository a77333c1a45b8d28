
namespace NotebookRnn.Kernels.Tests;

/// <summary>Scans for marked steps (some value differs from the pad value) against a per-step reference.</summary>
public class StepKernelsTests
{
    [Theory]
    [InlineData(1)]
    [InlineData(3)]
    [InlineData(17)]
    public void Extents_and_flags_agree_with_a_per_step_reference(int width)
    {
        var random = new Random(width);
        int rows = 7, steps = 9;
        float[] block = new float[rows * steps * width];
        for (int i = 0; i < block.Length; i++) block[i] = random.Next(4) == 0 ? 1 : 0;
        for (int t = 0; t < steps * width; t++) block[t] = 0;
        int[] count = new int[rows], first = new int[rows], last = new int[rows];
        StepKernels.Extents(block, steps, width, 0, count, first, last);
        bool[] flags = new bool[rows * steps];
        StepKernels.Flags(block, width, 0, flags);
        for (int r = 0; r < rows; r++)
        {
            int[] marked = [.. Enumerable.Range(0, steps).Where(t => block.AsSpan((r * steps + t) * width, width).ContainsAnyExcept(0f))];
            Assert.Equal(marked.Length, count[r]);
            Assert.Equal(marked.Length == 0 ? steps : marked[0], first[r]);
            Assert.Equal(marked.Length == 0 ? -1 : marked[^1], last[r]);
            Assert.Equal(Enumerable.Range(0, steps).Select(marked.Contains), flags.Skip(r * steps).Take(steps));
        }
    }

    [Fact]
    public void Negative_zero_is_the_pad_value_zero_and_NaN_is_not()
    {
        bool[] flags = new bool[3];
        StepKernels.Flags([-0f, float.NaN, 2], 1, 0, flags);
        Assert.Equal([false, true, true], flags);
    }

    [Fact]
    public void Indicator_and_and_or_work_elementwise()
    {
        float[] values = new float[3];
        StepKernels.Indicator([true, false, true], values);
        Assert.Equal([1f, 0, 1], values);
        bool[] both = new bool[3];
        StepKernels.And([true, true, false], [true, false, false], both);
        Assert.Equal([true, false, false], both);
        bool[] either = new bool[3];
        StepKernels.Or([true, false, false], [false, false, true], either);
        Assert.Equal([true, false, true], either);
        Assert.Throws<ArgumentException>(() => StepKernels.Or([true], [true, true], either));
    }

    [Fact]
    public void A_block_of_the_wrong_size_is_rejected()
    {
        var error = Assert.Throws<ArgumentException>(() => StepKernels.Extents(new float[10], 3, 2, 0, new int[2], new int[2], new int[2]));
        Assert.Contains("2 × 3 × 2 = 12 floats, got 10", error.Message);
    }
}
