using NotebookRnn.Initializers;
using NotebookRnn.Kernels;
using NotebookRnn.Layers;
using NotebookRnn.Tensors;

namespace NotebookRnn.Tests.Layers;

public class DenseTests
{
    private static Dense Built(int inputDim, int units, ActivationFunction? activation = null, bool useBias = true)
    {
        var layer = new Dense(units, activation, useBias, biasInitializer: new RandomUniform(-0.5f, 0.5f), name: "dense");
        layer.Build([inputDim], new RandomGenerator(3));
        return layer;
    }

    [Theory]
    [InlineData("linear")]
    [InlineData("relu")]
    [InlineData("sigmoid")]
    [InlineData("tanh")]
    [InlineData("softmax")]
    [InlineData("hard_sigmoid")]
    public void Gradients_match_central_differences_for_every_activation(string activation)
    {
        Dense layer = Built(4, 5, activation);
        Tensor x = GradientCheck.Uniform(11, -1, 1, 3, 4);
        if (activation is "relu" or "hard_sigmoid")
        {
            // Keep pre-activations away from kinks by shifting the bias: check here that they are.
            Tensor pre = new Tensor(3, 5);
            NotebookRnn.Kernels.Gemm.Multiply(false, false, 3, 5, 4, 1, x.Span, layer.Kernel.Value.Span, 0, pre.Span);
            float[] kinks = activation == "relu" ? [0f] : [-3f, 3f];
            for (int j = 0; j < 5; j++)
            {
                float bias = layer.Bias!.Value.Span[j];
                for (int i = 0; i < 3; i++)
                    foreach (float k in kinks)
                        while (Math.Abs(pre[i, j] + bias - k) < 0.1f) bias += 0.25f;
                layer.Bias!.Value.Span[j] = bias;
            }
        }
        GradientCheck.Layer(layer, x);
    }

    [Fact]
    public void Gradients_match_central_differences_without_bias_on_sequences()
    {
        var layer = new Dense(2, "tanh", useBias: false);
        layer.Build([null, 3], new RandomGenerator(3));
        GradientCheck.Layer(layer, GradientCheck.Uniform(5, -1, 1, 2, 4, 3));
        Assert.Single(layer.Parameters);
    }

    [Fact]
    public void Forward_computes_x_times_kernel_plus_bias()
    {
        var layer = new Dense(2, kernelInitializer: "ones", biasInitializer: "ones");
        layer.Build([3], new RandomGenerator(1));
        Tensor y = layer.Forward(new float[,] { { 1, 2, 3 }, { -1, 0, 1 } }, null, training: false);
        Assert.Equal([7f, 7f, 1f, 1f], y.ToArray());
    }

    [Fact]
    public void Glorot_uniform_kernel_stays_inside_its_limit_and_bias_starts_at_zero()
    {
        var layer = new Dense(300);
        layer.Build([200], new RandomGenerator(1));
        double limit = Math.Sqrt(6.0 / (200 + 300));
        float[] kernel = layer.Kernel.Value.ToArray();
        Assert.All(kernel, w => Assert.InRange(w, -limit, limit));
        Assert.InRange(kernel.Max(), 0.95 * limit, limit);
        Assert.All(layer.Bias!.Value.ToArray(), b => Assert.Equal(0f, b));
    }

    [Fact]
    public void Units_must_be_positive()
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => new Dense(0));
        Assert.Equal("units", error.ParamName);
    }

    [Fact]
    public void Input_of_the_wrong_feature_size_is_rejected_with_both_shapes()
    {
        Dense layer = Built(4, 2);
        var error = Assert.Throws<ArgumentException>(() => layer.Forward(new Tensor(2, 5), null, false));
        Assert.Contains("(None, 4)", error.Message);
        Assert.Contains("(2, 5)", error.Message);
    }
}
