using NotebookRnn.Devices;
using NotebookRnn.Layers;
using NotebookRnn.Layers.Functional;
using NotebookRnn.Losses;
using NotebookRnn.Metrics;
using NotebookRnn.Optimizers;
using NotebookRnn.Persistence;
using NotebookRnn.Tensors;
using NotebookRnn.Training;

namespace NotebookRnn.Models;

/// <summary>
/// A plain stack of layers, each feeding the next (Keras <c>Sequential</c>). Typical use:
/// <code>
/// var model = new Sequential();
/// model.Add(new LSTM(128, inputShape: [maxlen, chars]));
/// model.Add(new Dense(chars));
/// model.Add(new Activation("softmax"));
/// model.Compile(optimizer: new RMSprop(lr: 0.01), loss: "categorical_crossentropy");
/// model.Fit(x, y, batchSize: 128, epochs: 60);
/// </code>
/// </summary>
public sealed partial class Sequential : Model, ISerializableStack
{
    private readonly LayerStack _stack;
    private GraphProgram? _program;

    /// <summary>Creates a model, optionally with its first layers.</summary>
    /// <param name="layers">Layers to add in order.</param>
    /// <param name="name">Model name; default <c>sequential</c>.</param>
    /// <param name="seed">Seed of weight initialisation, shuffling and dropout; default: drawn from <see cref="Seeds"/>.</param>
    public Sequential(IEnumerable<Layer>? layers = null, string name = "sequential", long? seed = null) : base(name, seed)
    {
        _stack = new LayerStack(name, new RandomGenerator(Seed));
        foreach (Layer layer in layers ?? []) Add(layer);
    }

    /// <summary>The layers, in order.</summary>
    public override IReadOnlyList<Layer> Layers => _stack.Layers;

    /// <summary>Whether every layer has weights (the input shape is known).</summary>
    public override bool IsBuilt => _stack.InputShape is not null;

    /// <summary>Input shape without batch, once known.</summary>
    public override int?[]? InputShape => _stack.InputShape;

    /// <summary>Output shape without batch.</summary>
    /// <exception cref="InvalidOperationException">The model is not built.</exception>
    public override int?[] OutputShape => IsBuilt && Layers.Count > 0
        ? Layers[^1].OutputShape
        : throw new InvalidOperationException($"Model '{Name}' has no output shape yet: give its first layer an inputShape or call Build.");

    /// <summary>Appends a layer. If the model's input shape is known, the layer is built at once, so a shape mismatch fails here.</summary>
    /// <exception cref="ArgumentException">The name is taken, or the layer cannot take the previous layer's output.</exception>
    public void Add(Layer layer)
    {
        _stack.Add(layer, WeightCreation.Initialized);
        LayersChanged();
    }

    /// <summary>Builds every layer for inputs of shape <paramref name="inputShape"/> (without batch).</summary>
    /// <exception cref="ArgumentException">A layer cannot take the shape it receives; the message names it.</exception>
    public void Build(int?[] inputShape)
    {
        _stack.Build(inputShape, WeightCreation.Initialized);
        LayersChanged();
    }

    /// <summary>The Keras summary table of the built model.</summary>
    /// <exception cref="InvalidOperationException">The model is not built.</exception>
    public override ModelSummary Summary() => ModelSummary.Of(Name, _stack.RequireBuilt());

    /// <inheritdoc/>
    public override string ToString() => IsBuilt ? Summary().ToString() : $"Sequential \"{Name}\" ({Layers.Count} layers, not built)";

    private protected override GraphProgram Program() =>
        _program ??= GraphProgram.Linear(_stack.RequireBuilt(), InputShape!, Name);

    internal override void BuildFor(int?[] sampleShape) => Build(sampleShape);

    internal override Layer? InputReader(int input) => Layers.Count > 0 ? Layers[0] : null;

    private void LayersChanged()
    {
        _program = null;
        ResetEngine();
    }
}
