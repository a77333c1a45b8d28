using NotebookRnn.Constraints;
using NotebookRnn.Initializers;
using NotebookRnn.Layers;
using NotebookRnn.Layers.Recurrent;
using NotebookRnn.Layers.Wrappers;
using NotebookRnn.Persistence;
using NotebookRnn.Regularizers;
using NotebookRnn.Tensors;

namespace NotebookRnn.Tests.Layers;

public class LayerConfigTests
{
    [Fact]
    public void Every_registered_layer_argument_has_a_property_and_a_type_configurations_carry() => LayerRegistry.CheckMappings();

    [Fact]
    public void The_configuration_lists_the_constructor_arguments_in_order_under_snake_case_keys()
    {
        var lstm = new LSTM(3, returnSequences: true, inputShape: [null, 2], name: "encoder") { Packing = false };

        Assert.Equal(["name", "input_shape", "units", "activation", "recurrent_activation", "use_bias", "kernel_initializer",
            "recurrent_initializer", "bias_initializer", "unit_forget_bias", "dropout", "recurrent_dropout", "return_sequences",
            "return_state", "go_backwards", "stateful", "unroll", "zero_output_for_mask", "kernel_regularizer", "recurrent_regularizer",
            "bias_regularizer", "activity_regularizer", "kernel_constraint", "recurrent_constraint", "bias_constraint", "packing", "trainable"],
            lstm.GetConfig().Keys);
        Assert.Equal(("encoder", 3, "tanh", "glorot_uniform", true, false), (lstm.GetConfig()["name"], lstm.GetConfig()["units"],
            lstm.GetConfig()["activation"], lstm.GetConfig()["kernel_initializer"], lstm.GetConfig()["return_sequences"], lstm.GetConfig()["packing"]));
        Assert.DoesNotContain("recurrent_activation", new SimpleRNN(2).GetConfig().Keys);
        Assert.DoesNotContain("input_shape", new Dense(2).GetConfig().Keys);
    }

    [Fact]
    public void Initializers_regularizers_and_constraints_are_written_by_name_when_it_gives_them_back()
    {
        var dense = new Dense(2, kernelInitializer: new GlorotNormal(seed: 3), biasInitializer: "ones", kernelRegularizer: "l2",
            biasRegularizer: new L1L2(0.1, 0.2), kernelConstraint: new MaxNorm(3, axis: 1), biasConstraint: "non_neg");
        IReadOnlyDictionary<string, object?> config = dense.GetConfig();

        Assert.Equal(((object?)"ones", (object?)"l2", (object?)"non_neg"), (config["bias_initializer"], config["kernel_regularizer"], config["bias_constraint"]));
        Assert.Null(config["activity_regularizer"]);
        AssertDescribed("GlorotNormal", new() { ["seed"] = 3L }, config["kernel_initializer"]);
        AssertDescribed("L1L2", new() { ["l1"] = 0.1, ["l2"] = 0.2 }, config["bias_regularizer"]);
        AssertDescribed("MaxNorm", new() { ["max_value"] = 3.0, ["axis"] = 1 }, config["kernel_constraint"]);
        var restored = (Dense)LayerRegistry.FromConfig("Dense", config);
        Assert.Equal(((long?)3, 0.2, 1), (((GlorotNormal)restored.KernelInitializer).Seed, ((L1L2)restored.BiasRegularizer!).L2, ((MaxNorm)restored.KernelConstraint!).Axis));
    }

