using System.Text.Json;
using NotebookRnn.Data;
using NotebookRnn.Layers;
using NotebookRnn.Layers.Functional;
using NotebookRnn.Layers.Recurrent;
using NotebookRnn.Layers.Reshaping;
using NotebookRnn.Layers.Wrappers;
using NotebookRnn.Models;
using NotebookRnn.Persistence;
using NotebookRnn.Tensors;

namespace NotebookRnn.Tests.Persistence;

public class LayerRegistryTests
{
    // Unbuilt layers of every type with non-default settings, so a setting the clone drops shows up.
    public static TheoryData<string> Layers => [.. Samples().Keys];

    private static Dictionary<string, Func<(Layer Layer, int?[] InputShape, Tensor X)>> Samples() => new()
    {
        ["dense"] = () => (new Dense(4, activation: "relu", useBias: false, kernelInitializer: "he_uniform", name: "d"), [3], TestModels.Uniform(1, 2, 3)),
        ["activation"] = () => (new Activation("softmax", inputShape: [5]), [5], TestModels.Uniform(2, 2, 5)),
        ["dropout"] = () => (new Dropout(0.4, seed: 77), [6], TestModels.Uniform(3, 2, 6)),
        ["embedding"] = () => (new Embedding(9, 3, maskZero: true, inputLength: 4, embeddingsInitializer: "random_normal"), [4], TestModels.Ids(4, 2, 4, 9)),
        ["flatten"] = () => (new Flatten(inputShape: [2, 3]), [2, 3], TestModels.Uniform(5, 2, 2, 3)),
        ["masking"] = () => (new Masking(0.1f), [null, 3], TestModels.Padded(6, 3, 4, 3, 0.1f)),
        ["time_distributed"] = () => (new TimeDistributed(new Dense(2, activation: "tanh", name: "inner"), name: "td"), [3, 4], TestModels.Uniform(7, 2, 3, 4)),
        ["simple_rnn"] = () => (new SimpleRNN(3, activation: "relu", returnSequences: true, goBackwards: true, dropout: 0.1), [null, 2], TestModels.Uniform(8, 2, 5, 2)),
        ["lstm"] = () => (Unpacked(new LSTM(3, recurrentActivation: "hard_sigmoid", unitForgetBias: false, recurrentDropout: 0.2, stateful: true)),
            [4, 2], TestModels.Uniform(9, 2, 4, 2)),
        ["gru"] = () => (new GRU(3, resetAfter: false, unroll: true, useBias: false, recurrentInitializer: "glorot_normal"), [4, 2], TestModels.Uniform(10, 2, 4, 2)),
        ["bidirectional"] = () => (new Bidirectional(new GRU(2, returnSequences: true), "sum", new GRU(2, returnSequences: true, goBackwards: true, activation: "relu")),
            [null, 3], TestModels.Uniform(11, 2, 5, 3)),
        ["rnn_lstm_cell"] = () => (new RNN(new LSTMCell(3, activation: "relu", recurrentActivation: "hard_sigmoid"), returnSequences: true,
            zeroOutputForMask: true, name: "r"), [null, 2], TestModels.Padded(13, 3, 4, 2, 0)),
        ["rnn_gru_cell"] = () => (new RNN(new GRUCell(2, resetAfter: false), goBackwards: true, stateful: true), [4, 2], TestModels.Uniform(14, 2, 4, 2)),
        ["rnn_stacked_cells"] = () => (new RNN(new StackedRNNCells([new SimpleRNNCell(2), new LSTMCell(3, recurrentActivation: "hard_sigmoid")]),
            returnSequences: true, goBackwards: true), [null, 2], TestModels.Uniform(16, 2, 4, 2)),
        ["simple_rnn_zero_output"] = () => (new SimpleRNN(2, returnSequences: true, zeroOutputForMask: true, activation: "hard_sigmoid_keras2"),
            [null, 2], TestModels.Uniform(15, 2, 3, 2)),
        ["bidirectional_unmerged"] = () => (new Bidirectional(Unpacked(new LSTM(2)), mergeMode: null), [null, 3], TestModels.Uniform(12, 2, 5, 3)),
        ["repeat_vector"] = () => (new RepeatVector(3, inputShape: [4], name: "rv"), [4], TestModels.Uniform(17, 2, 4)),
        ["reshape"] = () => (new Reshape([-1, 2], name: "rs"), [3, 4], TestModels.Uniform(18, 2, 3, 4)),
        ["permute"] = () => (new Permute([3, 1, 2], inputShape: [2, 3, 4]), [2, 3, 4], TestModels.Uniform(19, 2, 2, 3, 4)),
        ["input_layer"] = () => (new InputLayer([null, 3], name: "tokens", dtype: "int32"), [null, 3], TestModels.Uniform(20, 2, 4, 3)),
    };

    [Theory]
    [MemberData(nameof(Layers))]
    public void A_clone_has_the_same_type_name_and_configuration_and_is_not_built(string sample)
    {
        Layer layer = Samples()[sample]().Layer;

        Layer clone = LayerRegistry.Clone(layer);

        Assert.NotSame(layer, clone);
        Assert.Equal(layer.GetType(), clone.GetType());
        Assert.Equal(layer.Name, clone.Name);
        Assert.Equal(ConfigJson(layer), ConfigJson(clone));
        Assert.False(clone.IsBuilt);
    }

