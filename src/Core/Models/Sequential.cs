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
public sealed partial class Sequential : ISerializableModel
{
    private readonly LayerStack _stack;
    private readonly Trainer _trainer;
    private DeviceSet _devices = DeviceSet.FromCount(1);
    private DataParallelExecutor? _engine;

    /// <summary>Creates a model, optionally with its first layers.</summary>
    /// <param name="layers">Layers to add in order.</param>
    /// <param name="name">Model name; default <c>sequential</c>.</param>
    /// <param name="seed">Seed of weight initialisation, shuffling and dropout; default: drawn from <see cref="Seeds"/>.</param>
    public Sequential(IEnumerable<Layer>? layers = null, string name = "sequential", long? seed = null)
    {
        Name = name;
        Seed = seed ?? Seeds.Next();
        _stack = new LayerStack(name, new RandomGenerator(Seed));
        _trainer = new Trainer(name, Engine, TrainingEvents, new RandomGenerator(unchecked(Seed * 31 + 17)));
        foreach (Layer layer in layers ?? []) Add(layer);
    }

    /// <summary>The model's name.</summary>
    public string Name { get; }

    /// <summary>The seed the model's random choices derive from.</summary>
    public long Seed { get; }

    /// <summary>The layers, in order.</summary>
    public IReadOnlyList<Layer> Layers => _stack.Layers;

    /// <summary>Whether every layer has weights (the input shape is known).</summary>
    public bool IsBuilt => _stack.InputShape is not null;

    /// <summary>Input shape without batch, once known.</summary>
    public int?[]? InputShape => _stack.InputShape;

    /// <summary>Output shape without batch.</summary>
    /// <exception cref="InvalidOperationException">The model is not built.</exception>
    public int?[] OutputShape => IsBuilt && Layers.Count > 0
        ? Layers[^1].OutputShape
        : throw new InvalidOperationException($"Model '{Name}' has no output shape yet: give its first layer an inputShape or call Build.");

    /// <summary>All weights of all layers, in layer order.</summary>
    public IReadOnlyList<Parameter> Parameters => [.. Layers.SelectMany(l => l.Parameters)];

    /// <summary>The optimizer given to <see cref="Compile"/>.</summary>
    public Optimizer? Optimizer => _trainer.Optimizer;

    /// <summary>The loss given to <see cref="Compile"/>.</summary>
    public Loss? Loss => _trainer.Loss;

    /// <summary>The devices <c>Fit</c> trains on (set by <see cref="Compile"/>; default one, <c>cpu:0</c>).</summary>
    public DeviceSet Devices => _devices;

    /// <summary>
    /// Whether <c>Fit</c>, <c>Evaluate</c> and <c>Predict</c> first scan inputs and targets for NaN and infinity (one vectorised
    /// pass; default true). Set false to skip the scan for speed on data known to be clean.</summary>
    public bool CheckInputsFinite { get; set; } = true;

    /// <summary>Run, batch and epoch events of <c>Fit</c>, for live displays.</summary>
    public TrainingEventStream TrainingEvents { get; } = new();

    /// <summary>Set by a callback to end <c>Fit</c> after the current batch (Keras <c>model.stop_training</c>).</summary>
    public bool StopTraining { get => _trainer.StopTraining; set => _trainer.StopTraining = value; }

    (Optimizer Optimizer, Loss Loss, IReadOnlyList<Metric> Metrics)? ISerializableModel.CompileSettings =>
        _trainer.Metrics is { } metrics ? (_trainer.Optimizer!, _trainer.Loss!, metrics) : null;

    /// <summary>Appends a layer. If the model's input shape is known, the layer is built at once, so a shape mismatch fails here.</summary>
    /// <exception cref="ArgumentException">The name is taken, or the layer cannot take the previous layer's output.</exception>
    public void Add(Layer layer)
    {
        _stack.Add(layer, WeightCreation.Initialized);
        ResetEngine();
    }

    /// <summary>Builds every layer for inputs of shape <paramref name="inputShape"/> (without batch).</summary>
    /// <exception cref="ArgumentException">A layer cannot take the shape it receives; the message names it.</exception>
    public void Build(int?[] inputShape) => _stack.Build(inputShape, WeightCreation.Initialized);

    /// <summary>The Keras summary table of the built model.</summary>
    /// <exception cref="InvalidOperationException">The model is not built.</exception>
    public ModelSummary Summary() => ModelSummary.Of(Name, _stack.RequireBuilt());

    /// <summary>Configures training. Strings are Keras names (<c>"rmsprop"</c>, <c>"categorical_crossentropy"</c>, <c>"accuracy"</c>).</summary>
    /// <param name="optimizer">The optimizer.</param>
    /// <param name="loss">The loss.</param>
    /// <param name="metrics">Metrics reported besides the loss.</param>
    /// <param name="devices">
    /// Devices to train on: a count (<c>2</c>), names (<c>["cpu:0", "cpu:1"]</c>, keras-mxnet's <c>"cpu(0)"</c>) or <see cref="Device"/>s;
    /// default <see cref="NotebookRnn.Devices.Devices.Default"/> (cpu:0 outside a <see cref="NotebookRnn.Devices.Devices.Use"/> scope). Each batch is split by token count.</param>
    /// <exception cref="ArgumentException">A metric name repeats or is <c>loss</c>; the loss's reduction is <c>none</c>; a GPU was asked for; several devices with a stateful layer.</exception>
    /// <param name="weightedMetrics">Metrics whose rows the sample weights (and class weights) weigh too (Keras <c>weighted_metrics</c>).</param>
    public void Compile(Optimizer optimizer, Loss loss, IEnumerable<Metric>? metrics = null, DeviceSet? devices = null, IEnumerable<Metric>? weightedMetrics = null)
    {
        devices ??= NotebookRnn.Devices.Devices.Default;
        DataParallelExecutor.CheckSplittable(Layers, devices);
        _trainer.Compile(optimizer, loss, metrics ?? [], weightedMetrics);
        _devices = devices;
        ResetEngine();
    }

    /// <inheritdoc/>
    public override string ToString() => IsBuilt ? Summary().ToString() : $"Sequential \"{Name}\" ({Layers.Count} layers, not built)";

    // A model being loaded has no engine yet, so adding layers to it has none to renew.
    void ISerializableModel.Add(Layer layer, WeightCreation weights) => _stack.Add(layer, weights);

    void ISerializableModel.Build(int?[] inputShape, WeightCreation weights) => _stack.Build(inputShape, weights);

    void ISerializableModel.Compile(Optimizer optimizer, Loss loss, IEnumerable<Metric> metrics) => Compile(optimizer, loss, metrics);

    // The engine runs the model's own layers on device 0; it is made again when the layers or the devices change.
    private IExecutionEngine Engine() => _engine ??= new DataParallelExecutor(GraphProgram.Linear(_stack.RequireBuilt(), InputShape!, Name), Seed, _devices);

    private void ResetEngine()
    {
        _engine?.Dispose();
        _engine = null;
    }
}
