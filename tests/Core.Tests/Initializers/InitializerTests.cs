using NotebookRnn.Initializers;
using NotebookRnn.Layers;
using NotebookRnn.Persistence;
using NotebookRnn.Tensors;

namespace NotebookRnn.Tests.Initializers;

public class InitializerTests
{
    [Theory]
    [InlineData(8, 32)]
    [InlineData(32, 8)]
    [InlineData(16, 16)]
    public void Orthogonal_rows_or_columns_are_orthonormal(int rows, int columns)
    {
        var values = new float[rows * columns];
        new Orthogonal().Fill(values, [rows, columns], new RandomGenerator(1));
        bool byRows = rows <= columns;
        int count = byRows ? rows : columns, length = byRows ? columns : rows;
        double At(int vector, int i) => byRows ? values[vector * columns + i] : values[i * columns + vector];
        for (int a = 0; a < count; a++)
            for (int b = 0; b < count; b++)
            {
                double dot = 0;
                for (int i = 0; i < length; i++) dot += At(a, i) * At(b, i);
                Assert.Equal(a == b ? 1 : 0, dot, 5);
            }
    }

    [Fact]
    public void Glorot_uniform_variance_matches_two_over_fan_sum()
    {
        var values = new float[400 * 600];
        Initializer.Get("glorot_uniform").Fill(values, [400, 600], new RandomGenerator(2));
        double variance = values.Average(v => (double)v * v);
        Assert.Equal(2.0 / 1000, variance, 4);
    }

    private static float[] Values(Initializer initializer, int[] shape, long layerSeed = 99)
    {
        var values = new float[shape.Aggregate(1, (a, b) => a * b)];
        initializer.Fill(values, shape, new RandomGenerator(layerSeed));
        return values;
    }

    private static double StandardDeviation(float[] values)
    {
        double mean = values.Average(v => (double)v);
        return Math.Sqrt(values.Average(v => (v - mean) * (v - mean)));
    }

    private static Initializer RoundTrip(Initializer initializer) => Initializer.FromConfig(initializer.ClassName, initializer.GetConfig());

    // keras/src/initializers/constant_initializers_test.py: ConstantInitializersTest.test_zeros_initializer
    [Fact]
    public void Zeros_fills_zeros_and_round_trips()
    {
        Assert.All(Values(new Zeros(), [3, 3]), v => Assert.Equal(0, v));
        Assert.IsType<Zeros>(RoundTrip(new Zeros()));
    }

    // keras/src/initializers/constant_initializers_test.py: ConstantInitializersTest.test_ones_initializer
    [Fact]
    public void Ones_fills_ones_and_round_trips()
    {
        Assert.All(Values(new Ones(), [3, 3]), v => Assert.Equal(1, v));
        Assert.IsType<Ones>(RoundTrip(new Ones()));
    }

    // keras/src/initializers/constant_initializers_test.py: ConstantInitializersTest.test_constant_initializer
    [Fact]
    public void Constant_fills_its_value_and_round_trips()
    {
        var initializer = new Constant(6);
        Assert.All(Values(initializer, [3, 3]), v => Assert.Equal(6, v));
        Assert.Equal(6, ((Constant)RoundTrip(initializer)).Value);
    }

    // keras/src/initializers/constant_initializers_test.py: ConstantInitializersTest.test_constant_initializer_array_value
    [Fact]
    public void Constant_array_value_fills_the_array_and_round_trips()
    {
        var random = new Random(3);
        float[] constantValue = [.. Enumerable.Range(0, 9).Select(_ => random.NextSingle())];
        var initializer = new Constant(constantValue, [3, 3]);
        Assert.Equal(constantValue, Values(initializer, [3, 3]));
        var restored = (Constant)RoundTrip(initializer);
        Assert.Equal(constantValue, restored.Values);
        Assert.Equal([3, 3], restored.ValueShape);
    }

    [Fact]
    public void Constant_array_value_broadcasts_as_numpy_does_and_survives_save_and_load()
    {
        // np.full((2, 3), [[1], [2]]) and np.full((2, 3), [1, 2, 3]).
        Assert.Equal([1f, 1, 1, 2, 2, 2], Values(new Constant(new float[,] { { 1 }, { 2 } }), [2, 3]));
        Assert.Equal([1f, 2, 3, 1, 2, 3], Values(new Constant([1f, 2, 3], [3]), [2, 3]));

        var dense = new Dense(3, kernelInitializer: new Constant([1f, 2, 3], [1, 3]));
        var config = ConfigJson.ToElement(dense.GetConfig(), "config");
        Assert.Equal("__numpy__", config.GetProperty("kernel_initializer").GetProperty("config").GetProperty("value").GetProperty("class_name").GetString());
        var restored = (Constant)((Dense)LayerRegistry.FromConfig("Dense", dense.GetConfig())).KernelInitializer;
        Assert.Equal([1f, 2, 3], restored.Values);
        Assert.Equal([1, 3], restored.ValueShape);
        Assert.Equal([1f, 2, 3, 1, 2, 3], Values(restored, [2, 3]));
        Assert.Equal(6, ((Constant)RoundTrip(new Constant(6))).Value);
    }