    [Fact]
    public void A_Keras_object_description_with_module_and_registered_name_is_read()
    {
        var config = new Dictionary<string, object?>
        {
            ["units"] = 2,
            ["kernel_regularizer"] = new Dictionary<string, object?>
            {
                ["module"] = "keras.regularizers", ["class_name"] = "L2", ["config"] = new Dictionary<string, object?> { ["l2"] = 0.05 }, ["registered_name"] = null,
            },
        };
        Assert.Equal(0.05, ((L2)((Dense)LayerRegistry.FromConfig("Dense", config)).KernelRegularizer!).Factor);
        config["kernel_regularizer"] = new Dictionary<string, object?> { ["class_name"] = "L2", ["config"] = new Dictionary<string, object?> { ["l3"] = 1 } };
        var error = Assert.Throws<ArgumentException>(() => LayerRegistry.FromConfig("Dense", config));
        Assert.Contains("kernel_regularizer", error.Message);
        Assert.Contains("\"l3\"", error.Message);
    }

    private static void AssertDescribed(string className, Dictionary<string, object?> expected, object? actual)
    {
        var description = Assert.IsAssignableFrom<IReadOnlyDictionary<string, object?>>(actual);
        Assert.Equal(className, description["class_name"]);
        Assert.True(NotebookRnn.Tensors.ObjectConfig.Same(expected, (IReadOnlyDictionary<string, object?>)description["config"]!),
            $"{className} config differs");
    }

    [Fact]
    public void Enums_are_written_in_snake_case_and_None_as_null()
    {
        Assert.Equal("ave", new Bidirectional(new GRU(2), "ave").GetConfig()["merge_mode"]);
        Assert.Null(new Bidirectional(new GRU(2), mergeMode: null).GetConfig()["merge_mode"]);
        Assert.Equal("softmax", new Activation("softmax").GetConfig()["activation"]);
    }

    [Fact]
    public void Bidirectional_copies_its_layer_backwards_with_every_other_setting_kept()
    {
        var forward = new GRU(3, activation: "relu", resetAfter: false, returnSequences: true, recurrentDropout: 0.2, name: "f", inputShape: [null, 2])
        {
            Packing = false,
        };

        var backward = (GRU)new Bidirectional(forward).BackwardLayer;

        Assert.True(backward.GoBackwards);
        Assert.Equal(("", null), (backward.Name, backward.InputShape));
        Assert.Equal((3, "relu", false, true, 0.2, false), (backward.Units, backward.Activation.Name, backward.ResetAfter, backward.ReturnSequences,
            backward.RecurrentDropout, backward.Packing));
        Assert.Same(forward.KernelInitializer, backward.KernelInitializer);
    }

    [Fact]
    public void A_clone_copies_wrapped_layers_rather_than_sharing_them()
    {
        var distributed = new TimeDistributed(new Dense(2, name: "inner"), name: "td");

        var clone = (TimeDistributed)LayerConfig.Clone(distributed);

        Assert.NotSame(distributed.Layer, clone.Layer);
        Assert.Equal(("td", "inner", 2), (clone.Name, clone.Layer.Name, ((Dense)clone.Layer).Units));
    }

    [Fact]
    public void A_custom_layer_whose_argument_no_property_holds_writes_what_it_can_and_cannot_be_cloned()
    {
        var layer = new Scaled(3f);

        Assert.Equal(["name", "trainable"], layer.GetConfig().Keys);
        var error = Assert.Throws<InvalidOperationException>(() => LayerConfig.Clone(layer));
        Assert.Contains("Scaled has no property holding its constructor argument 'factor'", error.Message);
    }

    [Fact]
    public void A_SimpleRNN_configuration_with_recurrent_activation_from_the_first_format_loads()
    {
        var layer = (SimpleRNN)LayerRegistry.FromConfig("SimpleRNN", new Dictionary<string, object?> { ["units"] = 4, ["recurrent_activation"] = "sigmoid" });

        Assert.Equal(4, layer.Units);
    }

    private sealed class Scaled(float factor) : Layer(null, null)
    {
        public override int?[] ComputeOutputShape(int?[] inputShape) => inputShape;

        public override Tensor Forward(Tensor input, SequenceMask? mask, bool training) => input;

        public override Tensor? Backward(Tensor outputGradient, bool needInputGradient) => outputGradient;

        public float Gain => factor;
    }
}
