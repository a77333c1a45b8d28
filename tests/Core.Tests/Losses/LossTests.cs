using NotebookRnn.Layers;
using NotebookRnn.Losses;
using NotebookRnn.Tensors;

namespace NotebookRnn.Tests.Losses;

public class LossTests
{
    [Fact]
    public void Categorical_crossentropy_matches_the_keras_documentation_example()
    {
        double loss = new CategoricalCrossentropy().Compute(
            new float[,] { { 0.05f, 0.95f, 0f }, { 0.1f, 0.8f, 0.1f } }, new float[,] { { 0, 1, 0 }, { 0, 0, 1 } }, default, null);
        Assert.Equal(1.1769, loss, 4);
    }

    [Fact]
    public void Sparse_categorical_crossentropy_matches_the_keras_documentation_example()
    {
        double loss = new SparseCategoricalCrossentropy().Compute(
            new float[,] { { 0.05f, 0.95f, 0f }, { 0.1f, 0.8f, 0.1f } }, new float[] { 1, 2 }, default, null);
        Assert.Equal(1.1769, loss, 4);
    }

    [Fact]
    public void Binary_crossentropy_matches_the_keras_documentation_example()
    {
        double loss = new BinaryCrossentropy().Compute(
            new float[,] { { 0.6f, 0.4f }, { 0.4f, 0.6f } }, new float[,] { { 0, 1 }, { 0, 0 } }, default, null);
        Assert.Equal(0.8149, loss, 4);
    }

    [Fact]
    public void Mean_squared_error_matches_the_keras_documentation_example()
    {
        double loss = new MeanSquaredError().Compute(new float[,] { { 1, 1 }, { 1, 0 } }, new float[,] { { 0, 1 }, { 0, 0 } }, default, null);
        Assert.Equal(0.5, loss, 6);
    }

    public static TheoryData<string> Losses => ["categorical_crossentropy", "sparse_categorical_crossentropy", "binary_crossentropy", "mse"];

    [Theory]
    [MemberData(nameof(Losses))]
    public void Gradient_matches_central_differences_with_row_weights(string name)
    {
        Loss loss = name;
        Tensor predictions = GradientCheck.Uniform(3, 0.15f, 0.85f, 4, 3);
        Tensor targets = Targets(loss, 4, 3);
        float[] weights = [1, 0, 0.5f, 2];
        var gradient = new Tensor(4, 3);
        loss.Compute(predictions, targets, weights, gradient);
        double[] numeric = GradientCheck.Numeric(predictions.Span, () => loss.Compute(predictions, targets, weights, null));
        GradientCheck.Compare(name, gradient.ToArray(), numeric);
    }

    [Theory]
    [InlineData("categorical_crossentropy", "softmax")]
    [InlineData("sparse_categorical_crossentropy", "softmax")]
    [InlineData("binary_crossentropy", "sigmoid")]
    public void Fused_form_on_logits_equals_the_loss_of_the_activation_and_its_gradient(string name, string activation)
    {
        Loss loss = name;
        Tensor logits = GradientCheck.Uniform(4, -3, 3, 5, 4);
        Tensor targets = Targets(loss, 5, 4);
        ActivationFunction f = activation;
        Tensor Activated()
        {
            var y = new Tensor(5, 4);
            f.Forward(logits.Span, y.Span, 4);
            return y;
        }
        var gradient = new Tensor(5, 4);
        double fused = loss.ComputeFromPreActivation(logits, targets, default, gradient);
        Assert.Equal(loss.Compute(Activated(), targets, default, null), fused, 5);
        double[] numeric = GradientCheck.Numeric(logits.Span, () => loss.Compute(Activated(), targets, default, null));
        GradientCheck.Compare(name + " fused", gradient.ToArray(), numeric);
    }

    [Fact]
    public void Fused_crossentropy_stays_finite_for_extreme_logits()
    {
        var gradient = new Tensor(1, 3);
        double loss = new CategoricalCrossentropy().ComputeFromPreActivation(new float[,] { { 1000, -1000, 0 } }, new float[,] { { 0, 1, 0 } }, default, gradient);
        Assert.Equal(2000, loss, 3);
        Assert.Equal([1f, -1f, 0f], gradient.ToArray());
    }

    [Fact]
    public void Zero_weight_rows_count_for_nothing()
    {
        Loss loss = "mse";
        double weighted = loss.Compute(new float[,] { { 1 }, { 5 } }, new float[,] { { 0 }, { 0 } }, [1, 0], null);
        Assert.Equal(1, weighted, 6);
    }

    [Fact]
    public void Unknown_loss_names_are_rejected_with_the_choices()
    {
        var error = Assert.Throws<ArgumentException>(() => Loss.Get("categorical_crossentropi"));
        Assert.Equal("name", error.ParamName);
        Assert.Contains("\"categorical_crossentropi\"", error.Message);
        Assert.Contains("sparse_categorical_crossentropy", error.Message);
    }

    private static Tensor Targets(Loss loss, int rows, int classes)
    {
        var random = new RandomGenerator(rows * 31 + classes);
        if (loss is SparseCategoricalCrossentropy)
            return new Tensor([.. Enumerable.Range(0, rows).Select(_ => (float)random.NextInt(classes))], rows);
        var t = new Tensor(rows, classes);
        for (int r = 0; r < rows; r++)
        {
            if (loss is CategoricalCrossentropy) t[r, random.NextInt(classes)] = 1;
            else for (int c = 0; c < classes; c++) t[r, c] = loss is BinaryCrossentropy ? random.NextInt(2) : (float)random.NextGaussian();
        }
        return t;
    }
}
