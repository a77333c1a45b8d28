using NotebookRnn.Optimizers;
using static NotebookRnn.Tests.Optimizers.KerasOptimizerCases;

namespace NotebookRnn.Tests.Optimizers;

/// <summary>keras/src/optimizers/rmsprop_test.py, ported case by case at its tolerances.</summary>
public class RMSpropTests
{
    [Fact]
    public void Config_round_trips()
    {
        // keras/src/optimizers/rmsprop_test.py: RMSpropTest.test_config
        AssertConfigRoundTrips(new RMSprop(learningRate: 0.5, rho: 0.8, momentum: 0.05, epsilon: 1e-6, centered: true));
    }

    [Fact]
    public void Single_step_matches_keras()
    {
        // keras/src/optimizers/rmsprop_test.py: RMSpropTest.test_single_step
        AssertAllClose([-0.5811, 0.4189, 1.4189, 2.4189], SingleStep(new RMSprop(learningRate: 0.5)), rtol: 1e-4, atol: 1e-4);
    }

    [Fact]
    public void Weight_decay_spares_the_excluded_weights()
    {
        // keras/src/optimizers/rmsprop_test.py: RMSpropTest.test_weight_decay
        AssertWeightDecay(() => new RMSprop(learningRate: 1.0, weightDecay: 0.004));
    }

    [Fact]
    public void Five_centered_steps_match_keras_golden_values()
    {
        // keras/src/optimizers/rmsprop_test.py: RMSpropTest.test_correctness_with_golden
        AssertGolden(new RMSprop(centered: true), [
            [.. Enumerable.Repeat(0.9967, 10)],
            [.. Enumerable.Repeat(0.9933, 10)],
            [.. Enumerable.Repeat(0.9908, 10)],
            [.. Enumerable.Repeat(0.9885, 10)],
            [.. Enumerable.Repeat(0.9864, 10)],
        ]);
    }

    [Fact]
    public void Clip_norm_rescales_the_gradient()
    {
        // keras/src/optimizers/rmsprop_test.py: RMSpropTest.test_clip_norm
        AssertAllClose([Math.Sqrt(2) / 2, Math.Sqrt(2) / 2], ClippedGradient(new RMSprop(clipNorm: 1)));
    }

    [Fact]
    public void Clip_value_clamps_the_gradient()
    {
        // keras/src/optimizers/rmsprop_test.py: RMSpropTest.test_clip_value
        AssertAllClose([1.0, 1.0], ClippedGradient(new RMSprop(clipValue: 1)));
    }
}
