using NotebookRnn.Layers;
using NotebookRnn.Tensors;

namespace NotebookRnn.Tests.Layers;

public class ActivationTests
{
    [Theory]
    [InlineData("linear")]
    [InlineData("relu")]
    [InlineData("sigmoid")]
    [InlineData("tanh")]
    [InlineData("softmax")]
    [InlineData("hard_sigmoid")]
    [InlineData("hard_sigmoid_keras2")]
    public void Gradients_match_central_differences(string name)
    {
        var layer = new Activation(name, name: "activation");
        layer.Build([6], new RandomGenerator(1));
        float[] kinks = name switch { "relu" => [0f], "hard_sigmoid" => [-3f, 3f], "hard_sigmoid_keras2" => [-2.5f, 2.5f], _ => [] };
        Tensor x = GradientCheck.AwayFrom(3, kinks, 0.05f, 4, 6);
        GradientCheck.Layer(layer, x);
    }

    [Fact]
    public void Values_follow_the_published_formulas()
    {
        float[] x = [-3f, -1f, 0f, 0.5f, 4f];
        float[] Apply(string name)
        {
            var layer = new Activation(name);
            layer.Build([5], new RandomGenerator(1));
            return layer.Forward(new Tensor((float[])x.Clone(), 1, 5), null, false).ToArray();
        }
        Assert.Equal(x.Select(v => Math.Max(v, 0f)), Apply("relu"));
        AssertClose(x.Select(v => 1 / (1 + Math.Exp(-v))), Apply("sigmoid"));
        AssertClose(x.Select(v => Math.Tanh(v)), Apply("tanh"));
        AssertClose(x.Select(v => Math.Min(Math.Max(v + 3.0, 0), 6) / 6), Apply("hard_sigmoid"));
        AssertClose(x.Select(v => Math.Clamp(0.2 * v + 0.5, 0, 1)), Apply("hard_sigmoid_keras2"));
        double sum = x.Sum(v => Math.Exp(v));
        AssertClose(x.Select(v => Math.Exp(v) / sum), Apply("softmax"));
    }

    // keras/src/activations/activations_test.py: ActivationsTest.test_hard_sigmoid
    [Fact]
    public void Hard_sigmoid_is_keras_3s()
    {
        static double Reference(double v) => v <= -3 ? 0 : v >= 3 ? 1 : v / 6 + 0.5;
        var random = new RandomGenerator(7);
        foreach (var (low, high, count) in new[] { (0f, 1f, 10), (-10f, 10f, 5), (-10f, 10f, 27), (5f, 10f, 10) })
        {
            float[] x = [.. Enumerable.Range(0, count).Select(_ => low + (high - low) * random.NextFloat())];
            float[] y = new float[count];
            ActivationFunction.Get("hard_sigmoid").Forward(x, y, count);
            for (int i = 0; i < count; i++) Assert.True(Math.Abs(y[i] - Reference(x[i])) <= 1e-5 * Math.Abs(Reference(x[i])) + 1e-6, $"x = {x[i]}");
        }
        Assert.Same(ActivationFunction.HardSigmoidKeras2, ActivationFunction.Get("hard_sigmoid_keras2"));
    }

    [Fact]
    public void Unknown_activation_names_are_rejected_with_the_choices()
    {
        var error = Assert.Throws<ArgumentException>(() => new Activation("swishy"));
        Assert.Contains("\"swishy\"", error.Message);
        Assert.Contains("softmax", error.Message);
    }

    private static void AssertClose(IEnumerable<double> expected, float[] actual)
    {
        double[] e = [.. expected];
        for (int i = 0; i < e.Length; i++) Assert.Equal(e[i], actual[i], 1e-6);
    }
}
