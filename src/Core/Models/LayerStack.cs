using NotebookRnn.Layers;
using NotebookRnn.Tensors;

namespace NotebookRnn.Models;

/// <summary>
/// The layers of a <see cref="Sequential"/> model in order, each feeding the next: unique names, and building every
/// layer for the shape the previous one outputs once the model's input shape is known.
/// </summary>
/// <param name="modelName">The model's name, for messages.</param>
/// <param name="initRandom">The stream initial weights (and the layers' own streams, such as dropout's) come from.</param>
internal sealed class LayerStack(string modelName, RandomGenerator initRandom)
{
    private readonly List<Layer> _layers = [];

    /// <summary>The layers, in order.</summary>
    public IReadOnlyList<Layer> Layers => _layers;

    /// <summary>Input shape without batch, once known.</summary>
    public int?[]? InputShape { get; private set; }

    /// <summary>Appends a layer, named after its type when unnamed; builds it at once when the stack is built.</summary>
    /// <exception cref="ArgumentException">The name is taken, or the layer cannot take the previous layer's output.</exception>
    public void Add(Layer layer, WeightCreation weights)
    {
        ArgumentNullException.ThrowIfNull(layer);
        if (layer is MultiInputLayer)
            throw new ArgumentException(
                $"{layer.GetType().Name} '{layer.Name}' takes several inputs, and a Sequential model passes one tensor from layer to layer; " +
                "build the model with the functional API (Input, layer.Call, new Model(inputs, outputs)).", nameof(layer));
        if (_layers.Contains(layer)) throw new ArgumentException($"Layer '{layer.Name}' is already in model '{modelName}'.", nameof(layer));
        if (layer.Name.Length == 0) layer.Name = UniqueName(layer.TypeName);
        else if (_layers.Any(l => l.Name == layer.Name))
            throw new ArgumentException($"Model '{modelName}' already has a layer named '{layer.Name}'; layer names must be unique.", nameof(layer));
        if (InputShape is not null) layer.BuildWith(weights, _layers.Count == 0 ? InputShape : _layers[^1].OutputShape, initRandom);
        _layers.Add(layer);
        if (InputShape is null && _layers.Count == 1 && layer.InputShape is not null) Build(layer.InputShape, weights);
    }

    /// <summary>Builds every layer for inputs of shape <paramref name="inputShape"/> (without batch).</summary>
    /// <exception cref="ArgumentException">A layer cannot take the shape it receives, or the stack was built for another shape.</exception>
    public void Build(int?[] inputShape, WeightCreation weights)
    {
        ArgumentNullException.ThrowIfNull(inputShape);
        if (InputShape is not null)
        {
            if (!inputShape.SequenceEqual(InputShape))
                throw new ArgumentException(
                    $"Model '{modelName}' was built for input shape {Tensor.ShapeText([null, .. InputShape])}, got {Tensor.ShapeText([null, .. inputShape])}.",
                    nameof(inputShape));
            return;
        }
        int?[] shape = inputShape;
        foreach (Layer layer in _layers)
        {
            layer.BuildWith(weights, shape, initRandom);
            shape = layer.OutputShape;
        }
        InputShape = (int?[])inputShape.Clone();
    }

    /// <summary>The layers, once checked to have weights.</summary>
    /// <exception cref="InvalidOperationException">The input shape is not known yet; the message says how to give it.</exception>
    public IReadOnlyList<Layer> RequireBuilt() => InputShape is null
        ? throw new InvalidOperationException(
            $"Model '{modelName}' is not built: give its first layer an inputShape, call Build(inputShape), or call Fit/Predict with data.")
        : Layers;

    private string UniqueName(string baseName)
    {
        if (_layers.All(l => l.Name != baseName)) return baseName;
        for (int i = 1; ; i++)
            if (_layers.All(l => l.Name != $"{baseName}_{i}")) return $"{baseName}_{i}";
    }
}
