using NotebookRnn.Kernels;
using NotebookRnn.Layers;
using NotebookRnn.Losses;
using NotebookRnn.Models;
using NotebookRnn.Optimizers;
using NotebookRnn.Tensors;
using NotebookRnn.Training;

namespace NotebookRnn.Tests.Models;

public class RaggedInputTests
{
    /// <summary>Mean over the real steps: (batch, steps, f) → (batch, f); consumes the mask.</summary>
    private sealed class MaskedMean() : Layer(null, null)
    {
        private Tensor? _input;
        private SequenceMask? _mask;

        public override bool SupportsMasking => true;

        public override int?[] ComputeOutputShape(int?[] inputShape) => [inputShape[1]];

        public override SequenceMask? ComputeOutputMask(Tensor input, SequenceMask? mask) => null;

        public override Tensor Forward(Tensor input, SequenceMask? mask, bool training)
        {
            (_input, _mask) = (input, mask);
            int batch = input.Dim(0), steps = input.Dim(1), features = input.Dim(2);
            var y = new Tensor(batch, features);
            for (int b = 0; b < batch; b++)
                for (int t = 0; t < steps; t++)
                    for (int f = 0; f < features; f++) y[b, f] += Weight(b, t) * input[b, t, f];
            return y;
        }

        public override Tensor? Backward(Tensor outputGradient, bool needInputGradient)
        {
            if (!needInputGradient) return null;
            var dx = new Tensor([.. _input!.Shape]);
            for (int b = 0; b < dx.Dim(0); b++)
                for (int t = 0; t < dx.Dim(1); t++)
                    for (int f = 0; f < dx.Dim(2); f++) dx[b, t, f] = Weight(b, t) * outputGradient[b, f];
            return dx;
        }

        private float Weight(int b, int t) =>
            _mask is null ? 1f / _input!.Dim(1) : _mask.IsValid(b, t) ? 1f / _mask.Lengths[b] : 0;
    }

    private static int[][] Tokens(int count, int maxLength, int seed, int minLength = 1)
    {
        var random = new RandomGenerator(seed);
        return [.. Enumerable.Range(0, count).Select(_ =>
            Enumerable.Range(0, random.NextInt(minLength, maxLength + 1)).Select(_ => random.NextInt(1, 10)).ToArray())];
    }

    // Per-step class ids (id mod 3), post-padded with `padding` to `steps` steps.
    private static Tensor StepTargets(int[][] x, int steps, int padding)
    {
        var y = new Tensor(x.Length, steps);
        for (int i = 0; i < x.Length; i++)
            for (int t = 0; t < steps; t++) y[i, t] = t < x[i].Length ? x[i][t] % 3 : padding;
        return y;
    }

    private static Sequential Tagger(bool maskZero = false, int seed = 5)
    {
        var model = new Sequential([new Embedding(10, 8, maskZero: maskZero), new TimeDistributed(new Dense(3, "softmax"))], seed: seed);
        model.Compile(new Adam(learningRate: 0.02), "sparse_categorical_crossentropy", ["accuracy"]);
        return model;
    }

    [Fact]
    public void Predict_returns_rows_in_the_callers_order()
    {
        var model = new Sequential([new Embedding(10, 4), new MaskedMean(), new Dense(3)], seed: 7);
        int[][] x = [.. Tokens(13, maxLength: 9, seed: 4), []];
        Tensor batched = model.Predict(x, batchSize: 3);
        Assert.Equal([14, 3], batched.Shape);
        for (int i = 0; i < x.Length; i++)
        {
            Tensor alone = model.Predict(new Tensor([.. x[i].Select(id => (float)id)], 1, x[i].Length));
            Assert.Equal(alone.ToArray(), batched.Row(i).ToArray(), new FloatTolerance(1e-6f));
        }
    }