    [Theory]
    [MemberData(nameof(Layers))]
    public void A_clone_built_from_the_same_seed_computes_bit_identically(string sample)
    {
        var (layer, inputShape, x) = Samples()[sample]();
        Layer clone = LayerRegistry.Clone(layer);
        layer.Build(inputShape, new RandomGenerator(5));
        clone.Build(inputShape, new RandomGenerator(5));

        for (int p = 0; p < layer.Parameters.Count; p++)
            TestModels.AssertBitIdentical(layer.Parameters[p].Value, clone.Parameters[p].Value, layer.Parameters[p].Name);
        if (layer is Bidirectional { MergeMode: MergeMode.None } both)
        {
            var (f, b) = both.CallBoth(x, training: true);
            var (cf, cb) = ((Bidirectional)clone).CallBoth(x, training: true);
            TestModels.AssertBitIdentical(f, cf, "forward");
            TestModels.AssertBitIdentical(b, cb, "backward");
            return;
        }
        SequenceMask? mask = layer is Masking masking ? masking.ComputeOutputMask(x, null) : null;
        TestModels.AssertBitIdentical(layer.Forward(x, mask, training: true), clone.Forward(x, mask, training: true), sample + " training");
        TestModels.AssertBitIdentical(layer.Forward(x, mask, training: false), clone.Forward(x, mask, training: false), sample + " inference");
    }

    [Fact]
    public void Cloning_a_built_layer_gives_an_unbuilt_copy_of_its_settings()
    {
        var (model, _) = TestModels.Create("bidirectional_custom_backward_mul");
        foreach (Layer layer in model.Layers)
        {
            Layer clone = LayerRegistry.Clone(layer);
            Assert.False(clone.IsBuilt);
            Assert.Equal(ConfigJson(layer), ConfigJson(clone));
        }
        var bidirectional = (Bidirectional)LayerRegistry.Clone(model.Layers[1]);
        Assert.Equal(("forward_simple_rnn", "backward_simple_rnn"), (bidirectional.ForwardLayer.Name, bidirectional.BackwardLayer.Name));
        Assert.Equal("relu", bidirectional.BackwardLayer.Activation.Name);
        Assert.Equal(MergeMode.Mul, bidirectional.MergeMode);
    }

    [Fact]
    public void Packing_and_dropout_seeds_survive_a_clone()
    {
        var lstm = new LSTM(3) { Packing = false };
        var dropout = new Dropout(0.5, seed: 1234);

        Assert.False(((LSTM)LayerRegistry.Clone(lstm)).Packing);
        Assert.Equal(1234, ((Dropout)LayerRegistry.Clone(dropout)).Seed);
        Assert.Null(((Dropout)LayerRegistry.Clone(new Dropout(0.5))).Seed);
    }

    [Fact]
    public void FromConfig_takes_csharp_values_and_keras_class_names_and_fills_in_defaults()
    {
        var lstm = (LSTM)LayerRegistry.FromConfig("lstm", new Dictionary<string, object?>
        {
            ["units"] = 8,
            ["return_sequences"] = true,
            ["input_shape"] = new int?[] { null, 3 },
            ["dropout"] = 0.25,
        });
        var distributed = (TimeDistributed)LayerRegistry.FromConfig("time_distributed", new Dictionary<string, object?>
        {
            ["layer"] = new Dictionary<string, object?> { ["class_name"] = "Dense", ["config"] = new Dictionary<string, object?> { ["units"] = 2 } },
        });

        Assert.Equal((8, true, 0.25, false, true), (lstm.Units, lstm.ReturnSequences, lstm.Dropout, lstm.GoBackwards, lstm.UnitForgetBias));
        Assert.Equal([null, 3], lstm.InputShape);
        Assert.Equal("", lstm.Name);
        Assert.Equal(2, ((Dense)distributed.Layer).Units);
        Assert.Equal(LayerRegistry.ClassNames, ["Activation", "Add", "AdditiveAttention", "Attention", "Average", "Bidirectional", "Concatenate",
            "Dense", "Dot", "Dropout", "Embedding", "Flatten", "GRU", "InputLayer", "LSTM", "Masking", "Maximum", "Minimum", "Multiply", "Permute",
            "RNN", "RepeatVector", "Reshape", "SimpleRNN", "Subtract", "TimeDistributed"]);
    }

