using NotebookRnn.Data;
using NotebookRnn.Layers;
using NotebookRnn.Layers.Functional;
using NotebookRnn.Layers.Merging;
using NotebookRnn.Layers.Recurrent;
using NotebookRnn.Models;
using NotebookRnn.Optimizers;
using NotebookRnn.Tensors;
using NotebookRnn.Training;

namespace NotebookRnn.Tests.Models;

/// <summary>Ragged (int[][], float[][][]) input to a model with several inputs: each input its own padding and mask.</summary>
public class RaggedMultiInputTests
{
    private const int SourceVocabulary = 9, TargetVocabulary = 7;

    // An encoder over source ids whose (h, c) start a decoder over target ids; softmax over the target vocabulary per step.
    private static Model Translator(long seed, bool maskZero = false)
    {
        var source = new Input([null], name: "source");
        var target = new Input([null], name: "target");
        var (_, h, c) = new LSTM(6, returnState: true, name: "encoder").Call(new Embedding(SourceVocabulary, 4, maskZero: maskZero).Call(source));
        SymbolicTensor decoded = new LSTM(6, returnSequences: true, name: "decoder")
            .Call(new Embedding(TargetVocabulary, 4, maskZero: maskZero).Call(target), initialState: [h, c]);
        var model = new Model([source, target], new Dense(TargetVocabulary, activation: "softmax", name: "next").Call(decoded), seed: seed);
        model.Compile(new Adam(learningRate: 0.01), ["sparse_categorical_crossentropy"]);
        return model;
    }

    private static int[][] Sequences(int count, int minLength, int maxLength, int vocabulary, int seed)
    {
        var random = new RandomGenerator(seed);
        return [.. Enumerable.Range(0, count).Select(_ =>
            Enumerable.Range(0, random.NextInt(minLength, maxLength + 1)).Select(_ => random.NextInt(1, vocabulary)).ToArray())];
    }

    // The next target id per decoder step, zero (ignored: masked) after each sequence's end.
    private static Tensor NextIds(int[][] target, int steps)
    {
        var y = new Tensor(target.Length, steps);
        for (int i = 0; i < target.Length; i++)
            for (int t = 0; t < target[i].Length; t++) y[i, t] = (target[i][t] * 3 + t) % TargetVocabulary;
        return y;
    }

    private static Tensor Padded(int[][] sequences, int steps)
    {
        var x = new Tensor(sequences.Length, steps);
        for (int i = 0; i < sequences.Length; i++)
            for (int t = 0; t < sequences[i].Length; t++) x[i, t] = sequences[i][t];
        return x;
    }

    private static Tensor One(int[] sequence) => new([.. sequence.Select(id => (float)id)], 1, sequence.Length);

    [Fact]
    public void Each_ragged_input_is_padded_to_its_own_longest_sequence_and_carries_its_own_mask()
    {
        int[][] source = [[1, 2, 3, 4, 5], [6], [7, 8]], target = [[1], [2, 3, 4], [5, 6]];
        var data = new RaggedDataSource([RaggedColumn.FromTokens(source, "x[0]"), RaggedColumn.FromTokens(target, "x[1]")]);
        Batch batch = data.Take([1, 2]);
        Assert.Equal([2, 2], batch.Inputs[0].Shape);
        Assert.Equal([2, 3], batch.Inputs[1].Shape);
        Assert.Equal([1, 2], batch.Masks![0]!.Lengths.ToArray());
        Assert.Equal([3, 2], batch.Masks![1]!.Lengths.ToArray());
        Assert.Equal([6f, 0, 7, 8], batch.Inputs[0].Span.ToArray());
        Assert.Equal([2f, 3, 4, 5, 6, 0], batch.Inputs[1].Span.ToArray());
        Assert.Equal([1, 2, 0], data.IndicesByLength([0, 1, 2]));
    }

