using NotebookRnn.Layers;
using NotebookRnn.Optimizers;
using NotebookRnn.Tensors;

namespace NotebookRnn.Tests.Optimizers;

/// <summary>One update of each optimizer against the published rule evaluated by hand in double precision.</summary>
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
}
