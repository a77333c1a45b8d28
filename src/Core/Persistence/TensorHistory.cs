using System.Text.Json;
using NotebookRnn.Layers.Functional;
using NotebookRnn.Tensors;

namespace NotebookRnn.Persistence;

/// <summary>
/// A reference to a tensor in a functional configuration (Keras's <c>keras_history</c>): output <see cref="Output"/> of
/// call <see cref="Call"/> of layer <see cref="LayerName"/>, with the batch shape written beside it, when it was.
/// </summary>
internal sealed record TensorHistory(string Path, string LayerName, int Call, int Output, int?[]? Shape)
{
    /// <summary>Reads Keras's <c>{ "class_name": "__keras_tensor__", "config": { "shape", "dtype", "keras_history" } }</c> or a bare <c>[layer, node, tensor]</c>.</summary>
    /// <exception cref="ConfigException">Neither form.</exception>
    public static TensorHistory Read(JsonElement element, string path)
    {
        if (element.ValueKind == JsonValueKind.Array) return Triple(element, path, null);
        var description = new ConfigReader(element, path);
        string className = description.String("class_name");
        if (className != InboundNode.KerasTensor)
            throw description.Error("class_name", $"expected \"{InboundNode.KerasTensor}\" (a tensor), got \"{className}\".");
        ConfigReader config = description.Object("config");
        int?[]? shape = config.Shape("shape");
        config.NullableString("dtype", null);
        TensorHistory history = Triple(config.Element("keras_history"), config.Path + ".keras_history", shape);
        config.EnsureAllRead();
        description.EnsureAllRead();
        return history;
    }

    /// <summary>Whether the configuration gives the layer the call this names.</summary>
    /// <exception cref="ConfigException">The configuration has no layer of that name.</exception>
    public bool Exists(IReadOnlyDictionary<string, LayerCalls> layers) => Calls(layers).CallCount > Call;

    /// <summary>Whether the call this names is made already.</summary>
    /// <exception cref="ConfigException">The configuration has no layer of that name.</exception>
    public bool IsMade(IReadOnlyDictionary<string, LayerCalls> layers) => Calls(layers).Made.Count > Call;

    /// <summary>The tensor this names, once its call is made.</summary>
    /// <exception cref="ConfigException">No such layer, call or output, or the call makes a tensor of another shape.</exception>
    public SymbolicTensor Resolve(IReadOnlyDictionary<string, LayerCalls> layers)
    {
        LayerCalls calls = Calls(layers);
        if (calls.Made.Count <= Call)
            throw new ConfigException(Path, $"names call {Call} of layer '{LayerName}', which has {calls.Made.Count} call{(calls.Made.Count == 1 ? "" : "s")} in the model.");
        IReadOnlyList<SymbolicTensor> outputs = calls.Made[Call];
        if (Output >= outputs.Count)
            throw new ConfigException(Path, $"names output {Output} of call {Call} of layer '{LayerName}', which has {outputs.Count} output{(outputs.Count == 1 ? "" : "s")}.");
        SymbolicTensor tensor = outputs[Output];
        if (Shape is not null && !Shape.SequenceEqual([null, .. tensor.Shape]))
            throw new ConfigException(Path, $"the tensor is written with shape {Tensor.ShapeText(Shape)}, but layer '{LayerName}' makes " +
                $"{Tensor.ShapeText([null, .. tensor.Shape])}.");
        return tensor;
    }

    /// <summary>The text of the reference, for messages: <c>['lstm', 0, 1]</c>.</summary>
    public override string ToString() => $"['{LayerName}', {Call}, {Output}]";

    private LayerCalls Calls(IReadOnlyDictionary<string, LayerCalls> layers) => layers.GetValueOrDefault(LayerName)
        ?? throw new ConfigException(Path, $"names layer '{LayerName}', which the configuration does not list; it has {string.Join(", ", layers.Keys.Select(k => $"'{k}'"))}.");

    private static TensorHistory Triple(JsonElement element, string path, int?[]? shape)
    {
        JsonElement[] items = element.ValueKind == JsonValueKind.Array ? [.. element.EnumerateArray()] : [];
        if (items.Length != 3 || items[0].ValueKind != JsonValueKind.String || !Index(items[1], out int node) || !Index(items[2], out int tensor))
            throw new ConfigException(path, $"expected [layer name, call index ≥ 0, output index ≥ 0], got {ConfigReader.Describe(element)}.");
        return new TensorHistory(path, items[0].GetString()!, node, tensor, shape);
    }

    private static bool Index(JsonElement element, out int index)
    {
        index = -1;
        return element.ValueKind == JsonValueKind.Number && element.TryGetInt32(out index) && index >= 0;
    }
}
