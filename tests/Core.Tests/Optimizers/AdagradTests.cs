using NotebookRnn.Optimizers;
using static NotebookRnn.Tests.Optimizers.KerasOptimizerCases;

namespace NotebookRnn.Tests.Optimizers;

/// <summary>keras/src/optimizers/adagrad_test.py, ported case by case at its tolerances.</summary>
public class AdagradTests
{
    [Fact]
    public void Config_round_trips()
    {
        // keras/src/optimizers/adagrad_test.py: AdagradTest.test_config
        AssertConfigRoundTrips(new Adagrad(learningRate: 0.5, initialAccumulatorValue: 0.2, epsilon: 1e-5));
    }

    [Fact]
    public void Single_step_matches_keras()
    {
        // keras/src/optimizers/adagrad_test.py: AdagradTest.test_single_step
        AssertAllClose([0.5233, 1.5007, 2.5005, 3.5061], SingleStep(new Adagrad(learningRate: 0.5)), rtol: 1e-4, atol: 1e-4);
    }

    [Fact]
    public void Weight_decay_spares_the_excluded_weights()
    {
        // keras/src/optimizers/adagrad_test.py: AdagradTest.test_weight_decay
        AssertWeightDecay(() => new Adagrad(learningRate: 1.0, weightDecay: 0.004));
    }

    [Fact]
    public void Five_steps_match_keras_golden_values()
    {
        // keras/src/optimizers/adagrad_test.py: AdagradTest.test_correctness_with_golden
        AssertGolden(new Adagrad(learningRate: 0.2, initialAccumulatorValue: 0.3, epsilon: 1e-6), [
            [0.9963, 0.9963, 0.9963, 0.9963, 0.9963, 0.9963, 0.9963, 0.9963, 0.9963, 0.9963],
            [0.9604, 0.9278, 0.9003, 0.8784, 0.8615, 0.8487, 0.8388, 0.8313, 0.8255, 0.8209],
            [0.9251, 0.8629, 0.8137, 0.7768, 0.7497, 0.7298, 0.7151, 0.704, 0.6956, 0.6891],
            [0.8903, 0.8012, 0.7342, 0.6862, 0.6521, 0.6277, 0.6099, 0.5967, 0.5867, 0.579],
            [0.856, 0.7422, 0.6604, 0.6037, 0.5644, 0.5367, 0.5168, 0.5021, 0.491, 0.4825],
        ]);
    }

    [Fact]
    public void Clip_norm_rescales_the_gradient()
    {
        // keras/src/optimizers/adagrad_test.py: AdagradTest.test_clip_norm
        AssertAllClose([Math.Sqrt(2) / 2, Math.Sqrt(2) / 2], ClippedGradient(new Adagrad(clipNorm: 1)));
    }

    [Fact]
    public void Clip_value_clamps_the_gradient()
    {
        // keras/src/optimizers/adagrad_test.py: AdagradTest.test_clip_value
        AssertAllClose([1.0, 1.0], ClippedGradient(new Adagrad(clipValue: 1)));
    }
}
