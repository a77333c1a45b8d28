using NotebookRnn.Optimizers;
using static NotebookRnn.Tests.Optimizers.KerasOptimizerCases;

namespace NotebookRnn.Tests.Optimizers;

/// <summary>keras/src/optimizers/nadam_test.py, ported case by case at its tolerances.</summary>
public class NadamTests
{
    [Fact]
    public void Config_round_trips()
    {
        // keras/src/optimizers/nadam_test.py: NadamTest.test_config
        AssertConfigRoundTrips(new Nadam(learningRate: 0.5, beta1: 0.5, beta2: 0.67, epsilon: 1e-5));
    }

    [Fact]
    public void Single_step_matches_keras()
    {
        // keras/src/optimizers/nadam_test.py: NadamTest.test_single_step
        AssertAllClose([0.4686, 1.4686, 2.4686, 3.4686], SingleStep(new Nadam(learningRate: 0.5)), rtol: 1e-4, atol: 1e-4);
    }

    [Fact]
    public void Weight_decay_spares_the_excluded_weights()
    {
        // keras/src/optimizers/nadam_test.py: NadamTest.test_weight_decay
        AssertWeightDecay(() => new Nadam(learningRate: 1.0, weightDecay: 0.004));
    }

    [Fact]
    public void Five_steps_match_keras_golden_values()
    {
        // keras/src/optimizers/nadam_test.py: NadamTest.test_correctness_with_golden
        AssertGolden(new Nadam(learningRate: 0.5, beta1: 0.5, beta2: 0.67, epsilon: 1e-5), [
            [0.4281, 0.4281, 0.4281, 0.4281, 0.4281, 0.4281, 0.4281, 0.4281, 0.4281, 0.4281],
            [-0.1738, -0.1731, -0.1726, -0.1723, -0.1721, -0.172, -0.1719, -0.1718, -0.1718, -0.1717],
            [-0.7115, -0.7103, -0.7096, -0.7092, -0.709, -0.7088, -0.7086, -0.7085, -0.7085, -0.7084],
            [-1.2335, -1.2322, -1.2313, -1.2309, -1.2306, -1.2304, -1.2302, -1.2301, -1.23, -1.2299],
            [-1.7492, -1.7478, -1.7469, -1.7464, -1.7461, -1.7459, -1.7457, -1.7456, -1.7455, -1.7454],
        ]);
    }

    [Fact]
    public void Clip_norm_rescales_the_gradient()
    {
        // keras/src/optimizers/nadam_test.py: NadamTest.test_clip_norm
        AssertAllClose([Math.Sqrt(2) / 2, Math.Sqrt(2) / 2], ClippedGradient(new Nadam(clipNorm: 1)));
    }

    [Fact]
    public void Clip_value_clamps_the_gradient()
    {
        // keras/src/optimizers/nadam_test.py: NadamTest.test_clip_value
        AssertAllClose([1.0, 1.0], ClippedGradient(new Nadam(clipValue: 1)));
    }
}
