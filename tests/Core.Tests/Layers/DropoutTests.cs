using NotebookRnn.Layers;
using NotebookRnn.Tensors;

namespace NotebookRnn.Tests.Layers;

public class DropoutTests
{
    [Fact]
    public void Training_drops_about_the_rate_and_rescales_survivors()
    {
        var layer = new Dropout(0.3, seed: 5);
        layer.Build([1000], new RandomGenerator(1));
        var ones = new Tensor(Enumerable.Repeat(1f, 10_000).ToArray(), 10, 1000);
        float[] y = layer.Forward(ones, null, training: true).ToArray();
        double dropped = y.Count(v => v == 0) / (double)y.Length;
        Assert.InRange(dropped, 0.28, 0.32);
        Assert.All(y.Where(v => v != 0), v => Assert.Equal(1 / 0.7f, v, 1e-6f));
    }

    [Fact]
    public void Inference_passes_input_through_unchanged()
    {
        var layer = new Dropout(0.5);
        layer.Build([4], new RandomGenerator(1));
        Tensor x = GradientCheck.Uniform(1, -1, 1, 3, 4);
        Assert.Equal(x.ToArray(), layer.Forward(x, null, training: false).ToArray());
    }

    [Fact]
    public void Gradient_matches_central_differences_for_a_fixed_mask()
    {
        Tensor x = GradientCheck.Uniform(2, -1, 1, 3, 5);
        Dropout Fresh()
        {
            var layer = new Dropout(0.4, seed: 9);
            layer.Build([5], new RandomGenerator(1));
            return layer;
        }
        Dropout checkedLayer = Fresh();
        Tensor y = checkedLayer.Forward(x, null, training: true);
        float[] r = [.. Enumerable.Range(0, y.Length).Select(i => (float)Math.Sin(i + 1))];
        float[] analytic = checkedLayer.Backward(new Tensor((float[])r.Clone(), 3, 5), true)!.ToArray();
        double[] numeric = GradientCheck.Numeric(x.Span, () => GradientCheck.Dot(Fresh().Forward(x, null, training: true), r));
        GradientCheck.Compare("input", analytic, numeric);
    }

    [Theory]
    [InlineData(-0.1)]
    [InlineData(1.0)]
    public void Rate_outside_zero_to_one_is_rejected(double rate)
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => new Dropout(rate));
        Assert.Equal("rate", error.ParamName);
    }
}
