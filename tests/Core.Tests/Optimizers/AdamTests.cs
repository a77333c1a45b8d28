using NotebookRnn.Optimizers;
using static NotebookRnn.Tests.Optimizers.KerasOptimizerCases;

namespace NotebookRnn.Tests.Optimizers;

/// <summary>keras/src/optimizers/adam_test.py, ported case by case at its tolerances.</summary>
public class AdamTests
{
    [Fact]
    public void Config_round_trips()
    {
        // keras/src/optimizers/adam_test.py: AdamTest.test_config
        AssertConfigRoundTrips(new Adam(learningRate: 0.5, beta1: 0.5, beta2: 0.67, epsilon: 1e-5, amsgrad: true));
    }

    [Fact]
    public void Single_step_matches_keras()
    {
        // keras/src/optimizers/adam_test.py: AdamTest.test_single_step
        AssertAllClose([0.5, 1.5, 2.5, 3.5], SingleStep(new Adam(learningRate: 0.5)), rtol: 1e-4, atol: 1e-4);
    }

    [Fact]
    public void Weight_decay_spares_the_excluded_weights()
    {
        // keras/src/optimizers/adam_test.py: AdamTest.test_weight_decay
        AssertWeightDecay(() => new Adam(learningRate: 1.0, weightDecay: 0.004));
    }

    [Fact]
    public void Five_amsgrad_steps_match_keras_golden_values()
    {
        // keras/src/optimizers/adam_test.py: AdamTest.test_correctness_with_golden
        AssertGolden(new Adam(amsgrad: true), [
            [.. Enumerable.Repeat(0.999, 10)],
            [.. Enumerable.Repeat(0.9982, 10)],
            [.. Enumerable.Repeat(0.9974, 10)],
            [.. Enumerable.Repeat(0.9965, 10)],
            [.. Enumerable.Repeat(0.9955, 10)],
        ]);
    }

    [Fact]
    public void Clip_norm_rescales_the_gradient()
    {
        // keras/src/optimizers/adam_test.py: AdamTest.test_clip_norm
        AssertAllClose([Math.Sqrt(2) / 2, Math.Sqrt(2) / 2], ClippedGradient(new Adam(clipNorm: 1)));
    }

    [Fact]
    public void Clip_value_clamps_the_gradient()
    {
        // keras/src/optimizers/adam_test.py: AdamTest.test_clip_value
        AssertAllClose([1.0, 1.0], ClippedGradient(new Adam(clipValue: 1)));
    }
}
