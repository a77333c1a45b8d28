using NotebookRnn.Layers;
using NotebookRnn.Layers.Merging;
using NotebookRnn.Persistence;
using NotebookRnn.Tensors;

namespace NotebookRnn.Tests.Layers.Merging;

/// <summary>Dot; ports of keras/src/layers/merging/merging_test.py cite the Keras test.</summary>
public class DotTests
{
    private static Dot Built(Dot layer, params int?[][] shapes)
    {
        layer.Build(shapes, new RandomGenerator(1));
        return layer;
    }

    private static int[] Shape(Tensor x) => [.. x.Shape];

    // merging_test.py's np_dot: per sample, numpy's tensordot over one axis of each (batch axis counted as 0).
    private static double[] TensorDot(Tensor a, Tensor b, int axisA, int axisB)
    {
        if (axisA < 0) axisA += a.Rank;
        if (axisB < 0) axisB += b.Rank;
        int[] freeA = [.. Enumerable.Range(1, a.Rank - 1).Where(d => d != axisA)], freeB = [.. Enumerable.Range(1, b.Rank - 1).Where(d => d != axisB)];
        var result = new List<double>();
        for (int n = 0; n < a.Dim(0); n++)
            foreach (int[] ia in Indices([.. freeA.Select(a.Dim)]))
                foreach (int[] ib in Indices([.. freeB.Select(b.Dim)]))
                {
                    double sum = 0;
                    for (int k = 0; k < a.Dim(axisA); k++) sum += a[Place(n, ia, freeA, axisA, k, a.Rank)] * (double)b[Place(n, ib, freeB, axisB, k, b.Rank)];
                    result.Add(sum);
                }
        return [.. result];
    }

    private static int[] Place(int n, int[] free, int[] freeAxes, int axis, int k, int rank)
    {
        var index = new int[rank];
        index[0] = n;
        index[axis] = k;
        for (int i = 0; i < free.Length; i++) index[freeAxes[i]] = free[i];
        return index;
    }

    private static IEnumerable<int[]> Indices(int[] sizes)
    {
        var index = new int[sizes.Length];
        if (sizes.Any(s => s == 0)) yield break;
        while (true)
        {
            yield return (int[])index.Clone();
            int d = sizes.Length - 1;
            while (d >= 0 && ++index[d] == sizes[d]) index[d--] = 0;
            if (d < 0) yield break;
        }
    }

    /// <summary>merging_test.py::test_correctness_static ("dot_2d"): axes −1 on (2, 4) inputs → (2, 1).</summary>
    [Fact]
    public void The_dot_of_two_vectors_per_sample_has_shape_batch_by_one()
    {
        Tensor x1 = GradientCheck.Uniform(1, 0, 1, 2, 4), x2 = GradientCheck.Uniform(2, 0, 1, 2, 4);
        Dot layer = Built(new Dot([-1]), [4], [4]);

        Tensor y = layer.Forward([x1, x2], [], false);

        Assert.Equal([2, 1], Shape(y));
        KerasAssert.AllClose(TensorDot(x1, x2, -1, -1), y, atol: 1e-4);
        Assert.Null(layer.ComputeOutputMask([x1, x2], [null, null]));
    }

    /// <summary>merging_test.py::test_correctness_static ("dot_3d"): axes −1 on (2, 4, 5) inputs → (2, 4, 4).</summary>
    [Fact]
    public void The_dot_of_two_sequences_along_features_compares_every_pair_of_steps()
    {
        Tensor x1 = GradientCheck.Uniform(3, 0, 1, 2, 4, 5), x2 = GradientCheck.Uniform(4, 0, 1, 2, 4, 5);
        Dot layer = Built(new Dot([-1]), [4, 5], [4, 5]);

        Tensor y = layer.Forward([x1, x2], [], false);

        Assert.Equal([2, 4, 4], Shape(y));
        KerasAssert.AllClose(TensorDot(x1, x2, -1, -1), y, atol: 1e-4);
    }

    /// <summary>merging_test.py::test_dot_higher_dim: (1, 3, 2) · (1, 1, 2, 3) with axes (−2, −1) → (1, 2, 1, 2).</summary>
    [Fact]
    public void Axes_of_inputs_of_different_ranks_leave_the_remaining_axes_in_order()
    {
        Tensor a = GradientCheck.Uniform(5, 0, 1, 1, 3, 2), b = GradientCheck.Uniform(6, 0, 1, 1, 1, 2, 3);
        Dot layer = Built(new Dot([-2, -1]), [3, 2], [1, 2, 3]);

        Tensor c = layer.Forward([a, b], [], false);

        Assert.Equal([2, 1, 2], layer.OutputShape);
        Assert.Equal([1, 2, 1, 2], Shape(c));
        KerasAssert.AllClose(TensorDot(a, b, -2, -1), c, atol: 1e-5);
    }

    /// <summary>Keras's Dot docstring: x (1, 5, 2) = arange(10), y (1, 2, 5) = arange(10, 20), axes (1, 2) → [[[260, 360], [320, 445]]].</summary>
    [Fact]
    public void The_docstring_example_gives_Keras_numbers()
    {
        Tensor x = new Tensor([.. Enumerable.Range(0, 10).Select(i => (float)i)], 1, 5, 2);
        Tensor y = new Tensor([.. Enumerable.Range(10, 10).Select(i => (float)i)], 1, 2, 5);
        Dot layer = Built(new Dot([1, 2]), [5, 2], [2, 5]);

        Assert.Equal([260f, 360, 320, 445], layer.Forward([x, y], [], false).ToArray());
    }

