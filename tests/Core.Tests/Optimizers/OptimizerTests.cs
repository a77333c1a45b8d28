using NotebookRnn.Layers;
using NotebookRnn.Optimizers;
using NotebookRnn.Tensors;
using static NotebookRnn.Tests.Optimizers.KerasOptimizerCases;

namespace NotebookRnn.Tests.Optimizers;

/// <summary>
/// One update of each optimizer against the published rule evaluated by hand in double precision, and the cases of
/// keras/src/optimizers/optimizer_test.py that concern what the base class does (iterations, clipping, lookup, configuration).
/// </summary>
public class OptimizerTests
{
    private static readonly float[] Weights = [1.0f, -2.0f, 0.5f];
    private static readonly float[] Gradient = [0.1f, -0.4f, 2.0f];

    private static float[] StepOnce(Optimizer optimizer, int steps = 1)
    {
        var parameter = new Parameter("w", new Tensor((float[])Weights.Clone(), 3));
        for (int i = 0; i < steps; i++)
        {
            Gradient.CopyTo(parameter.Gradient.Span);
            optimizer.Apply([parameter]);
        }
        return parameter.Value.ToArray();
    }

    private static void AssertClose(double[] expected, float[] actual)
    {
        for (int i = 0; i < expected.Length; i++) Assert.Equal(expected[i], actual[i], 1e-6);
    }

    [Fact]
    public void Sgd_step_is_w_minus_lr_g()
    {
        AssertClose([1 - 0.01 * 0.1, -2 + 0.01 * 0.4, 0.5 - 0.01 * 2], StepOnce(new SGD()));
    }

    [Fact]
    public void Sgd_momentum_accumulates_velocity_over_two_steps()
    {
        // v1 = -lr g, w1 = w + v1; v2 = μ v1 - lr g, w2 = w1 + v2.
        double lr = 0.1, mu = 0.9;
        double[] expected = [.. Weights.Select((w, i) => w - lr * Gradient[i] + (mu * -lr * Gradient[i] - lr * Gradient[i]))];
        AssertClose(expected, StepOnce(new SGD(lr, momentum: mu), steps: 2));
    }

    [Fact]
    public void Sgd_nesterov_adds_the_look_ahead_term()
    {
        double lr = 0.1, mu = 0.9;
        double[] expected = [.. Weights.Select((w, i) => w + mu * (-lr * Gradient[i]) - lr * Gradient[i])];
        AssertClose(expected, StepOnce(new SGD(lr, momentum: mu, nesterov: true)));
    }

    [Fact]
    public void Rmsprop_step_divides_by_the_root_of_the_squared_gradient_average()
    {
        // v = (1-ρ) g², w -= lr g / sqrt(v + ε) with the seed's RMSprop(lr=0.01).
        double[] expected = [.. Weights.Select((w, i) => w - 0.01 * Gradient[i] / Math.Sqrt(0.1 * Gradient[i] * Gradient[i] + 1e-7))];
        AssertClose(expected, StepOnce(new RMSprop(lr: 0.01)));
    }

    [Fact]
    public void Rmsprop_second_step_uses_the_decayed_average()
    {
        double[] expected = [.. Weights.Select((w, i) =>
        {
            double g = Gradient[i], v1 = 0.1 * g * g, v2 = 0.9 * v1 + 0.1 * g * g;
            return w - 0.001 * g / Math.Sqrt(v1 + 1e-7) - 0.001 * g / Math.Sqrt(v2 + 1e-7);
        })];
        AssertClose(expected, StepOnce(new RMSprop(), steps: 2));
    }

    [Fact]
    public void Adam_first_step_moves_each_weight_by_about_the_learning_rate()
    {
        // m = 0.1 g, v = 0.001 g², α = lr √(1-β₂)/(1-β₁), w -= α m / (√v + ε).
        double alpha = 0.001 * Math.Sqrt(1 - 0.999) / (1 - 0.9);
        double[] expected = [.. Weights.Select((w, i) => w - alpha * 0.1 * Gradient[i] / (Math.Sqrt(0.001 * Gradient[i] * Gradient[i]) + 1e-7))];
        AssertClose(expected, StepOnce(new Adam()));
    }

    [Fact]
    public void Clip_value_and_clip_norm_are_applied_before_the_rule()
    {
        AssertClose([1 - 0.01 * 0.1, -2 + 0.01 * 0.4, 0.5 - 0.01 * 0.5], StepOnce(new SGD(clipValue: 0.5)));
        double norm = Math.Sqrt(Gradient.Sum(g => (double)g * g));
        AssertClose([.. Weights.Select((w, i) => w - 0.01 * Gradient[i] / norm)], StepOnce(new SGD(clipNorm: 1)));
    }