    [Fact]
    public void Constant_array_value_refuses_a_weight_shape_it_does_not_broadcast_to()
    {
        var error = Assert.Throws<ArgumentException>(() => Values(new Constant(new float[9], [3, 3]), [2, 3]));
        Assert.Equal("shape", error.ParamName);
        Assert.Contains("(3, 3)", error.Message);
        Assert.Contains("(2, 3)", error.Message);
    }

    // keras/src/initializers/constant_initializers_test.py: ConstantInitializersTest.test_identity_initializer
    [Fact]
    public void Identity_fills_gain_times_eye_and_round_trips()
    {
        float[] values = Values(new Identity(gain: 2), [3, 3]);
        for (int i = 0; i < 3; i++)
            for (int j = 0; j < 3; j++) Assert.Equal(i == j ? 2 : 0, values[i * 3 + j]);
        Assert.Equal(2, ((Identity)RoundTrip(new Identity(2))).Gain);
        Assert.IsType<Identity>(Initializer.Get("IdentityInitializer"));
        var error = Assert.Throws<ArgumentException>(() => Values(new Identity(), [2, 3, 4]));
        Assert.Contains("2D", error.Message);
        Assert.Contains("(2, 3, 4)", error.Message);
    }

    // keras/src/initializers/random_initializers_test.py: RandomInitializersTest.test_random_normal
    [Fact]
    public void RandomNormal_has_its_deviation_and_a_seed_repeats_values()
    {
        var initializer = new RandomNormal(mean: 0, standardDeviation: 1, seed: 1234);
        Assert.Equal((0f, 1f, 1234L), (initializer.Mean, initializer.StandardDeviation, initializer.Seed!.Value));
        Assert.Equal(1, StandardDeviation(Values(initializer, [25, 20])), 0.1);
        var restored = (RandomNormal)RoundTrip(initializer);
        Assert.Equal((initializer.Mean, initializer.StandardDeviation, initializer.Seed), (restored.Mean, restored.StandardDeviation, restored.Seed));

        var seeded = new RandomNormal(0, 1, seed: 1337);
        Assert.Equal(Values(seeded, [25, 20], layerSeed: 1), Values(seeded, [25, 20], layerSeed: 2));
        Assert.Equal(Values(seeded, [25, 20]), Values(RoundTrip(seeded), [25, 20]));
        var unseeded = new RandomNormal(0, 1);
        Assert.NotEqual(Values(unseeded, [25, 20], layerSeed: 1), Values(RoundTrip(unseeded), [25, 20], layerSeed: 2));
    }

    // keras/src/initializers/random_initializers_test.py: RandomInitializersTest.test_random_uniform
    [Fact]
    public void RandomUniform_stays_in_its_bounds_and_round_trips()
    {
        var initializer = new RandomUniform(minValue: -1, maxValue: 1, seed: 1234);
        Assert.Equal((-1f, 1f, 1234L), (initializer.MinValue, initializer.MaxValue, initializer.Seed!.Value));
        float[] values = Values(initializer, [5, 5]);
        Assert.True(values.Min() >= -1);
        Assert.True(values.Max() < 1);
        var restored = (RandomUniform)RoundTrip(initializer);
        Assert.Equal((initializer.MinValue, initializer.MaxValue, initializer.Seed), (restored.MinValue, restored.MaxValue, restored.Seed));
    }

    // keras/src/initializers/random_initializers_test.py: RandomInitializersTest.test_variance_scaling
    [Fact]
    public void VarianceScaling_deviation_is_the_root_of_scale_over_the_fan()
    {
        var fanIn = new VarianceScaling(scale: 2, mode: FanMode.In, seed: 1234);
        Assert.Equal((2.0, 1234L), (fanIn.Scale, fanIn.Seed!.Value));
        Assert.Equal(Math.Sqrt(2.0 / 25), StandardDeviation(Values(fanIn, [25, 20])), 0.1);
        Assert.Equal(fanIn.GetConfig(), RoundTrip(fanIn).GetConfig());
        var fanOut = new VarianceScaling(scale: 2, mode: FanMode.Out, seed: 1234);
        Assert.Equal(Math.Sqrt(2.0 / 20), StandardDeviation(Values(fanOut, [25, 20])), 0.1);
        Assert.Equal(fanOut.GetConfig(), RoundTrip(fanOut).GetConfig());
    }

