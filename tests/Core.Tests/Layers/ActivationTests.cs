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
    public void Gradients_match_central_differences(string name)
    {
        var layer = new Activation(name, name: "activation");
        layer.Build([6], new RandomGenerator(1));
        Tensor x = GradientCheck.AwayFrom(3, name == "relu" ? [0f] : name == "hard_sigmoid" ? [-2.5f, 2.5f] : [], 0.05f, 4, 6);
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
        AssertClose(x.Select(v => Math.Clamp(0.2 * v + 0.5, 0, 1)), Apply("hard_sigmoid"));
        double sum = x.Sum(v => Math.Exp(v));
        AssertClose(x.Select(v => Math.Exp(v) / sum), Apply("softmax"));
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