    [Fact]
    public void Sequence_outputs_hold_real_steps_first_then_zeros_up_to_the_longest_sequence()
    {
        var model = new Sequential([new Embedding(10, 4), new Dense(2, biasInitializer: "ones")], seed: 7);
        int[][] x = [.. Tokens(9, maxLength: 7, seed: 5), []];
        int longest = x.Max(s => s.Length);
        Tensor batched = model.Predict(x, batchSize: 4);
        Assert.Equal([10, longest, 2], batched.Shape);
        for (int i = 0; i < x.Length; i++)
        {
            float[] row = batched.Row(i).ToArray();
            float[] alone = model.Predict(new Tensor([.. x[i].Select(id => (float)id)], 1, x[i].Length)).ToArray();
            Assert.Equal(alone, row[..alone.Length], new FloatTolerance(1e-6f));
            Assert.All(row[alone.Length..], v => Assert.Equal(0f, v));
        }
    }

    [Fact]
    public void Feature_vectors_of_different_sizes_name_the_sample_the_step_and_both_sizes()
    {
        var model = new Sequential([new Dense(1)]);
        model.Compile("sgd", "mse");
        float[][][] x = [[[1, 2], [3, 4]], [[5, 6], [7]]];
        var error = Assert.Throws<ArgumentException>(() => model.Fit(x, new Tensor(2, 2, 1), verbose: 0));
        Assert.Equal("x", error.ParamName);
        Assert.Contains("x[1][1] (sample 1, step 1) has 1 features", error.Message);
        Assert.Contains("x[0][0] has 2", error.Message);
        Assert.False(model.IsBuilt);
    }

    [Fact]
    public void A_model_without_input_shape_is_built_with_an_unknown_time_dimension()
    {
        var model = new Sequential([new Dense(2)]);
        float[][][] x = [[[1, 2, 3]], [[1, 2, 3], [4, 5, 6]]];
        Tensor y = model.Predict(x);
        Assert.Equal([null, 3], model.InputShape);
        Assert.Equal([2, 2, 2], y.Shape);
    }

    [Fact]
    public void A_model_with_a_fixed_time_dimension_rejects_ragged_input_with_both_shapes()
    {
        var model = new Sequential([new Embedding(10, 4, inputLength: 5), new Dense(1)]);
        int[][] x = [[1, 2], [3]];
        var error = Assert.Throws<ArgumentException>(() => model.Predict(x));
        Assert.Equal("x", error.ParamName);
        Assert.Contains("(2, None) (ragged)", error.Message);
        Assert.Contains("(None, 5)", error.Message);
    }

    [Fact]
    public void Per_step_targets_shorter_than_the_longest_sequence_name_y_and_the_length()
    {
        int[][] x = [[1, 2, 3], [4]];
        var error = Assert.Throws<ArgumentException>(() => Tagger().Fit(x, new Tensor(2, 2), verbose: 0));
        Assert.Equal("y", error.ParamName);
        Assert.Contains("(2, 2)", error.Message);
        Assert.Contains("3 steps", error.Message);
    }

    [Fact]
    public void Sample_counts_of_x_and_y_must_match()
    {
        int[][] x = [[1, 2], [3]];
        var error = Assert.Throws<ArgumentException>(() => Tagger().Evaluate(x, new Tensor(3, 2)));
        Assert.Equal("y", error.ParamName);
        Assert.Contains("2 sequences", error.Message);
        Assert.Contains("(3, 2)", error.Message);
    }

    [Fact]
    public void An_embedding_tagger_learns_per_step_classes_from_ragged_token_ids()
    {
        int[][] x = Tokens(300, maxLength: 12, seed: 6, minLength: 0);
        Tensor y = StepTargets(x, 12, padding: 0);
        Sequential model = Tagger();
        double before = model.Evaluate(x, y).Loss;
        History history = model.Fit(x, y, batchSize: 16, epochs: 15, verbose: 0, validationSplit: 0.1);
        Assert.Contains("val_loss", history.Series.Keys);
        Assert.True(model.Evaluate(x, y).Loss < before / 10, $"loss {before} → {model.Evaluate(x, y).Loss}");
        Assert.True(model.Evaluate(x, y)["accuracy"] >= 0.99, $"accuracy {model.Evaluate(x, y)["accuracy"]}");
    }