    [Fact]
    public void Predict_on_ragged_inputs_gives_each_sample_what_it_gives_alone_without_padding()
    {
        Model model = Translator(seed: 3);
        int[][] source = Sequences(11, 1, 8, SourceVocabulary, seed: 1), target = Sequences(11, 1, 5, TargetVocabulary, seed: 2);
        Tensor predicted = model.Predict([source, target], batchSize: 4)[0];
        int longest = target.Max(s => s.Length);
        Assert.Equal([11, longest, TargetVocabulary], predicted.Shape);
        for (int i = 0; i < source.Length; i++)
        {
            Tensor alone = model.Predict([One(source[i]), One(target[i])])[0];
            int real = target[i].Length * TargetVocabulary;
            for (int j = 0; j < real; j++) Assert.Equal(alone.Span[j], predicted.Row(i)[j], 5);
            Assert.All(predicted.Row(i)[real..].ToArray(), v => Assert.Equal(0f, v));
        }
    }

    [Fact]
    public void Training_on_ragged_inputs_equals_training_on_the_same_batch_padded_by_hand_with_zero_masks()
    {
        int[][] source = Sequences(12, 1, 7, SourceVocabulary, seed: 4), target = Sequences(12, 1, 5, TargetVocabulary, seed: 5);
        int sourceSteps = source.Max(s => s.Length), targetSteps = target.Max(s => s.Length);
        Tensor y = NextIds(target, targetSteps);
        Model ragged = Translator(seed: 8, maskZero: true), padded = Translator(seed: 8, maskZero: true);
        double[] raggedLoss = [.. ragged.Fit([source, target], [y], batchSize: 12, epochs: 3, verbose: 0, shuffle: false)["loss"]];
        double[] paddedLoss = [.. padded.Fit([Padded(source, sourceSteps), Padded(target, targetSteps)], [y], batchSize: 12, epochs: 3, verbose: 0,
            shuffle: false)["loss"]];
        for (int e = 0; e < 3; e++) Assert.Equal(paddedLoss[e], raggedLoss[e], 5);
        IReadOnlyList<Tensor> a = ragged.GetWeights(), b = padded.GetWeights();
        for (int w = 0; w < a.Count; w++)
            for (int j = 0; j < a[w].Length; j++) Assert.Equal(b[w].Span[j], a[w].Span[j], 5);
        Assert.Equal(padded.Evaluate([Padded(source, sourceSteps), Padded(target, targetSteps)], [y])["loss"],
            ragged.Evaluate([source, target], [y], batchSize: 12)["loss"], 5);
    }

    [Fact]
    public void Per_step_targets_follow_the_steps_of_the_decoders_input_not_the_encoders()
    {
        Model model = Translator(seed: 2);
        Assert.Equal([1], model.OutputStepSources());
        int[][] source = [[1, 2, 3, 4, 5, 6], [1]], target = [[1, 2], [3]];
        model.Fit([source, target], [NextIds(target, 2)], verbose: 0);
        var error = Assert.Throws<ArgumentException>(() => model.Fit([source, target], [new Tensor(2, 1)], verbose: 0));
        Assert.Contains("y[0] has shape (2, 1), but the longest sequence of x[1] has 2 steps", error.Message);
    }

    [Fact]
    public void A_dense_input_may_stand_beside_a_ragged_one()
    {
        var tokens = new Input([null], name: "tokens");
        var features = new Input([3], name: "features");
        SymbolicTensor summary = new LSTM(5).Call(new Embedding(SourceVocabulary, 4).Call(tokens));
        var model = new Model([tokens, features], new Dense(2).Call(new Concatenate().Call([summary, features])), seed: 4);
        int[][] x = Sequences(9, 1, 6, SourceVocabulary, seed: 6);
        Tensor f = GradientCheck.Uniform(3, -1, 1, 9, 3);
        Tensor predicted = model.Predict([x, f], batchSize: 4)[0];
        for (int i = 0; i < x.Length; i++)
        {
            Tensor alone = model.Predict([One(x[i]), new Tensor(f.Row(i).ToArray(), 1, 3)])[0];
            for (int j = 0; j < 2; j++) Assert.Equal(alone[0, j], predicted[i, j], 5);
        }
    }

