using NotebookRnn.Optimizers;
using static NotebookRnn.Tests.Optimizers.KerasOptimizerCases;

namespace NotebookRnn.Tests.Optimizers;

/// <summary>keras/src/optimizers/adamax_test.py, ported case by case at its tolerances.</summary>
public class AdamaxTests
{
    [Fact]
    public void Config_round_trips()
    {
        // keras/src/optimizers/adamax_test.py: AdamaxTest.test_config
        AssertConfigRoundTrips(new Adamax(learningRate: 0.5, beta1: 0.8, beta2: 0.95, epsilon: 1e-5));
    }

    [Fact]
    public void Single_step_matches_keras()
    {
        // keras/src/optimizers/adamax_test.py: AdamaxTest.test_single_step
        AssertAllClose([0.5, 1.5, 2.5, 3.5], SingleStep(new Adamax(learningRate: 0.5)), rtol: 1e-4, atol: 1e-4);
    }

    [Fact]
    public void Weight_decay_spares_the_excluded_weights()
    {
        // keras/src/optimizers/adamax_test.py: AdamaxTest.test_weight_decay
        AssertWeightDecay(() => new Adamax(learningRate: 1.0, weightDecay: 0.004));
    }

    [Fact]
    public void Five_steps_match_keras_golden_values()
    {
        // keras/src/optimizers/adamax_test.py: AdamaxTest.test_correctness_with_golden
        AssertGolden(new Adamax(learningRate: 0.2, beta1: 0.85, beta2: 0.95, epsilon: 1e-6), [
            [0.8, 0.8, 0.8, 0.8, 0.8, 0.8, 0.8, 0.8, 0.8, 0.8],
            [0.6827, 0.6873, 0.6888, 0.6896, 0.6901, 0.6904, 0.6906, 0.6908, 0.6909, 0.691],
            [0.5333, 0.5407, 0.5431, 0.5444, 0.5451, 0.5456, 0.546, 0.5462, 0.5464, 0.5466],
            [0.368, 0.3773, 0.3804, 0.382, 0.3829, 0.3835, 0.384, 0.3843, 0.3846, 0.3848],
            [0.1933, 0.204, 0.2076, 0.2094, 0.2105, 0.2112, 0.2117, 0.2121, 0.2124, 0.2126],
        ]);
    }

    [Fact]
    public void Clip_norm_rescales_the_gradient()
    {
        // keras/src/optimizers/adamax_test.py: AdamaxTest.test_clip_norm
        AssertAllClose([Math.Sqrt(2) / 2, Math.Sqrt(2) / 2], ClippedGradient(new Adamax(clipNorm: 1)));
    }

    [Fact]
    public void Clip_value_clamps_the_gradient()
    {
        // keras/src/optimizers/adamax_test.py: AdamaxTest.test_clip_value
        AssertAllClose([1.0, 1.0], ClippedGradient(new Adamax(clipValue: 1)));
    }
}
