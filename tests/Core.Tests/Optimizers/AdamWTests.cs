using NotebookRnn.Optimizers;
using NotebookRnn.Persistence;
using static NotebookRnn.Tests.Optimizers.KerasOptimizerCases;

namespace NotebookRnn.Tests.Optimizers;

/// <summary>keras/src/optimizers/adamw_test.py, ported case by case at its tolerances.</summary>
public class AdamWTests
{
    [Fact]
    public void Config_round_trips()
    {
        // keras/src/optimizers/adamw_test.py: AdamWTest.test_config
        AssertConfigRoundTrips(new AdamW(learningRate: 0.5, weightDecay: 0.008, beta1: 0.5, beta2: 0.67, epsilon: 1e-5, amsgrad: true));
    }

    [Fact]
    public void Single_step_matches_keras()
    {
        // keras/src/optimizers/adamw_test.py: AdamWTest.test_single_step
        AssertAllClose([0.4980, 1.4960, 2.494, 3.492], SingleStep(new AdamW(learningRate: 0.5)), rtol: 1e-4, atol: 1e-4);
    }

    [Fact]
    public void Weight_decay_spares_the_excluded_weights()
    {
        // keras/src/optimizers/adamw_test.py: AdamWTest.test_weight_decay
        AssertWeightDecay(() => new AdamW(learningRate: 1.0, weightDecay: 0.004));
    }

    [Fact]
    public void Five_steps_match_keras_golden_values()
    {
        // keras/src/optimizers/adamw_test.py: AdamWTest.test_correctness_with_golden
        AssertGolden(new AdamW(learningRate: 1.0, weightDecay: 0.5, epsilon: 2), [
            [0.4998, 0.4998, 0.4998, 0.4998, 0.4998, 0.4998, 0.4998, 0.4998, 0.4998, 0.4998],
            [0.2486, 0.2475, 0.2463, 0.2451, 0.244, 0.2428, 0.2417, 0.2405, 0.2394, 0.2382],
            [0.1223, 0.1198, 0.1174, 0.1149, 0.1124, 0.11, 0.1075, 0.1051, 0.1027, 0.1003],
            [0.0586, 0.0549, 0.0512, 0.0475, 0.0439, 0.0402, 0.0366, 0.033, 0.0294, 0.0258],
            [0.0263, 0.0215, 0.0167, 0.012, 0.0073, 0.0026, -0.0021, -0.0067, -0.0113, -0.0159],
        ]);
    }

    [Fact]
    public void Clip_norm_rescales_the_gradient()
    {
        // keras/src/optimizers/adamw_test.py: AdamWTest.test_clip_norm
        AssertAllClose([Math.Sqrt(2) / 2, Math.Sqrt(2) / 2], ClippedGradient(new AdamW(clipNorm: 1)));
    }

    [Fact]
    public void Clip_value_clamps_the_gradient()
    {
        // keras/src/optimizers/adamw_test.py: AdamWTest.test_clip_value
        AssertAllClose([1.0, 1.0], ClippedGradient(new AdamW(clipValue: 1)));
    }

    [Fact]
    public void Weight_decay_cannot_be_none()
    {
        // keras/src/optimizers/adamw_test.py: AdamWTest.test_weight_decay_is_none (weightDecay is a non-nullable double
        // here, so a configuration with "weight_decay": null is where None can come from)
        var description = new Dictionary<string, object?>
        {
            ["class_name"] = "AdamW",
            ["config"] = new Dictionary<string, object?> { ["learning_rate"] = 1.0, ["weight_decay"] = null },
        };
        var error = Assert.Throws<ConfigException>(() =>
            OptimizerConfig.Read(new ConfigReader(ConfigJson.ToElement(description, "optimizer"), "optimizer")));
        Assert.Contains("weight_decay", error.Message);
        Assert.Contains("got null", error.Message);
    }
}
