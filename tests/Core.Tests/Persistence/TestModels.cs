using NotebookRnn.Layers;
using NotebookRnn.Layers.Recurrent;
using NotebookRnn.Layers.Reshaping;
using NotebookRnn.Layers.Wrappers;
using NotebookRnn.Models;
using NotebookRnn.Optimizers;
using NotebookRnn.Tensors;

namespace NotebookRnn.Tests.Persistence;

/// <summary>
/// Small models covering every layer type and wrapper, each with an input that exercises it (masks from Embedding
/// and Masking, padded steps, both Bidirectional merge rules, stateful and unrolled layers, RNN around each cell,
/// zero outputs for masked steps, Keras 3's hard sigmoid, the reshaping layers between recurrent ones).
/// </summary>
internal static class TestModels
{
    public static TheoryData<string> Names => [.. Builders.Keys];

    private static readonly Dictionary<string, Func<(Sequential Model, Tensor X)>> Builders = new()
    {
        ["dense_dropout_softmax"] = () => (Model(new Dense(7, activation: "relu", inputShape: [6]), new Dropout(0.3, seed: 5),
            new Dense(3, activation: "softmax")), Uniform(1, 5, 6)),
        ["flatten_activation"] = () => (Model(new Flatten(inputShape: [3, 4]), new Dense(5, useBias: false, kernelInitializer: "he_normal"),
            new Activation("tanh"), new Activation("hard_sigmoid_keras2")), Uniform(2, 4, 3, 4)),
        ["embedding_simple_rnn_time_distributed"] = () => (Model(new Embedding(12, 4, maskZero: true, inputShape: [null]),
            new SimpleRNN(5, returnSequences: true, goBackwards: true), new TimeDistributed(new Dense(3, activation: "sigmoid"))), Ids(3, 6, 7, 12)),
        ["masking_lstm_gru"] = () => (Model(new Masking(-1, inputShape: [null, 4]),
            new LSTM(5, returnSequences: true, recurrentActivation: "hard_sigmoid_keras2", unitForgetBias: false, dropout: 0.2, recurrentDropout: 0.1),
            new GRU(4, resetAfter: false), new Dense(2)), Padded(4, 5, 6, 4, -1)),
        ["bidirectional_concat_and_ave"] = () => (Model(new Bidirectional(new LSTM(4, returnSequences: true), inputShape: [7, 3]),
            new Bidirectional(new GRU(3), "ave"), new Dense(1, activation: "sigmoid")), Uniform(5, 4, 7, 3)),
        ["bidirectional_custom_backward_mul"] = () => (Model(new Embedding(9, 3, maskZero: true, inputLength: 5),
            new Bidirectional(new SimpleRNN(3, returnSequences: true), "mul", new SimpleRNN(3, activation: "relu", returnSequences: true, goBackwards: true)),
            new Bidirectional(new LSTM(2), "sum"), new Dense(2, activation: "softmax")), Ids(6, 4, 5, 9)),
        ["stateful_lstm"] = () => (Model(new LSTM(4, stateful: true, inputShape: [5, 2]), new Dense(2)), Uniform(7, 3, 5, 2)),
        ["unrolled_gru_and_dense_masked_lstm"] = () => (Model(new Masking(0, inputShape: [4, 2]), new GRU(3, unroll: true, returnSequences: true),
            Unpacked(new LSTM(3)), new Dense(2, kernelInitializer: "zeros", biasInitializer: "ones")), Padded(8, 3, 4, 2, 0)),
        ["rnn_cells_zero_output_hard_sigmoid"] = () => (Model(new Embedding(10, 3, maskZero: true, inputLength: 6),
            new RNN(new GRUCell(4, recurrentActivation: "hard_sigmoid", resetAfter: false), returnSequences: true, zeroOutputForMask: true),
            new RNN(new LSTMCell(3), returnSequences: true, goBackwards: true),
            new TimeDistributed(new Dense(2, activation: "hard_sigmoid"))), Ids(10, 5, 6, 10)),
        ["bidirectional_rnn_cell_zero_output"] = () => (Model(new Masking(0, inputShape: [null, 3]),
            new Bidirectional(new RNN(new SimpleRNNCell(3, "relu"), returnSequences: true), "concat"),
            new Bidirectional(new LSTM(2, zeroOutputForMask: true), "sum"), new Dense(2)), Padded(11, 4, 5, 3, 0)),
        ["rnn_stacked_cells"] = () => (Model(new Masking(0, inputShape: [null, 3]),
            new RNN(new StackedRNNCells([new LSTMCell(3), new GRUCell(2, resetAfter: false)]), returnSequences: true, goBackwards: true),
            new TimeDistributed(new Dense(1))), Padded(12, 4, 5, 3, 0)),
        ["time_distributed_first"] = () => (Model(new TimeDistributed(new Dense(3, activation: "tanh"), inputShape: [4, 5]), new Flatten(),
            new Dense(2)), Uniform(9, 3, 4, 5)),
        ["lstm_repeat_vector_permute_reshape"] = () => (Model(new LSTM(4, inputShape: [5, 2]), new RepeatVector(3), new Permute([2, 1]),
            new Reshape([-1, 2]), new LSTM(3, returnSequences: true)), Uniform(10, 3, 5, 2)),
    };