    [Fact]
    public void Normalized_dot_is_the_cosine_similarity()
    {
        Tensor x = new float[,] { { 3, 4 }, { 1, 0 } }, y = new float[,] { { 4, 3 }, { 0, 2 } };
        Dot layer = Built(new Dot([1], normalize: true), [2], [2]);

        KerasAssert.AllClose([24.0 / 25, 0], layer.Forward([x, y], [], false), atol: 1e-6);
    }

    public static TheoryData<int[], bool, int[], int[]> GradientCases => new()
    {
        { [-1], false, [4, 3], [5, 3] },
        { [1], false, [4, 3], [4, 2] },
        { [1, 2], false, [4, 3], [2, 4] },
        { [-2, -1], false, [3, 2], [1, 2, 3] },
        { [2, 1], false, [2, 3, 2], [3, 2] },
        { [-1], true, [4, 3], [5, 3] },
        { [1, 2], true, [4, 3], [2, 4] },
        { [1], true, [3], [3] },
    };

    [Theory]
    [MemberData(nameof(GradientCases))]
    public void Gradients_match_central_differences(int[] axes, bool normalize, int[] first, int[] second)
    {
        Dot layer = Built(new Dot(axes, normalize), [.. first.Select(d => (int?)d)], [.. second.Select(d => (int?)d)]);

        GradientCheck.MultiInput(layer, [GradientCheck.Uniform(50, -1, 1, [2, .. first]), GradientCheck.Uniform(51, -1, 1, [2, .. second])]);
    }

    [Fact]
    public void A_smaller_batch_after_a_larger_one_gives_a_fresh_layers_numbers()
    {
        Tensor a = GradientCheck.Uniform(52, -1, 1, 3, 4, 3), b = GradientCheck.Uniform(53, -1, 1, 3, 2, 4);
        Dot used = Built(new Dot([1, 2], normalize: true), [4, 3], [2, 4]), fresh = Built(new Dot([1, 2], normalize: true), [4, 3], [2, 4]);
        used.Forward([a, b], [], true);
        used.BackwardAll(new Tensor(3, 3, 2), [true, true]);
        Tensor[] small = [a.SliceBatch(2, 1), b.SliceBatch(2, 1)];
        Tensor dy = GradientCheck.Uniform(54, -1, 1, 1, 3, 2);

        Assert.Equal(fresh.Forward(small, [], true).ToArray(), used.Forward(small, [], true).ToArray());
        Assert.Equal(fresh.BackwardAll(dy, [true, true]).Select(g => g!.ToArray()), used.BackwardAll(dy, [true, true]).Select(g => g!.ToArray()));
    }

    [Fact]
    public void Axes_must_name_one_or_two_axes_other_than_the_batch_axis()
    {
        Assert.Equal("axes", Assert.Throws<ArgumentException>(() => new Dot([1, 2, 3])).ParamName);
        Assert.Contains("batch axis", Assert.Throws<ArgumentException>(() => new Dot([0, 1])).Message);
    }

    [Fact]
    public void Axes_out_of_range_and_axes_of_different_sizes_are_refused_naming_the_shapes()
    {
        var outOfRange = Assert.Throws<ArgumentException>(() => Built(new Dot([3]), [4, 5], [4, 5]));
        var mismatch = Assert.Throws<ArgumentException>(() => Built(new Dot([1, 2]), [4, 5], [4, 5]));

        Assert.Equal("axes", outOfRange.ParamName);
        Assert.Contains("axis 3 is out of range for input 0 of rank 3", outOfRange.Message);
        Assert.Contains("size 4 at axis 1", mismatch.Message);
        Assert.Contains("size 5 at axis 2", mismatch.Message);
    }

    [Fact]
    public void Dot_takes_exactly_two_inputs() =>
        Assert.Contains("takes 2 inputs, got 3", Assert.Throws<ArgumentException>(() => new Dot([1]).Build([[2], [2], [2]], new RandomGenerator(1))).Message);

    [Fact]
    public void The_configuration_round_trips_and_reads_Keras_int_or_pair_axes()
    {
        var layer = new Dot([1, 2], normalize: true, name: "cosine");

        var restored = (Dot)LayerRegistry.FromConfig("Dot", layer.GetConfig());
        var fromKerasInt = (Dot)LayerRegistry.FromConfig("dot", new Dictionary<string, object?> { ["axes"] = -1 });

        Assert.Equal([1, 2], restored.Axes);
        Assert.Equal(layer.GetConfig(), LayerRegistry.Clone(layer).GetConfig());
        Assert.True(restored.Normalize);
        Assert.Equal("cosine", restored.Name);
        Assert.Equal([-1], fromKerasInt.Axes);
        Assert.Contains("expected an integer or a list of integers",
            Assert.Throws<ArgumentException>(() => LayerRegistry.FromConfig("Dot", new Dictionary<string, object?> { ["axes"] = "x" })).Message);
    }
}