    [Fact]
    public void Reshaping_layers_are_written_under_kerass_keys_and_read_back_from_them()
    {
        Assert.Equal(3, new RepeatVector(3).GetConfig()["n"]);
        Assert.Equal("[-1,2]", JsonSerializer.Serialize(new Reshape([-1, 2]).GetConfig()["target_shape"]));
        Assert.Equal("[2,1]", JsonSerializer.Serialize(new Permute([2, 1]).GetConfig()["dims"]));

        var reshape = (Reshape)LayerRegistry.FromConfig("reshape", new Dictionary<string, object?> { ["target_shape"] = new[] { 4, -1 } });
        var permute = (Permute)LayerRegistry.FromConfig("Permute", new Dictionary<string, object?> { ["dims"] = new[] { 1, 3, 2 } });
        var repeat = (RepeatVector)LayerRegistry.FromConfig("repeat_vector", new Dictionary<string, object?> { ["n"] = 4 });

        Assert.Equal([4, -1], reshape.TargetShape);
        Assert.Equal([1, 3, 2], permute.Dims);
        Assert.Equal(4, repeat.N);
        Assert.Contains("config.dims: item 1 must be an integer, got \"2\"",
            Assert.Throws<ArgumentException>(() => LayerRegistry.FromConfig("Permute", new Dictionary<string, object?> { ["dims"] = new object[] { 1, "2" } })).Message);
        Assert.Contains("Permute rejects its configuration: Invalid permutation dims",
            Assert.Throws<ArgumentException>(() => LayerRegistry.FromConfig("Permute", new Dictionary<string, object?> { ["dims"] = new[] { 0, 1 } })).Message);
    }

    [Fact]
    public void Masking_values_round_trip_exactly_including_non_finite_ones()
    {
        foreach (float value in new[] { 0.1f, -3.4028235e38f, float.Epsilon, float.NaN, float.NegativeInfinity })
        {
            var clone = (Masking)LayerRegistry.Clone(new Masking(value));
            Assert.Equal(BitConverter.SingleToInt32Bits(value), BitConverter.SingleToInt32Bits(clone.MaskValue));
        }
    }

    [Fact]
    public void Unknown_classes_are_rejected_with_the_list_of_known_ones()
    {
        var error = Assert.Throws<ArgumentException>(() => LayerRegistry.FromConfig("Conv2D", new Dictionary<string, object?>()));
        Assert.Equal("className", error.ParamName);
        Assert.Contains("unknown layer type \"Conv2D\"", error.Message);
        Assert.Contains("Bidirectional", error.Message);

        var custom = Assert.Throws<ArgumentException>(() => LayerRegistry.Clone(new Identity()));
        Assert.Contains("Identity", custom.Message);
        var sameName = Assert.Throws<ArgumentException>(() => LayerRegistry.Clone(new Custom.Dense()));
        Assert.Contains("LayerRegistryTests+Custom+Dense", sameName.Message);
        using var folder = new TempFolder();
        Assert.Throws<NotSupportedException>(() => new Sequential([new Custom.Dense(), new Dense(2)]).Save(folder.File("custom.nbrnn")));
    }

    [Fact]
    public void Config_errors_name_the_key_the_expected_and_the_actual_value()
    {
        ArgumentException Error(string className, Dictionary<string, object?> config) =>
            Assert.Throws<ArgumentException>(() => LayerRegistry.FromConfig(className, config));

        Assert.Contains("config.units: expected an integer, got \"8\"", Error("Dense", new() { ["units"] = "8" }).Message);
        Assert.Contains("config.unitz: is not a known key here", Error("Dense", new() { ["units"] = 8, ["unitz"] = 9 }).Message);
        Assert.Contains("config.units: is missing", Error("GRU", new()).Message);
        Assert.Contains("Dense rejects its configuration: Expected units > 0", Error("Dense", new() { ["units"] = 0 }).Message);
        Assert.Contains("Activation \"swish\" not understood", Error("LSTM", new() { ["units"] = 2, ["activation"] = "swish" }).Message);
        Assert.Contains("must describe a SimpleRNN, LSTM, GRU or RNN layer", Error("Bidirectional", new()
        {
            ["layer"] = new Dictionary<string, object?> { ["class_name"] = "Dense", ["config"] = new Dictionary<string, object?> { ["units"] = 2 } },
        }).Message);
        Assert.Contains("config.input_shape: dimension 1 must be a positive integer or null, got -2",
            Error("Flatten", new() { ["input_shape"] = new[] { 3, -2 } }).Message);
        Assert.Equal("config", Error("Dense", new() { ["units"] = "8" }).ParamName);
    }

    private static string ConfigJson(Layer layer) => JsonSerializer.Serialize(layer.GetConfig());

    private static RecurrentLayer Unpacked(RecurrentLayer layer)
    {
        layer.Packing = false;
        return layer;
    }

    private static class Custom
    {
        // A user's layer that happens to share a library layer's name must not be saved or cloned as the library's.
        public sealed class Dense() : Layer(null, [3])
        {
            public override int?[] ComputeOutputShape(int?[] inputShape) => inputShape;

            public override Tensor Forward(Tensor input, SequenceMask? mask, bool training) => input;

            public override Tensor? Backward(Tensor outputGradient, bool needInputGradient) => outputGradient;
        }
    }

    private sealed class Identity() : Layer(null, null)
    {
        public override int?[] ComputeOutputShape(int?[] inputShape) => inputShape;

        public override Tensor Forward(Tensor input, SequenceMask? mask, bool training) => input;

        public override Tensor? Backward(Tensor outputGradient, bool needInputGradient) => outputGradient;
    }
}
