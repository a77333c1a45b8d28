using NotebookRnn.Kernels;
using NotebookRnn.Layers;
using NotebookRnn.Losses;
using NotebookRnn.Models;
using NotebookRnn.Sequences;
using NotebookRnn.Tensors;

namespace NotebookRnn.Tests.Layers;

public class MaskingTests
{
    private static Masking Built(float maskValue = 0, int features = 2)
    {
        var layer = new Masking(maskValue);
        layer.Build([null, features], new RandomGenerator(1));
        return layer;
    }

    // 2 sequences × 3 steps × 2 features; the step whose features all equal maskValue is padding.
    private static Tensor Steps(float[][][] steps)
    {
        var x = new Tensor(steps.Length, steps[0].Length, steps[0][0].Length);
        for (int b = 0; b < steps.Length; b++)
            for (int t = 0; t < steps[b].Length; t++)
                for (int f = 0; f < steps[b][t].Length; f++) x[b, t, f] = steps[b][t][f];
        return x;
    }

    private static bool[] Flags(SequenceMask mask) => mask.Flags.ToArray();

    [Fact]
    public void Steps_whose_features_all_equal_the_mask_value_are_zeroed_and_masked()
    {
        Masking layer = Built(maskValue: -1);
        Tensor x = Steps([[[1, 2], [-1, -1], [-1, 3]], [[-1, -1], [0, 0], [5, -1]]]);
        SequenceMask mask = layer.ComputeOutputMask(x, null)!;
        Tensor y = layer.Forward(x, null, training: false);
        Assert.Equal([true, false, true, false, true, true], Flags(mask));
        Assert.Equal([1f, 2, 0, 0, -1, 3, 0, 0, 0, 0, 5, -1], y.ToArray());
    }

    [Fact]
    public void Produced_mask_has_the_layout_of_pre_post_and_scattered_padding()
    {
        Masking layer = Built();
        Tensor post = Steps([[[1, 1], [2, 0], [0, 0]], [[3, 3], [0, 0], [0, 0]]]);
        Tensor pre = Steps([[[0, 0], [0, 0], [1, 2]], [[0, 0], [4, 0], [1, 2]]]);
        Tensor scattered = Steps([[[1, 1], [0, 0], [1, 2]], [[1, 1], [1, 1], [1, 2]]]);
        SequenceMask postMask = layer.ComputeOutputMask(post, null)!;
        Assert.Equal(MaskLayout.Post, postMask.Layout);
        Assert.Equal([2, 1], postMask.Lengths);
        SequenceMask preMask = layer.ComputeOutputMask(pre, null)!;
        Assert.Equal(MaskLayout.Pre, preMask.Layout);
        Assert.Equal([1, 2], preMask.Lengths);
        SequenceMask scatteredMask = layer.ComputeOutputMask(scattered, null)!;
        Assert.Equal(MaskLayout.Scattered, scatteredMask.Layout);
        Assert.Equal([true, false, true, true, true, true], Flags(scatteredMask));
    }

    [Fact]
    public void An_incoming_mask_is_combined_with_the_values_by_and()
    {
        Masking layer = Built();
        Tensor x = Steps([[[1, 1], [0, 0], [1, 2]], [[1, 1], [1, 1], [1, 2]]]);
        var incoming = SequenceMask.FromLengths([3, 2], 3, Padding.Post);
        Assert.Equal([true, false, true, true, true, false], Flags(layer.ComputeOutputMask(x, incoming)!));
        Assert.Equal([1f, 1, 0, 0, 1, 2, 1, 1, 1, 1, 0, 0], layer.Forward(x, incoming, training: true).ToArray());
    }

    [Fact]
    public void Backward_passes_the_gradient_of_real_steps_only()
    {
        Masking layer = Built(maskValue: 0.5f);
        Tensor x = Steps([[[0.5f, 0.5f], [1, 2], [0.5f, 0.5f]], [[3, 0.5f], [0.5f, 0.5f], [1, 1]]]);
        layer.Forward(x, null, training: true);
        Tensor dy = GradientCheck.Uniform(3, -1, 1, 2, 3, 2);
        float[] g = dy.ToArray();
        float[] expected = [0, 0, g[2], g[3], 0, 0, g[6], g[7], 0, 0, g[10], g[11]];
        Assert.Equal(expected, layer.Backward(dy, needInputGradient: true)!.ToArray());
    }

    [Fact]
    public void Gradients_match_central_differences()
    {
        // Values lie in [1, 2), so no step equals the mask value: there the output jumps and has no derivative.
        GradientCheck.Layer(Built(features: 3), GradientCheck.Uniform(4, 1, 2, 2, 4, 3));
    }

    [Fact]
    public void Gradients_match_central_differences_with_an_incoming_mask()
    {
        var incoming = SequenceMask.FromLengths([4, 1], 4, Padding.Post);
        GradientCheck.Layer(Built(features: 3), GradientCheck.Uniform(5, 1, 2, 2, 4, 3), incoming);
    }

    [Fact]
    public void Input_without_a_feature_axis_is_rejected_with_its_shape()
    {
        var error = Assert.Throws<ArgumentException>(() => new Masking().Build([5], new RandomGenerator(1)));
        Assert.Equal("inputShape", error.ParamName);
        Assert.Contains("(None, 5)", error.Message);
    }

    [Fact]
    public void A_model_masks_padded_feature_steps_for_a_sequence_loss()
    {
        var model = new Sequential([new Masking(inputShape: [3, 1]), new Dense(1, kernelInitializer: "ones")], seed: 1);
        model.Compile("sgd", "mse");
        Tensor x = new float[,,] { { { 1 }, { 2 }, { 0 } } };
        Tensor y = new float[,,] { { { 1 }, { 2 }, { 0 } } };
        Tensor yChangedAtPadding = new float[,,] { { { 1 }, { 2 }, { 100 } } };
        Assert.Equal(0, model.Evaluate(x, y).Loss, 6);
        Assert.Equal(0, model.Evaluate(x, yChangedAtPadding).Loss, 6);
        Assert.Equal(0.0f, model.Predict(x)[0, 2, 0]);
    }

    [Fact]
    public void Config_holds_the_mask_value()
    {
        Assert.Equal(-1f, new Masking(-1).GetConfig()["mask_value"]);
    }
}