    // keras/src/initializers/random_initializers_test.py: RandomInitializersTest.test_orthogonal
    [Fact]
    public void Orthogonal_columns_have_norm_gain_and_are_orthogonal()
    {
        var initializer = new Orthogonal(gain: 2, seed: 1234);
        Assert.Equal((2f, 1234L), (initializer.Gain, initializer.Seed!.Value));
        float[] values = Values(initializer, [5, 5]);
        for (int i = 0; i < 5; i++)
            for (int j = i; j < 5; j++)
            {
                double dot = Enumerable.Range(0, 5).Sum(r => (double)values[r * 5 + i] * values[r * 5 + j]);
                Assert.Equal(i == j ? 4 : 0, dot, 1e-5);
            }
        Assert.Equal(initializer.GetConfig(), RoundTrip(initializer).GetConfig());
        Assert.IsType<Orthogonal>(Initializer.Get("OrthogonalInitializer"));
    }

    // keras/src/initializers/random_initializers_test.py: RandomInitializersTest.test_get_method
    [Fact]
    public void Get_finds_glorot_normal_and_rejects_a_typo()
    {
        Assert.IsType<GlorotNormal>(Initializer.Get("glorot_normal"));
        Assert.Contains("\"typo\"", Assert.Throws<ArgumentException>(() => Initializer.Get("typo")).Message);
    }

    // keras/src/initializers/random_initializers_test.py: RandomInitializersTest.test_variance_scaling_invalid_scale
    [Fact]
    public void VarianceScaling_refuses_a_negative_scale()
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => new VarianceScaling(scale: -1, seed: 1234));
        Assert.Contains("scale must be a positive number", error.Message);
    }

    // keras/src/initializers/random_initializers_test.py: RandomInitializersTest.test_variance_scaling_invalid_mode
    [Fact]
    public void VarianceScaling_refuses_an_unknown_mode()
    {
        var error = Assert.Throws<ArgumentException>(() => Initializer.FromConfig("VarianceScaling",
            new Dictionary<string, object?> { ["scale"] = 2.0, ["seed"] = 1234L, ["mode"] = "invalid_mode" }));
        Assert.Contains("Invalid mode argument", error.Message);
    }

    // keras/src/initializers/random_initializers_test.py: RandomInitializersTest.test_variance_scaling_invalid_distribution
    [Fact]
    public void VarianceScaling_refuses_an_unknown_distribution()
    {
        var error = Assert.Throws<ArgumentException>(() => Initializer.FromConfig("VarianceScaling",
            new Dictionary<string, object?> { ["scale"] = 2.0, ["seed"] = 1234L, ["mode"] = "fan_in", ["distribution"] = "invalid_dist" }));
        Assert.Contains("Invalid distribution argument", error.Message);
    }

    public static TheoryData<string, double> NamedDeviations => new()
    {
        { "glorot_uniform", Math.Sqrt(2.0 / 90) }, { "glorot_normal", Math.Sqrt(2.0 / 90) }, { "he_uniform", Math.Sqrt(2.0 / 50) },
        { "he_normal", Math.Sqrt(2.0 / 50) }, { "lecun_uniform", Math.Sqrt(1.0 / 50) }, { "lecun_normal", Math.Sqrt(1.0 / 50) },
        { "truncated_normal", 0.05 * 0.87962566 },
    };

    [Theory]
    [MemberData(nameof(NamedDeviations))]
    public void Named_initializers_have_Keras_deviation_and_a_seed_round_trips(string name, double deviation)
    {
        Initializer initializer = Initializer.Get(name);
        Assert.Equal(deviation, StandardDeviation(Values(initializer, [50, 40])), deviation * 0.05);
        Assert.Equal(name, initializer.Name);
        Initializer seeded = Initializer.FromConfig(initializer.ClassName, new Dictionary<string, object?> { ["seed"] = 5L });
        Assert.Equal(initializer.GetType(), seeded.GetType());
        Assert.Equal(Values(seeded, [50, 40], layerSeed: 1), Values(RoundTrip(seeded), [50, 40], layerSeed: 2));
    }

    [Fact]
    public void A_truncated_normal_never_leaves_two_deviations()
    {
        float[] values = Values(new TruncatedNormal(mean: 1, standardDeviation: 0.5f, seed: 3), [100, 100]);
        Assert.InRange(values.Min(), 0f, 1f);
        Assert.InRange(values.Max(), 1f, 2f);
    }

    [Fact]
    public void Unknown_initializer_names_are_rejected()
    {
        var error = Assert.Throws<ArgumentException>(() => Initializer.Get("glorot"));
        Assert.Contains("\"glorot\"", error.Message);
    }
}
