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
    public void Zero_weight_rows_add_nothing_but_still_count_in_the_keras_3_mean()
    {
        Loss loss = "mse";
        double weighted = loss.Compute(new float[,] { { 1 }, { 5 } }, new float[,] { { 0 }, { 0 } }, [1, 0], null);
        Assert.Equal(0.5, weighted, 6);
    }

    [Fact]
    public void Mean_with_sample_weight_keeps_the_keras_2_weighted_mean()
    {
        var loss = new MeanSquaredError(reduction: LossReduction.MeanWithSampleWeight);
        double weighted = loss.Compute(new float[,] { { 1 }, { 5 }, { 2 } }, new float[,] { { 0 }, { 0 }, { 0 } }, [1, 0, 3], null);
        Assert.Equal((1 * 1 + 3 * 4) / 4.0, weighted, 6);
    }

    public static TheoryData<string> Reductions => ["sum_over_batch_size", "sum", "mean_with_sample_weight"];

    [Theory]
    [MemberData(nameof(Reductions))]
    public void Gradient_matches_central_differences_with_weights_and_a_mask_under_every_reduction(string reduction)
    {
        var loss = new CategoricalCrossentropy(labelSmoothing: 0.05, reduction: reduction);
        Tensor predictions = GradientCheck.Uniform(11, 0.15f, 0.85f, 2, 3, 3);
        Tensor targets = Targets(loss, 6, 3).Reshape(2, 3, 3);
        float[] weights = [0.5f, 2], mask = [1, 1, 0, 1, 0, 1];
        var gradient = new Tensor(2, 3, 3);
        loss.Compute(predictions, targets, weights, mask, gradient);
        double[] numeric = GradientCheck.Numeric(predictions.Span, () => loss.Compute(predictions, targets, weights, mask, null));
        GradientCheck.Compare(reduction, gradient.ToArray(), numeric);
    }

    [Fact]
    public void Reduction_none_gives_no_single_number()
    {
        var error = Assert.Throws<InvalidOperationException>(() => new MeanSquaredError(reduction: "none").Compute(new float[] { 1 }, new float[] { 0 }));
        Assert.Contains("Unreduced", error.Message);
    }

    [Fact]
    public void Weights_of_a_length_that_fits_no_broadcast_are_refused_with_the_lengths_that_fit()
    {
        var error = Assert.Throws<ArgumentException>(() => new MeanSquaredError().Compute(new Tensor(2, 3, 1), new Tensor(2, 3, 1), [1, 2, 3]));
        Assert.Equal("sampleWeight", error.ParamName);
        Assert.Contains("1 (a scalar), 2 (one per sample) or 6 (one per row)", error.Message);
    }

    [Fact]
    public void Per_sample_weights_spread_over_the_steps_of_a_sequence()
    {
        Loss loss = "mse";
        Tensor predictions = new Tensor([1, 2, 3, 4], 2, 2, 1), targets = new Tensor(2, 2, 1);
        Assert.Equal(loss.Compute(predictions, targets, [2, 2, 3, 3]), loss.Compute(predictions, targets, [2, 3]), 9);
    }

    // keras/src/losses/loss_test.py: LossTest.test_reduction
    [Fact]
    public void Keras_reduction()
    {
        double[] squares = [0.81, 0.04, 0.49, 0.16];
        KerasAssert.AllClose(squares, new ExampleLoss("none").Unreduced(ExamplePred, ExampleTrue));
        KerasAssert.AllClose(squares.Sum(), new ExampleLoss("sum").Compute(ExamplePred, ExampleTrue));
        KerasAssert.AllClose(squares.Sum() / 4, new ExampleLoss("sum_over_batch_size").Compute(ExamplePred, ExampleTrue));
        var error = Assert.Throws<ArgumentException>(() => new ExampleLoss("abc"));
        Assert.Contains("Invalid value for argument", error.Message);
    }

    // keras/src/losses/loss_test.py: LossTest.test_mask
    [Fact]
    public void Keras_mask()
    {
        KerasAssert.AllClose((0.81 + 0.49 + 0.16) / 3, new ExampleLoss().Compute(ExamplePred, ExampleTrue, default, [1, 0, 1, 1], null));
        KerasAssert.AllClose(0, new ExampleLoss().Compute(ExamplePred, ExampleTrue, default, [0, 0, 0, 0], null));
    }

    // keras/src/losses/loss_test.py: LossTest.test_sample_weight
    [Fact]
    public void Keras_sample_weight()
    {
        KerasAssert.AllClose((0.4 * 0.81 + 0.3 * 0.04 + 0.2 * 0.49 + 0.1 * 0.16) / 4, new ExampleLoss().Compute(ExamplePred, ExampleTrue, [0.4f, 0.3f, 0.2f, 0.1f]));
        KerasAssert.AllClose(0, new ExampleLoss().Compute(ExamplePred, ExampleTrue, [0f, 0f, 0f, 0f]));
    }

    // keras/src/losses/loss_test.py: LossTest.test_mask_and_sample_weight
    [Fact]
    public void Keras_mask_and_sample_weight() =>
        KerasAssert.AllClose((0.4 * 0.81 + 0.2 * 0.49 + 0.1 * 0.16) / 3,
            new ExampleLoss().Compute(ExamplePred, ExampleTrue, [0.4f, 0.3f, 0.2f, 0.1f], [1, 0, 1, 1], null));

    // keras/src/losses/loss_test.py: LossTest.test_mask_and_sample_weight_rank2
    [Fact]
    public void Keras_mask_and_sample_weight_rank2()
    {
        double rank1 = new ExampleLoss().Compute(ExamplePred, ExampleTrue, [0.4f, 0.3f, 0.2f, 0.1f], [1, 0, 1, 1], null);
        Tensor pred = new Tensor([0.1f, 0.2f, 0.3f, 0.4f, 0.1f, 0.2f, 0.3f, 0.4f], 2, 4, 1), yTrue = new Tensor([1, 0, 1, 0, 1, 0, 1, 0], 2, 4, 1);
        double rank2 = new ExampleLoss().Compute(pred, yTrue, [0.4f, 0.3f, 0.2f, 0.1f, 0.4f, 0.3f, 0.2f, 0.1f], [1, 0, 1, 1, 1, 0, 1, 1], null);
        KerasAssert.AllClose(rank1, rank2);
    }

    // keras/src/losses/loss_test.py: LossTest.test_mixed_dtypes
    [Fact]
    public void Keras_mixed_dtypes() =>
        KerasAssert.AllClose((0.4 * 0.81 + 0.3 * 0.04 + 0.2 * 0.49 + 0.1 * 0.16) / 4,
            new ExampleLoss().Compute(ExamplePred, new int[,] { { 1 }, { 0 }, { 1 }, { 0 } }, [0.4f, 0.3f, 0.2f, 0.1f]));

    // keras/src/losses/loss_test.py: LossTest.test_get_method
    [Fact]
    public void Keras_get_method()
    {
        Assert.IsType<MeanSquaredError>(Loss.Get("mse"));
        Assert.Throws<ArgumentException>(() => Loss.Get("typo"));
    }

    private static readonly Tensor ExampleTrue = new float[,] { { 1 }, { 0 }, { 1 }, { 0 } };
    private static readonly Tensor ExamplePred = new float[,] { { 0.1f }, { 0.2f }, { 0.3f }, { 0.4f } };

    // Keras's ExampleLoss: (y_true − y_pred)² per value, here one value per row.
    private sealed class ExampleLoss(LossReduction? reduction = null) : Loss(reduction: reduction)
    {
        protected override double RowLoss(ReadOnlySpan<float> values, ReadOnlySpan<float> target, Span<float> gradient)
        {
            double difference = values[0] - target[0];
            if (!gradient.IsEmpty) gradient[0] = (float)(2 * difference);
            return difference * difference;
        }
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