    [Fact]
    public void Targets_at_padded_steps_change_neither_loss_nor_training()
    {
        int[][] x = Tokens(60, maxLength: 10, seed: 7);
        Tensor y = StepTargets(x, 10, padding: 0), yOtherPadding = StepTargets(x, 10, padding: 2);
        Sequential first = Tagger(seed: 8), second = Tagger(seed: 8);
        Assert.Equal(first.Evaluate(x, y).Loss, first.Evaluate(x, yOtherPadding).Loss);
        History a = first.Fit(x, y, batchSize: 8, epochs: 2, verbose: 0);
        History b = second.Fit(x, yOtherPadding, batchSize: 8, epochs: 2, verbose: 0);
        Assert.Equal(a["loss"], b["loss"]);
        Assert.Equal(first.Parameters.SelectMany(p => p.Value.ToArray()), second.Parameters.SelectMany(p => p.Value.ToArray()));
        Tensor yChangedAtARealStep = y.Clone();
        yChangedAtARealStep[0, 0] = (yChangedAtARealStep[0, 0] + 1) % 3;
        Assert.NotEqual(first.Evaluate(x, y).Loss, first.Evaluate(x, yChangedAtARealStep).Loss);
    }

    [Fact]
    public void Ragged_evaluation_equals_masked_evaluation_of_the_padded_tensor()
    {
        int[][] x = Tokens(40, maxLength: 9, seed: 9);
        Tensor y = StepTargets(x, 9, padding: 0);
        var padded = new Tensor(40, 9);
        for (int i = 0; i < x.Length; i++)
            for (int t = 0; t < x[i].Length; t++) padded[i, t] = x[i][t];
        double ragged = Tagger(maskZero: false, seed: 10).Evaluate(x, y, batchSize: 64).Loss;
        double masked = Tagger(maskZero: true, seed: 10).Evaluate(padded, y, batchSize: 64).Loss;
        Assert.Equal(masked, ragged, 6);
    }

    [Fact]
    public void Dense_on_ragged_feature_vectors_ignores_padded_steps_in_a_sequence_loss()
    {
        float[][][] x = [[[1, 0], [0, 1], [1, 1]], [[2, 1]], []];
        var y = new Tensor(3, 3, 1);
        Tensor yOtherPadding = y.Clone();
        yOtherPadding[1, 1, 0] = 50;
        yOtherPadding[2, 0, 0] = -50;
        var model = new Sequential([new Dense(1)], seed: 2);
        model.Compile(new SGD(learningRate: 0.1), "mse");
        double before = model.Evaluate(x, y).Loss;
        Assert.Equal(before, model.Evaluate(x, yOtherPadding).Loss);
        model.Fit(x, yOtherPadding, batchSize: 2, epochs: 100, verbose: 0);
        Assert.True(model.Evaluate(x, y).Loss < before / 100, $"loss {before} → {model.Evaluate(x, y).Loss}");
    }

    [Fact]
    public void Class_labels_for_whole_sequences_may_be_given_as_an_int_array()
    {
        int[][] x = Tokens(200, maxLength: 8, seed: 11);
        int[] labels = [.. x.Select(s => s.Count(id => id > 5) * 2 > s.Length ? 1 : 0)];
        var model = new Sequential([new Embedding(10, 8), new MaskedMean(), new Dense(2, "softmax")], seed: 12);
        model.Compile(new Adam(learningRate: 0.05), "sparse_categorical_crossentropy", ["accuracy"]);
        model.Fit(x, labels, batchSize: 16, epochs: 30, verbose: 0);
        Assert.True(model.Evaluate(x, labels)["accuracy"] >= 0.9, $"accuracy {model.Evaluate(x, labels)["accuracy"]}");
        Assert.Equal([200, 2], model.Predict(x).Shape);
    }

    private sealed class FloatTolerance(float tolerance) : IEqualityComparer<float>
    {
        public bool Equals(float a, float b) => Math.Abs(a - b) <= tolerance;

        public int GetHashCode(float value) => 0;
    }
}
