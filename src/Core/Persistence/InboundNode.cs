using System.Text.Json;
using NotebookRnn.Layers;
using NotebookRnn.Layers.Functional;

namespace NotebookRnn.Persistence;

/// <summary>
/// One call of a layer in a functional configuration (Keras's inbound node): <c>{ "args": [ tensor ] }</c>, or
/// <c>{ "args": [ [ tensor, … ] ] }</c> for a layer of several inputs, with <c>"kwargs": { "initial_state": [ tensor, … ] }</c>
/// for a recurrent call from given states.
/// </summary>
internal sealed class InboundNode
{
    /// <summary>The <c>class_name</c> Keras gives a serialized tensor.</summary>
    public const string KerasTensor = "__keras_tensor__";

    private InboundNode(string path, IReadOnlyList<TensorHistory> inputs, bool inputList, IReadOnlyList<TensorHistory> initialState)
    {
        Path = path;
        Inputs = inputs;
        InputList = inputList;
        InitialState = initialState;
    }

    /// <summary>Where the node is in the configuration.</summary>
    public string Path { get; }

    /// <summary>The tensors the layer is called on.</summary>
    public IReadOnlyList<TensorHistory> Inputs { get; }

    /// <summary>Whether they are given as one list (a layer of several inputs).</summary>
    public bool InputList { get; }

    /// <summary>A recurrent call's initial states; empty for zeros.</summary>
    public IReadOnlyList<TensorHistory> InitialState { get; }

    /// <summary>Every tensor the call needs.</summary>
    public IEnumerable<TensorHistory> Needs => Inputs.Concat(InitialState);

    /// <summary>The configuration of <paramref name="node"/>, each tensor written by <paramref name="tensor"/>.</summary>
    public static Dictionary<string, object?> Describe(LayerNode node, Func<SymbolicTensor, Dictionary<string, object?>> tensor)
    {
        IEnumerable<SymbolicTensor> states = node.Inputs.Skip(node.Inputs.Count - node.StateInputs);
        object? args = node.Layer is MultiInputLayer ? node.Inputs.Select(tensor).ToList() : tensor(node.Inputs[0]);
        var kwargs = new Dictionary<string, object?>();
        if (node.StateInputs > 0) kwargs["initial_state"] = states.Select(tensor).ToList();
        return new() { ["args"] = new List<object?> { args }, ["kwargs"] = kwargs };
    }

    /// <summary>Reads a node.</summary>
    /// <exception cref="ConfigException">Not one argument, or an unknown keyword argument.</exception>
    public static InboundNode Read(ConfigReader node)
    {
        JsonElement args = node.Element("args");
        if (args.ValueKind != JsonValueKind.Array || args.GetArrayLength() != 1)
            throw node.Error("args", $"expected one argument, a tensor or a list of tensors, got {ConfigReader.Describe(args)}.");
        JsonElement first = args[0];
        bool list = first.ValueKind == JsonValueKind.Array && first.GetArrayLength() > 0 && first[0].ValueKind != JsonValueKind.String;
        TensorHistory[] inputs = list
            ? [.. first.EnumerateArray().Select((item, i) => TensorHistory.Read(item, $"{node.Path}.args[0][{i}]"))]
            : [TensorHistory.Read(first, $"{node.Path}.args[0]")];
        TensorHistory[] states = [];
        if (node.Has("kwargs"))
        {
            ConfigReader kwargs = node.Object("kwargs");
            if (kwargs.Has("initial_state")) states = Tensors(kwargs, "initial_state");
            kwargs.EnsureAllRead();
        }
        node.EnsureAllRead();
        return new InboundNode(node.Path, inputs, list, states);
    }

    /// <summary>The list of <c>[layer, node, tensor]</c> references under <paramref name="key"/> (a model's input or output layers).</summary>
    /// <exception cref="ConfigException">Not a list of references.</exception>
    public static IReadOnlyList<TensorHistory> Histories(ConfigReader config, string key) => Tensors(config, key);

    /// <summary>Calls <paramref name="layer"/> on the tensors this node names, all made already.</summary>
    /// <exception cref="ConfigException">The arguments do not suit the layer, or it cannot take their shapes.</exception>
    public SymbolicTensor Call(Layer layer, IReadOnlyDictionary<string, LayerCalls> layers)
    {
        SymbolicTensor[] inputs = [.. Inputs.Select(t => t.Resolve(layers))];
        SymbolicTensor[] states = [.. InitialState.Select(t => t.Resolve(layers))];
        if (layer is MultiInputLayer != InputList)
            throw new ConfigException($"{Path}.args", InputList
                ? $"{layer.GetType().Name} '{layer.Name}' takes one tensor, got a list of {inputs.Length}."
                : $"{layer.GetType().Name} '{layer.Name}' takes a list of tensors, got one.");
        if (states.Length > 0 && layer is not IRecurrentCall)
            throw new ConfigException($"{Path}.kwargs.initial_state", $"{layer.GetType().Name} '{layer.Name}' is not recurrent and takes no initial state.");
        try
        {
            return layer switch
            {
                MultiInputLayer multi => LayerNode.Call(multi, inputs),
                IRecurrentCall recurrent when states.Length > 0 => LayerNode.CallRecurrent(layer, recurrent, inputs[0], states),
                _ => LayerNode.Call(layer, inputs[0]),
            };
        }
        catch (ArgumentException error)
        {
            throw new ConfigException(Path, $"layer '{layer.Name}' cannot be called on these tensors: {error.Message}", error);
        }
    }

    private static TensorHistory[] Tensors(ConfigReader config, string key)
    {
        JsonElement list = config.Element(key);
        if (list.ValueKind != JsonValueKind.Array) throw config.Error(key, $"expected a list of tensors, got {ConfigReader.Describe(list)}.");
        return [.. list.EnumerateArray().Select((item, i) => TensorHistory.Read(item, $"{config.Path}.{key}[{i}]"))];
    }
}
