using NotebookRnn.Regularizers;
using NotebookRnn.Tensors;

namespace NotebookRnn.Tests.Regularizers;

/// <summary>Keras 3's keras/src/regularizers/regularizers_test.py, one test per case with numbers, at assertAllClose's 1e-6.</summary>
public class RegularizerTests
{
    // np.random.random((4, 4)): values in [0, 1).
    private static float[] Random4x4(int seed) => GradientCheck.Uniform(seed, 0, 1, 4, 4).ToArray();

    private static readonly int[] Shape = [4, 4];

    private static double SumAbs(float[] v) => v.Sum(x => Math.Abs((double)x));

    private static double SumSquares(float[] v) => v.Sum(x => (double)x * x);

    private static void Close(double expected, double actual) => Assert.InRange(actual, expected - 1e-6 - 1e-6 * Math.Abs(expected), expected + 1e-6 + 1e-6 * Math.Abs(expected));

    private static Regularizer RoundTrip(Regularizer regularizer) => Regularizer.FromConfig(regularizer.ClassName, regularizer.GetConfig());

    // keras/src/regularizers/regularizers_test.py: RegularizersTest.test_config
    [Fact]
    public void Config_round_trips_each_regularizer()
    {
        foreach (Regularizer regularizer in new Regularizer[] { new L1(0.1), new L2(0.1), new L1L2(0.1, 0.2), new OrthogonalRegularizer(0.1, OrthogonalMode.Rows) })
        {
            Regularizer restored = RoundTrip(regularizer);
            Assert.IsType(regularizer.GetType(), restored);
            Assert.Equal(regularizer.GetConfig(), restored.GetConfig());
        }
    }

    // keras/src/regularizers/regularizers_test.py: RegularizersTest.test_l1
    [Fact]
    public void L1_is_factor_times_sum_of_absolute_values()
    {
        float[] value = Random4x4(1);
        Close(0.1 * SumAbs(value), new L1(0.1).Penalty(value, Shape));
    }

    // keras/src/regularizers/regularizers_test.py: RegularizersTest.test_l2
    [Fact]
    public void L2_is_factor_times_sum_of_squares()
    {
        float[] value = Random4x4(2);
        Close(0.1 * SumSquares(value), new L2(0.1).Penalty(value, Shape));
    }

    // keras/src/regularizers/regularizers_test.py: RegularizersTest.test_l1_l2
    [Fact]
    public void L1L2_adds_both_penalties()
    {
        float[] value = Random4x4(3);
        Close(0.1 * SumAbs(value) + 0.2 * SumSquares(value), new L1L2(l1: 0.1, l2: 0.2).Penalty(value, Shape));
    }

    // keras/src/regularizers/regularizers_test.py: RegularizersTest.test_get_method
    [Fact]
    public void Get_finds_regularizers_by_Keras_name_and_rejects_a_typo()
    {
        Assert.IsType<L1L2>(Regularizer.Get("l1l2"));
        Assert.IsType<L1L2>(Regularizer.Get("l1_l2"));
        Assert.IsType<L1>(Regularizer.Get("l1"));
        Assert.IsType<L2>(Regularizer.Get("l2"));
        Assert.IsType<OrthogonalRegularizer>(Regularizer.Get("orthogonal_regularizer"));
        var error = Assert.Throws<ArgumentException>(() => Regularizer.Get("typo"));
        Assert.Contains("\"typo\"", error.Message);
    }

    // keras/src/regularizers/regularizers_test.py: RegularizersTest.test_l1l2_get_config
    [Fact]
    public void L1L2_config_holds_both_factors_and_restores_them()
    {
        var regularizer = new L1L2(l1: 0.01, l2: 0.02);
        IReadOnlyDictionary<string, object?> config = regularizer.GetConfig();
        Assert.Equal(0.01, (double)config["l1"]!);
        Assert.Equal(0.02, (double)config["l2"]!);
        var restored = (L1L2)Regularizer.FromConfig("L1L2", config);
        Assert.Equal(config, restored.GetConfig());
        Assert.Equal((0.01, 0.02), (restored.L1, restored.L2));
    }

    // keras/src/regularizers/regularizers_test.py: RegularizersTest.test_l1_with_zero_weights
    [Fact]
    public void L1_of_zeros_is_zero() => Assert.Equal(0, new L1(0.1).Penalty(new float[16], Shape));

    // keras/src/regularizers/regularizers_test.py: RegularizersTest.test_l1_with_negative_weights
    [Fact]
    public void L1_of_negated_weights_is_the_same()
    {
        float[] ones = [.. Enumerable.Repeat(1f, 16)], minusOnes = [.. Enumerable.Repeat(-1f, 16)];
        Assert.Equal(new L1(0.1).Penalty(ones, Shape), new L1(0.1).Penalty(minusOnes, Shape));
    }