    [Fact]
    public void Lr_is_an_alias_of_learning_rate_but_not_both_at_once()
    {
        Assert.Equal(0.01, new RMSprop(lr: 0.01).LearningRate);
        var error = Assert.Throws<ArgumentException>(() => new RMSprop(learningRate: 0.1, lr: 0.01));
        Assert.Equal("lr", error.ParamName);
    }

    [Fact]
    public void Keras_defaults_are_kept()
    {
        var rmsprop = new RMSprop();
        Assert.Equal((0.001, 0.9, 1e-7), (rmsprop.LearningRate, rmsprop.Rho, rmsprop.Epsilon));
        var adam = (Adam)Optimizer.Get("adam");
        Assert.Equal((0.001, 0.9, 0.999, 1e-7), (adam.LearningRate, adam.Beta1, adam.Beta2, adam.Epsilon));
        Assert.Equal(0.01, ((SGD)Optimizer.Get("sgd")).LearningRate);
    }

    [Fact]
    public void Unknown_optimizer_names_are_rejected_with_the_choices()
    {
        var error = Assert.Throws<ArgumentException>(() => Optimizer.Get("adamw2"));
        Assert.Contains("\"adamw2\"", error.Message);
        Assert.Contains("rmsprop", error.Message);
    }

    [Fact]
    public void Iterations_count_the_updates()
    {
        // keras/src/optimizers/optimizer_test.py: OptimizerTest.test_iterations_counter
        Parameter v = Variable("variable", [1, 2, 3, 4]);
        var optimizer = new Adam(learningRate: 1.0);
        Assert.Equal(0, optimizer.Iterations);
        SetGradient(v, [1, 1, 1, 1]);
        optimizer.Apply([v]);
        Assert.Equal(1, optimizer.Iterations);
        optimizer.Apply([v]);
        Assert.Equal(2, optimizer.Iterations);
    }

    [Fact]
    public void Only_one_clip_argument_is_accepted()
    {
        // keras/src/optimizers/optimizer_test.py: OptimizerTest.test_clip_args
        Assert.Equal(0.1, new SGD(learningRate: 1.0, clipNorm: 0.1).ClipNorm);
        Assert.Equal(0.1, new SGD(learningRate: 1.0, clipValue: 0.1).ClipValue);
        Assert.Equal(0.1, new SGD(learningRate: 1.0, globalClipNorm: 0.1).GlobalClipNorm);

        var both = Assert.Throws<ArgumentException>(() => new SGD(learningRate: 1.0, clipNorm: 0.1, clipValue: 0.1));
        Assert.StartsWith("Only one of clipNorm, clipValue and globalClipNorm can be set; got clipNorm 0.1, clipValue 0.1, globalClipNorm null.", both.Message);
        Assert.Equal("clipValue", both.ParamName);
        var global = Assert.Throws<ArgumentException>(() => new SGD(learningRate: 1.0, clipNorm: 0.1, globalClipNorm: 0.1));
        Assert.StartsWith("Only one of clipNorm, clipValue and globalClipNorm can be set", global.Message);
        Assert.Equal("globalClipNorm", global.ParamName);
    }

    [Fact]
    public void Clip_norm_rescales_each_gradient_to_the_limit()
    {
        // keras/src/optimizers/optimizer_test.py: OptimizerTest.test_clip_norm
        AssertAllClose([Math.Sqrt(2) / 2, Math.Sqrt(2) / 2], ClippedGradient(new SGD(clipNorm: 1)));
    }

    [Fact]
    public void Clip_value_clamps_each_gradient_value()
    {
        // keras/src/optimizers/optimizer_test.py: OptimizerTest.test_clip_value
        AssertAllClose([1.0, 1.0], ClippedGradient(new SGD(clipValue: 1)));
    }

    [Fact]
    public void Global_clip_norm_rescales_by_the_joint_norm()
    {
        // keras/src/optimizers/optimizer_test.py: OptimizerTest.test_global_clip_norm
        Parameter v = Variable("variable", [0, 0]);
        SetGradient(v, [50, 100]);
        new SGD(globalClipNorm: 1).Apply([v]);
        double norm = Math.Sqrt(50 * 50 + 100 * 100);
        AssertAllClose([50 / norm, 100 / norm], v.Gradient.ToArray());
    }

    [Fact]
    public void Get_finds_optimizers_by_keras_name()
    {
        // keras/src/optimizers/optimizer_test.py: OptimizerTest.test_get_method
        Assert.IsType<SGD>(Optimizer.Get("sgd"));
        Assert.IsType<AdamW>(Optimizer.Get("adamw"));
        Assert.Throws<ArgumentException>(() => Optimizer.Get("typo"));
    }