    /// <summary>A built, compiled model of the given name and an input for it.</summary>
    public static (Sequential Model, Tensor X) Create(string name) => Builders[name]();

    public static Sequential Model(params Layer[] layers)
    {
        var model = new Sequential(layers, seed: 42);
        model.Compile(optimizer: new Adam(learningRate: 0.01), loss: "mse");
        return model;
    }

    /// <summary>Uniform values in [-1, 1) of the given shape.</summary>
    public static Tensor Uniform(int seed, params int[] shape) => GradientCheck.Uniform(seed, -1, 1, shape);

    /// <summary>Token ids in [1, vocabulary) with a random number of trailing zeros (padding) per sample.</summary>
    public static Tensor Ids(int seed, int samples, int steps, int vocabulary)
    {
        var random = new RandomGenerator(seed);
        var ids = new Tensor(samples, steps);
        for (int s = 0; s < samples; s++)
        {
            int length = 1 + random.NextInt(steps);
            for (int t = 0; t < length; t++) ids[s, t] = 1 + random.NextInt(vocabulary - 1);
        }
        return ids;
    }

    /// <summary>Features in [-1, 1) whose trailing steps are set to <paramref name="padValue"/> (a random number per sample).</summary>
    public static Tensor Padded(int seed, int samples, int steps, int features, float padValue)
    {
        Tensor x = Uniform(seed, samples, steps, features);
        var random = new RandomGenerator(seed + 1000);
        for (int s = 0; s < samples; s++)
            for (int t = 1 + random.NextInt(steps); t < steps; t++)
                for (int f = 0; f < features; f++) x[s, t, f] = padValue;
        return x;
    }

    /// <summary>Asserts that two tensors have the same shape and the same bits in every element.</summary>
    public static void AssertBitIdentical(Tensor expected, Tensor actual, string what)
    {
        Assert.Equal(expected.Shape, actual.Shape);
        ReadOnlySpan<float> e = expected.Span, a = actual.Span;
        for (int i = 0; i < e.Length; i++)
            if (BitConverter.SingleToInt32Bits(e[i]) != BitConverter.SingleToInt32Bits(a[i]))
                Assert.Fail($"{what}: element {i} differs: expected {e[i]:R}, got {a[i]:R}.");
    }

    /// <summary>Asserts that two models have the same weights, bit for bit, in the same order.</summary>
    public static void AssertSameWeights(Sequential expected, Sequential actual)
    {
        Assert.Equal(expected.Parameters.Count, actual.Parameters.Count);
        for (int p = 0; p < expected.Parameters.Count; p++)
            AssertBitIdentical(expected.Parameters[p].Value, actual.Parameters[p].Value, $"weight {p} ({expected.Parameters[p].Name})");
    }

    private static RecurrentLayer Unpacked(RecurrentLayer layer)
    {
        layer.Packing = false;
        return layer;
    }
}
