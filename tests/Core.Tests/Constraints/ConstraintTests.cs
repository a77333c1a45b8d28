using NotebookRnn.Constraints;
using NotebookRnn.Tensors;

namespace NotebookRnn.Tests.Constraints;

/// <summary>Keras 3's keras/src/constraints/constraints_test.py, one test per case, at assertAllClose's 1e-6.</summary>
public class ConstraintTests
{
    // get_example_array: np.random.random((100, 100)) * 100 - 50 with [0, 0] = 0.
    private static float[] ExampleArray()
    {
        float[] values = GradientCheck.Uniform(3537, -50, 50, 100, 100).ToArray();
        values[0] = 0;
        return values;
    }

    private static readonly int[] ExampleShape = [100, 100];

    // ‖column j‖₂ of a (rows, columns) matrix.
    private static double[] ColumnNorms(float[] values, int rows, int columns) =>
        [.. Enumerable.Range(0, columns).Select(j => Math.Sqrt(Enumerable.Range(0, rows).Sum(i => (double)values[i * columns + j] * values[i * columns + j])))];

    private static float[] Applied(Constraint constraint, float[] values, int[] shape)
    {
        float[] copy = (float[])values.Clone();
        constraint.Apply(copy, shape);
        return copy;
    }

    // keras/src/constraints/constraints_test.py: ConstraintsTest.test_max_norm
    [Fact]
    public void MaxNorm_scales_each_column_down_to_the_largest_norm()
    {
        // x = [[0,0,0],[1,0,0],[3,0,0],[3,3,3]].T: a (3, 4) matrix whose columns are those vectors.
        float[,] x = { { 0, 1, 3, 3 }, { 0, 0, 0, 3 }, { 0, 0, 0, 3 } };
        float s = 2 / MathF.Sqrt(3);
        float[,] target = { { 0, 1, 2, s }, { 0, 0, 0, s }, { 0, 0, 0, s } };
        Tensor values = x;
        new MaxNorm(2).Apply(values.Span, values.Shape);
        for (int i = 0; i < 3; i++)
            for (int j = 0; j < 4; j++) Assert.Equal(target[i, j], values[i, j], 1e-6);
    }

    // keras/src/constraints/constraints_test.py: ConstraintsTest.test_non_neg
    [Fact]
    public void NonNeg_leaves_no_negative_value() => Assert.True(Applied(new NonNeg(), ExampleArray(), ExampleShape).Min() >= 0);

    // keras/src/constraints/constraints_test.py: ConstraintsTest.test_unit_norm
    [Fact]
    public void UnitNorm_gives_every_column_norm_one()
    {
        foreach (double norm in ColumnNorms(Applied(new UnitNorm(), ExampleArray(), ExampleShape), 100, 100)) Assert.Equal(1, norm, 1e-6);
    }

    // keras/src/constraints/constraints_test.py: ConstraintsTest.test_min_max_norm
    [Fact]
    public void MinMaxNorm_keeps_every_column_norm_in_range()
    {
        foreach (double norm in ColumnNorms(Applied(new MinMaxNorm(minValue: 0.2, maxValue: 0.5), ExampleArray(), ExampleShape), 100, 100))
            Assert.InRange(norm, 0.2 - 1e-6, 0.5 + 1e-6);
    }

    // keras/src/constraints/constraints_test.py: ConstraintsTest.test_get_method
    [Fact]
    public void Get_finds_constraints_by_Keras_name_and_rejects_a_typo()
    {
        Assert.IsType<UnitNorm>(Constraint.Get("unit_norm"));
        Assert.IsType<MaxNorm>(Constraint.Get("MaxNorm"));
        Assert.IsType<NonNeg>(Constraint.Get("non_neg"));
        Assert.IsType<MinMaxNorm>(Constraint.Get("min_max_norm"));
        Assert.Contains("\"typo\"", Assert.Throws<ArgumentException>(() => Constraint.Get("typo")).Message);
    }

    // keras/src/constraints/constraints_test.py: ConstraintsTest.test_max_norm_get_config
    [Fact]
    public void MaxNorm_config_restores_the_same_constraint()
    {
        var constraint = new MaxNorm(maxValue: 3, axis: 1);
        Assert.Equal(new Dictionary<string, object?> { ["max_value"] = 3.0, ["axis"] = 1 }, constraint.GetConfig());
        var restored = (MaxNorm)Constraint.FromConfig("MaxNorm", constraint.GetConfig());
        Assert.Equal((constraint.MaxValue, constraint.Axis), (restored.MaxValue, restored.Axis));
        Assert.Equal(Applied(constraint, ExampleArray(), ExampleShape), Applied(restored, ExampleArray(), ExampleShape));
    }