    // keras/src/regularizers/regularizers_test.py: RegularizersTest.test_l1_zero_coefficient
    [Fact]
    public void L1_with_factor_zero_is_zero() => Assert.Equal(0, new L1(0).Penalty(Random4x4(4), Shape));

    // keras/src/regularizers/regularizers_test.py: RegularizersTest.test_l2_with_zero_weights
    [Fact]
    public void L2_of_zeros_is_zero() => Assert.Equal(0, new L2(0.1).Penalty(new float[16], Shape));

    // keras/src/regularizers/regularizers_test.py: RegularizersTest.test_l2_zero_coefficient
    [Fact]
    public void L2_with_factor_zero_is_zero() => Assert.Equal(0, new L2(0).Penalty(Random4x4(5), Shape));

    // keras/src/regularizers/regularizers_test.py: RegularizersTest.test_l2_is_larger_than_l1_for_large_weights
    [Fact]
    public void L2_is_larger_than_L1_for_large_weights()
    {
        float[] tens = [.. Enumerable.Repeat(10f, 16)];
        Assert.True(new L2(1).Penalty(tens, Shape) > new L1(1).Penalty(tens, Shape));
    }

    // keras/src/regularizers/regularizers_test.py: RegularizersTest.test_l2_is_smaller_than_l1_for_small_weights
    [Fact]
    public void L2_is_smaller_than_L1_for_small_weights()
    {
        float[] tenths = [.. Enumerable.Repeat(0.1f, 16)];
        Assert.True(new L2(1).Penalty(tenths, Shape) < new L1(1).Penalty(tenths, Shape));
    }

    // keras/src/regularizers/regularizers_test.py: RegularizersTest.test_l1l2_zero_coefficients
    [Fact]
    public void L1L2_with_zero_factors_is_zero() => Assert.Equal(0, new L1L2(0, 0).Penalty(Random4x4(6), Shape));

    // keras/src/regularizers/regularizers_test.py: RegularizersTest.test_l1l2_only_l1
    [Fact]
    public void L1L2_with_only_l1_equals_L1()
    {
        float[] value = Random4x4(7);
        Close(new L1(0.1).Penalty(value, Shape), new L1L2(l1: 0.1, l2: 0).Penalty(value, Shape));
    }

    // keras/src/regularizers/regularizers_test.py: RegularizersTest.test_l1l2_only_l2
    [Fact]
    public void L1L2_with_only_l2_equals_L2()
    {
        float[] value = Random4x4(8);
        Close(new L2(0.1).Penalty(value, Shape), new L1L2(l1: 0, l2: 0.1).Penalty(value, Shape));
    }

    // keras/src/regularizers/regularizers_test.py: RegularizersTest.test_l1l2_with_zero_weights
    [Fact]
    public void L1L2_of_zeros_is_zero() => Assert.Equal(0, new L1L2(0.1, 0.2).Penalty(new float[16], Shape));

    // keras/src/regularizers/regularizers_test.py: ValidateFloatArgTest (negative, NaN, ±inf: "expected a non-negative float")
    [Theory]
    [InlineData(-1.0)]
    [InlineData(-0.001)]
    [InlineData(double.NaN)]
    [InlineData(double.PositiveInfinity)]
    [InlineData(double.NegativeInfinity)]
    public void A_factor_that_is_not_a_non_negative_finite_number_is_refused(double factor)
    {
        foreach (Func<Regularizer> create in new Func<Regularizer>[] { () => new L1(factor), () => new L2(factor), () => new L1L2(factor, 0) })
        {
            var error = Assert.Throws<ArgumentOutOfRangeException>(create);
            Assert.Contains("expected a non-negative float", error.Message);
        }
    }

    // keras/src/regularizers/regularizers_test.py: ValidateFloatArgTest.test_validate_float_with_zero, test_validate_float_with_very_small_positive, test_validate_float_with_large_positive
    [Theory]
    [InlineData(0.0)]
    [InlineData(1e-10)]
    [InlineData(1e6)]
    public void A_non_negative_finite_factor_is_kept(double factor) => Assert.Equal(factor, new L2(factor).Factor);

