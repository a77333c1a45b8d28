using NotebookRnn.Optimizers;
using static NotebookRnn.Tests.Optimizers.KerasOptimizerCases;

namespace NotebookRnn.Tests.Optimizers;

/// <summary>keras/src/optimizers/sgd_test.py, ported case by case at its tolerances.</summary>
public class SGDTests
{
    [Fact]
    public void Config_round_trips()
    {
        // keras/src/optimizers/sgd_test.py: SGDTest.test_config
        AssertConfigRoundTrips(new SGD(learningRate: 0.5, momentum: 0.06, nesterov: true, weightDecay: 0.004));
    }

    [Fact]
    public void Single_step_matches_keras()
    {
        // keras/src/optimizers/sgd_test.py: SGDTest.test_single_step
        AssertAllClose([0.5, -1.0, -0.5, 3.0], SingleStep(new SGD(learningRate: 0.5)), rtol: 1e-4, atol: 1e-4);
    }

    [Fact]
    public void Weight_decay_spares_the_excluded_weights()
    {
        // keras/src/optimizers/sgd_test.py: SGDTest.test_weight_decay
        AssertWeightDecay(() => new SGD(learningRate: 1.0, weightDecay: 0.004));
    }

    [Fact]
    public void Five_steps_match_keras_golden_values()
    {
        // keras/src/optimizers/sgd_test.py: SGDTest.test_correctness_with_golden
        AssertGolden(new SGD(nesterov: true), [
            [0.9999, 0.9999, 0.9999, 0.9999, 0.9999, 0.9999, 0.9999, 0.9999, 0.9999, 0.9999],
            [0.9989, 0.9979, 0.9969, 0.9959, 0.9949, 0.9939, 0.9929, 0.9919, 0.9909, 0.9899],
            [0.9979, 0.9959, 0.9939, 0.9919, 0.9899, 0.9879, 0.9859, 0.9839, 0.9819, 0.9799],
            [0.9969, 0.9939, 0.9909, 0.9879, 0.9849, 0.9819, 0.9789, 0.9759, 0.9729, 0.9699],
            [0.9959, 0.9919, 0.9879, 0.9839, 0.9799, 0.9759, 0.9719, 0.9679, 0.9639, 0.9599],
        ]);
    }

    [Fact]
    public void Clip_norm_rescales_the_gradient()
    {
        // keras/src/optimizers/sgd_test.py: SGDTest.test_clip_norm
        AssertAllClose([Math.Sqrt(2) / 2, Math.Sqrt(2) / 2], ClippedGradient(new SGD(clipNorm: 1)));
    }

    [Fact]
    public void Clip_value_clamps_the_gradient()
    {
        // keras/src/optimizers/sgd_test.py: SGDTest.test_clip_value
        AssertAllClose([1.0, 1.0], ClippedGradient(new SGD(clipValue: 1)));
    }

    [Theory]
    [InlineData(-1.0)]
    [InlineData(2.0)]
    public void Momentum_outside_zero_to_one_is_refused(double momentum)
    {
        // keras/src/optimizers/sgd_test.py: SGDTest.test_invalid_momentum
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => new SGD(momentum: momentum));
        Assert.Equal("momentum", error.ParamName);
        Assert.Contains("[0, 1]", error.Message);
    }
}