    public static TheoryData<string> KerasNames => ["adam", "sgd", "adamw", "adagrad", "rmsprop", "adadelta", "adamax", "nadam"];

    [Theory]
    [MemberData(nameof(KerasNames))]
    public void Every_optimizer_by_name_comes_back_from_its_config(string name)
    {
        // keras/src/optimizers/optimizer_test.py: OptimizerTest.test_pickleable_optimizers (the optimizers this build has;
        // our serialization is the configuration, not pickle)
        AssertConfigRoundTrips(Optimizer.Get(name));
    }

    private static Optimizer WithEveryOption(string name) => name switch
    {
        "sgd" => new SGD(momentum: 0.9, nesterov: true, weightDecay: 0.01, clipNorm: 1),
        "rmsprop" => new RMSprop(momentum: 0.5, centered: true, weightDecay: 0.01, globalClipNorm: 1),
        "adam" => new Adam(amsgrad: true, weightDecay: 0.01, clipValue: 1),
        "adamw" => new AdamW(amsgrad: true, clipNorm: 1),
        "adagrad" => new Adagrad(weightDecay: 0.01, clipNorm: 1),
        "adadelta" => new Adadelta(weightDecay: 0.01, clipValue: 1),
        "adamax" => new Adamax(weightDecay: 0.01, globalClipNorm: 1),
        _ => new Nadam(weightDecay: 0.01, clipNorm: 1),
    };

    [Theory]
    [MemberData(nameof(KerasNames))]
    public void A_step_allocates_nothing_once_the_state_exists(string name)
    {
        Optimizer optimizer = WithEveryOption(name);
        optimizer.ExcludeFromWeightDecay(varNames: ["bias"]);
        Parameter kernel = Variable("kernel", [.. Enumerable.Range(0, 67).Select(i => i / 67f)]), bias = Variable("bias", [.. Enumerable.Range(0, 13).Select(i => -i / 13f)]);
        IReadOnlyList<Parameter> parameters = [kernel, bias];
        void Step()
        {
            SetGradient(kernel, [.. Enumerable.Range(0, 67).Select(i => (i % 7 - 3) / 5f)]);
            SetGradient(bias, [.. Enumerable.Range(0, 13).Select(i => (i % 5 - 2) / 3f)]);
        }
        Step();
        optimizer.Apply(parameters);
        Step();
        long before = GC.GetAllocatedBytesForCurrentThread();
        optimizer.Apply(parameters);
        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
    }

    [Fact]
    public void Weight_decay_shrinks_each_weight_by_decay_times_learning_rate_except_excluded_names()
    {
        var optimizer = new SGD(learningRate: 0.1, weightDecay: 0.5);
        optimizer.ExcludeFromWeightDecay(varNames: ["^b"]);
        Parameter kernel = Variable("kernel", [2, -4]), bias = Variable("bias", [2, -4]), embeddings = Variable("embeddings", [1]);

        optimizer.Apply([kernel, bias, embeddings]);

        AssertAllClose([2 * 0.95, -4 * 0.95], kernel.Value.ToArray());
        AssertAllClose([2, -4], bias.Value.ToArray());
        AssertAllClose([0.95], embeddings.Value.ToArray());
        Assert.Equal(["^b"], optimizer.WeightDecayExcludedNames);
        Assert.Equal(["^b"], (IEnumerable<string>)optimizer.GetConfig()["exclude_from_weight_decay"]!);
    }

    [Fact]
    public void Weight_decay_settings_out_of_range_are_refused()
    {
        var negative = Assert.Throws<ArgumentOutOfRangeException>(() => new Adam(weightDecay: -0.1));
        Assert.Equal("weightDecay", negative.ParamName);
        var pattern = Assert.Throws<ArgumentException>(() => new Adam().ExcludeFromWeightDecay(varNames: ["bias", "(kernel"]));
        Assert.Equal("varNames", pattern.ParamName);
        Assert.Contains("(kernel", pattern.Message);
    }

    [Fact]
    public void Adagrad_accumulators_start_at_the_initial_value()
    {
        // With a = 0.5 + g², the first step is lr·g/√(0.5 + g² + ε).
        Parameter w = Variable("w", [1]);
        SetGradient(w, [2]);
        new Adagrad(learningRate: 0.1, initialAccumulatorValue: 0.5).Apply([w]);
        AssertAllClose([1 - 0.1 * 2 / Math.Sqrt(0.5 + 4 + 1e-7)], w.Value.ToArray());
    }
}