    // keras/src/constraints/constraints_test.py: ConstraintsTest.test_unit_norm_get_config
    [Fact]
    public void UnitNorm_config_restores_the_same_constraint()
    {
        var constraint = new UnitNorm(axis: 1);
        Assert.Equal(new Dictionary<string, object?> { ["axis"] = 1 }, constraint.GetConfig());
        var restored = (UnitNorm)Constraint.FromConfig("UnitNorm", constraint.GetConfig());
        Assert.Equal(constraint.Axis, restored.Axis);
        Assert.Equal(Applied(constraint, ExampleArray(), ExampleShape), Applied(restored, ExampleArray(), ExampleShape));
    }

    // keras/src/constraints/constraints_test.py: ConstraintsTest.test_min_max_norm_get_config
    [Fact]
    public void MinMaxNorm_config_restores_the_same_constraint()
    {
        var constraint = new MinMaxNorm(minValue: 0.5, maxValue: 2, rate: 0.7, axis: 1);
        Assert.Equal(new Dictionary<string, object?> { ["min_value"] = 0.5, ["max_value"] = 2.0, ["rate"] = 0.7, ["axis"] = 1 }, constraint.GetConfig());
        var restored = (MinMaxNorm)Constraint.FromConfig("MinMaxNorm", constraint.GetConfig());
        Assert.Equal((constraint.MinValue, constraint.MaxValue, constraint.Rate, constraint.Axis), (restored.MinValue, restored.MaxValue, restored.Rate, restored.Axis));
        Assert.Equal(Applied(constraint, ExampleArray(), ExampleShape), Applied(restored, ExampleArray(), ExampleShape));
    }

    // keras/src/constraints/constraints_test.py: ConstraintsTest.test_non_neg_get_config
    [Fact]
    public void NonNeg_config_is_empty() => Assert.Empty(new NonNeg().GetConfig());

    // keras/src/constraints/constraints_test.py: ConstraintsTest.test_non_neg_from_config
    [Fact]
    public void NonNeg_comes_back_from_its_config() => Assert.IsType<NonNeg>(Constraint.FromConfig("NonNeg", new NonNeg().GetConfig()));

    // keras/src/constraints/constraints_test.py: ConstraintsTest.test_non_neg_serialization_roundtrip
    [Fact]
    public void NonNeg_from_its_config_projects_the_same()
    {
        Constraint restored = Constraint.FromConfig("NonNeg", new NonNeg().GetConfig());
        Assert.Equal(Applied(new NonNeg(), ExampleArray(), ExampleShape), Applied(restored, ExampleArray(), ExampleShape));
    }

    // keras/src/constraints/constraints_test.py: ConstraintsTest.test_non_neg_zeroes_negatives
    [Fact]
    public void NonNeg_zeroes_negatives() => Assert.All(Applied(new NonNeg(), [.. Enumerable.Repeat(-3f, 25)], [5, 5]), v => Assert.Equal(0, v));

    // keras/src/constraints/constraints_test.py: ConstraintsTest.test_non_neg_preserves_positives
    [Fact]
    public void NonNeg_preserves_positives() => Assert.All(Applied(new NonNeg(), [.. Enumerable.Repeat(3f, 25)], [5, 5]), v => Assert.Equal(3, v));

    // keras/src/constraints/constraints_test.py: ConstraintsTest.test_non_neg_all_zeros_input
    [Fact]
    public void NonNeg_keeps_zeros() => Assert.All(Applied(new NonNeg(), new float[25], [5, 5]), v => Assert.Equal(0, v));

    [Fact]
    public void Axis_one_and_a_negative_axis_take_norms_over_rows()
    {
        float[] values = ExampleArray();
        float[] byRows = Applied(new UnitNorm(axis: 1), values, ExampleShape), byLast = Applied(new UnitNorm(axis: -1), values, ExampleShape);
        Assert.Equal(byRows, byLast);
        for (int i = 0; i < 100; i++)
            Assert.Equal(1, Math.Sqrt(Enumerable.Range(0, 100).Sum(j => (double)byRows[i * 100 + j] * byRows[i * 100 + j])), 1e-6);
    }

    [Fact]
    public void An_axis_outside_the_weight_is_refused()
    {
        var error = Assert.Throws<ArgumentException>(() => new MaxNorm(axis: 2).Apply(new float[6], [2, 3]));
        Assert.Contains("Axis 2", error.Message);
        Assert.Contains("(2, 3)", error.Message);
    }
}