    // keras/src/regularizers/regularizers_test.py: RegularizersTest.test_orthogonal_regularizer
    [Fact]
    public void OrthogonalRegularizer_is_the_factor_times_the_mean_absolute_cosine_of_the_rows()
    {
        float[] value = Random4x4(10);
        double[][] rows = [.. Enumerable.Range(0, 4).Select(i => value[(i * 4)..(i * 4 + 4)].Select(v => (double)v).ToArray())];
        double[][] unit = [.. rows.Select(r => r.Select(v => v / Math.Sqrt(r.Sum(x => x * x))).ToArray())];
        double sum = 0;
        for (int i = 0; i < 4; i++)
            for (int j = 0; j < 4; j++)
                if (i != j) sum += Math.Abs(unit[i].Zip(unit[j], (a, b) => a * b).Sum());
        Close(0.1 * 0.5 * sum / (4.0 * 3.0 / 2.0), new OrthogonalRegularizer(factor: 0.1, mode: OrthogonalMode.Rows).Penalty(value, Shape));
    }

    // keras/src/regularizers/regularizers_test.py: RegularizersTest.test_orthogonal_regularizer_mode_validation
    [Fact]
    public void OrthogonalRegularizer_refuses_an_unknown_mode()
    {
        var error = Assert.Throws<ArgumentException>(() => Regularizer.FromConfig("OrthogonalRegularizer",
            new Dictionary<string, object?> { ["factor"] = 0.01, ["mode"] = "invalid_mode" }));
        Assert.Contains("Invalid value for argument mode: expected one of \"rows\", \"columns\", got \"invalid_mode\"", error.Message);
    }

    // keras/src/regularizers/regularizers_test.py: RegularizersTest.test_orthogonal_regularizer_input_rank_validation
    [Fact]
    public void OrthogonalRegularizer_refuses_a_tensor_that_is_not_2D()
    {
        var error = Assert.Throws<ArgumentException>(() => new OrthogonalRegularizer(0.1).Penalty(new float[64], [4, 4, 4]));
        Assert.Contains("Inputs to OrthogonalRegularizer must have rank 2, got shape (4, 4, 4)", error.Message);
    }

    // keras/src/regularizers/regularizers_test.py: RegularizersTest.test_orthogonal_regularizer_get_config
    [Fact]
    public void OrthogonalRegularizer_config_restores_factor_and_mode()
    {
        var regularizer = new OrthogonalRegularizer(factor: 0.01, mode: OrthogonalMode.Columns);
        IReadOnlyDictionary<string, object?> config = regularizer.GetConfig();
        Assert.Equal(0.01, (double)config["factor"]!, 7);
        Assert.Equal("columns", config["mode"]);
        var restored = (OrthogonalRegularizer)Regularizer.FromConfig("OrthogonalRegularizer", config);
        Assert.Equal((0.01, OrthogonalMode.Columns), (restored.Factor, restored.Mode));
    }

    [Theory]
    [InlineData(OrthogonalMode.Rows)]
    [InlineData(OrthogonalMode.Columns)]
    public void OrthogonalRegularizer_gradient_matches_central_differences(OrthogonalMode mode)
    {
        float[] value = GradientCheck.Uniform(12, -1, 1, 4, 3).ToArray();
        var regularizer = new OrthogonalRegularizer(0.5, mode);
        var gradient = new float[value.Length];
        regularizer.AddGradient(value, [4, 3], gradient);
        GradientCheck.Compare(mode.ToString(), gradient, GradientCheck.Numeric(value, () => regularizer.Penalty(value, [4, 3])));
    }

    [Fact]
    public void Gradients_are_l1_sign_plus_two_l2_x_and_match_central_differences()
    {
        float[] value = [.. GradientCheck.Uniform(9, -1, 1, 3, 5).ToArray()];
        var regularizer = new L1L2(0.3, 0.7);
        var gradient = new float[value.Length];
        regularizer.AddGradient(value, [3, 5], gradient, scale: 2);
        for (int i = 0; i < value.Length; i++)
            Assert.Equal(2 * (0.3 * Math.Sign(value[i]) + 2 * 0.7 * value[i]), gradient[i], 1e-5);
        double[] numeric = GradientCheck.Numeric(value, () => 2 * regularizer.Penalty(value, [3, 5]));
        for (int i = 0; i < value.Length; i++)
            if (Math.Abs(value[i]) > 0.02) Assert.Equal(numeric[i], gradient[i], 1e-3);
    }

    [Fact]
    public void A_config_written_as_Keras_does_is_read_back()
    {
        var restored = (L2)Regularizer.FromConfig("L2", new Dictionary<string, object?> { ["l2"] = 0.05 });
        Assert.Equal(0.05, restored.Factor);
        var error = Assert.Throws<ArgumentException>(() => Regularizer.FromConfig("L2", new Dictionary<string, object?> { ["l1"] = 0.05 }));
        Assert.Contains("\"l1\"", error.Message);
    }
}