    [Fact]
    public void Inputs_and_targets_may_be_given_by_name()
    {
        int[][] source = Sequences(10, 1, 6, SourceVocabulary, seed: 7), target = Sequences(10, 1, 4, TargetVocabulary, seed: 8);
        Tensor y = NextIds(target, target.Max(s => s.Length));
        Model byList = Translator(seed: 5), byName = Translator(seed: 5);
        double listLoss = byList.Fit([source, target], [y], batchSize: 4, epochs: 2, verbose: 0)["loss"][^1];
        double nameLoss = byName.Fit(new Dictionary<string, InputData> { ["target"] = target, ["source"] = source },
            new Dictionary<string, Tensor> { ["next"] = y }, batchSize: 4, epochs: 2, verbose: 0)["loss"][^1];
        Assert.Equal(listLoss, nameLoss);
        Tensor predicted = byName.Predict(new Dictionary<string, InputData> { ["source"] = source, ["target"] = target })[0];
        Assert.Equal(byName.Predict([source, target])[0].Span.ToArray(), predicted.Span.ToArray());
    }

    [Fact]
    public void Two_devices_train_ragged_inputs_to_the_weights_of_one_up_to_float_rounding()
    {
        int[][] source = Sequences(40, 1, 9, SourceVocabulary, seed: 9), target = Sequences(40, 1, 6, TargetVocabulary, seed: 10);
        Tensor y = NextIds(target, target.Max(s => s.Length));
        var weights = new IReadOnlyList<Tensor>[2];
        foreach (int devices in new[] { 1, 2 })
        {
            Model model = Translator(seed: 6);
            model.Compile(new Adam(learningRate: 0.01), ["sparse_categorical_crossentropy"], devices: devices);
            model.Fit([source, target], [y], batchSize: 10, epochs: 2, verbose: 0);
            weights[devices - 1] = model.GetWeights();
        }
        for (int w = 0; w < weights[0].Count; w++)
            for (int j = 0; j < weights[0][w].Length; j++) Assert.Equal(weights[0][w].Span[j], weights[1][w].Span[j], 4);
    }

    [Fact]
    public void Inputs_of_different_sample_counts_are_refused_naming_both()
    {
        Model model = Translator(seed: 1);
        int[][] source = Sequences(4, 1, 3, SourceVocabulary, seed: 1), target = Sequences(5, 1, 3, TargetVocabulary, seed: 2);
        var error = Assert.Throws<ArgumentException>(() => model.Predict([source, target]));
        Assert.Equal("x[1]", error.ParamName);
        Assert.Contains("x[0] has 4 token sequences, x[1] has 5 token sequences", error.Message);
    }

    [Fact]
    public void A_token_id_outside_an_inputs_embedding_is_refused_naming_input_sample_and_step()
    {
        Model model = Translator(seed: 1);
        int[][] source = [[1, 2], [3]], target = [[1], [2, TargetVocabulary]];
        var error = Assert.Throws<ArgumentException>(() => model.Predict([source, target]));
        Assert.Contains($"x[1][1][1] is token id {TargetVocabulary}, outside the Embedding's [0, {TargetVocabulary})", error.Message);
    }

    [Fact]
    public void An_output_whose_steps_come_from_two_ragged_inputs_is_refused_before_training()
    {
        var a = new Input([null, 2], name: "a");
        var b = new Input([null, 2], name: "b");
        var model = new Model([a, b], new Dense(1).Call(new Add().Call([a, b])), seed: 1);
        model.Compile(new Adam(), ["mse"]);
        float[][][] x = [[[1, 2], [3, 4]], [[5, 6]]];
        var error = Assert.Throws<ArgumentException>(() => model.Fit([x, x], [new Tensor(2, 2, 1)], verbose: 0));
        Assert.Contains("Output 'dense' has steps of unknown length that come from no single input", error.Message);
    }
}
