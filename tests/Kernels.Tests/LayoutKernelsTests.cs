
namespace NotebookRnn.Kernels.Tests;

/// <summary>Axis permutations against the index arithmetic they stand for, for every permutation of ranks 1 to 4.</summary>
public class LayoutKernelsTests
{
    public static TheoryData<int[]> Permutations() => [.. new[] { 1, 2, 3, 4 }.SelectMany(rank => Orders(Enumerable.Range(0, rank).ToArray()))];

    [Theory]
    [MemberData(nameof(Permutations))]
    public void Permute_moves_every_value_to_its_permuted_index(int[] axes)
    {
        int[] shape = [.. new[] { 2, 3, 4, 5 }.Take(axes.Length)];
        float[] source = [.. Enumerable.Range(0, shape.Aggregate(1, (p, d) => p * d)).Select(i => (float)i)];
        float[] destination = new float[source.Length];

        LayoutKernels.Permute(source, shape, axes, destination);

        int[] permutedShape = [.. axes.Select(a => shape[a])];
        for (int flat = 0; flat < destination.Length; flat++)
        {
            int[] index = Unravel(flat, permutedShape), sourceIndex = new int[shape.Length];
            for (int k = 0; k < axes.Length; k++) sourceIndex[axes[k]] = index[k];
            Assert.Equal(Ravel(sourceIndex, shape), destination[flat]);
        }
    }

    [Fact]
    public void The_inverse_permutation_restores_the_source()
    {
        int[] shape = [3, 1, 4, 2], axes = [2, 0, 3, 1], inverse = [1, 3, 0, 2];
        float[] source = [.. Enumerable.Range(0, 24).Select(i => i * 0.5f)], permuted = new float[24], back = new float[24];

        LayoutKernels.Permute(source, shape, axes, permuted);
        LayoutKernels.Permute(permuted, [.. axes.Select(a => shape[a])], inverse, back);

        Assert.Equal(source, back);
    }

    [Fact]
    public void Empty_blocks_and_scalars_are_copied_as_they_are()
    {
        float[] scalar = new float[1];
        LayoutKernels.Permute([7f], [], [], scalar);
        LayoutKernels.Permute([], [0, 3], [1, 0], []);
        Assert.Equal([7f], scalar);
    }

    [Theory]
    [InlineData(new[] { 0, 0 })]
    [InlineData(new[] { 1, 2 })]
    [InlineData(new[] { 0 })]
    public void Axes_that_are_not_a_permutation_are_rejected(int[] axes)
    {
        var error = Assert.Throws<ArgumentException>(() => LayoutKernels.Permute(new float[6], [2, 3], axes, new float[6]));
        Assert.Equal("axes", error.ParamName);
        Assert.Contains($"got [{string.Join(", ", axes)}]", error.Message);
    }

    [Fact]
    public void A_destination_shorter_than_the_shape_is_rejected()
    {
        var error = Assert.Throws<ArgumentException>(() => LayoutKernels.Permute(new float[6], [2, 3], [1, 0], new float[5]));
        Assert.Equal("destination", error.ParamName);
    }

    private static IEnumerable<int[]> Orders(int[] items) => items.Length <= 1 ? [items]
        : items.SelectMany(first => Orders([.. items.Where(i => i != first)]).Select(rest => (int[])[first, .. rest]));

    private static int[] Unravel(int flat, int[] shape)
    {
        var index = new int[shape.Length];
        for (int k = shape.Length - 1; k >= 0; k--)
        {
            index[k] = flat % shape[k];
            flat /= shape[k];
        }
        return index;
    }

    private static int Ravel(int[] index, int[] shape) => index.Select((i, k) => (i, k)).Aggregate(0, (flat, e) => flat * shape[e.k] + e.i);
}
