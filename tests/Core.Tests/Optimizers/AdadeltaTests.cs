using NotebookRnn.Optimizers;
using static NotebookRnn.Tests.Optimizers.KerasOptimizerCases;

namespace NotebookRnn.Tests.Optimizers;

/// <summary>keras/src/optimizers/adadelta_test.py, ported case by case at its tolerances.</summary>
public class AdadeltaTests
{
    [Fact]
    public void Config_round_trips()
    {
        // keras/src/optimizers/adadelta_test.py: AdadeltaTest.test_config
        AssertConfigRoundTrips(new Adadelta(learningRate: 0.5, rho: 0.9, epsilon: 1e-5));
    }

    [Fact]
    public void Single_step_matches_keras()
    {
        // keras/src/optimizers/adadelta_test.py: AdadeltaTest.test_single_step
        AssertAllClose([0.9993, 1.9993, 2.9993, 3.9993], SingleStep(new Adadelta(learningRate: 0.5)), rtol: 1e-4, atol: 1e-4);
    }

    [Fact]
    public void Weight_decay_spares_the_excluded_weights()
    {
        // keras/src/optimizers/adadelta_test.py: AdadeltaTest.test_weight_decay
        AssertWeightDecay(() => new Adadelta(learningRate: 1.0, weightDecay: 0.004));
    }

    [Fact]
    public void Five_steps_match_keras_golden_values()
    {
        // keras/src/optimizers/adadelta_test.py: AdadeltaTest.test_correctness_with_golden
        AssertGolden(new Adadelta(learningRate: 1.0, rho: 0.8, epsilon: 1e-6), [
            [.. Enumerable.Repeat(0.9978, 10)],
            [.. Enumerable.Repeat(0.9947, 10)],
            [.. Enumerable.Repeat(0.9915, 10)],
            [.. Enumerable.Repeat(0.9882, 10)],
            [.. Enumerable.Repeat(0.9849, 10)],
        ]);
    }

    [Fact]
    public void Clip_norm_rescales_the_gradient()
    {
        // keras/src/optimizers/adadelta_test.py: AdadeltaTest.test_clip_norm
        AssertAllClose([Math.Sqrt(2) / 2, Math.Sqrt(2) / 2], ClippedGradient(new Adadelta(clipNorm: 1)));
    }

    [Fact]
    public void Clip_value_clamps_the_gradient()
    {
        // keras/src/optimizers/adadelta_test.py: AdadeltaTest.test_clip_value
        AssertAllClose([1.0, 1.0], ClippedGradient(new Adadelta(clipValue: 1)));
    }
}
