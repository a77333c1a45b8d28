namespace NotebookRnn;

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
public sealed partial class Sequential
{
    private readonly List<Layer> _layers = [];
    private readonly RandomGenerator _initRandom, _shuffleRandom;
    private int?[]? _inputShape;
    private Compiled? _compiled;

    /// <summary>Creates a model, optionally with its first layers.</summary>
    /// <param name="layers">Layers to add in order.</param>
    /// <param name="name">Model name; default <c>sequential</c>.</param>
    /// <param name="seed">Seed of weight initialisation, shuffling and dropout; default: drawn from <see cref="Seeds"/>.</param>
    public Sequential(IEnumerable<Layer>? layers = null, string name = "sequential", long? seed = null)
    {
        Name = name;
        Seed = seed ?? Seeds.Next();
        _initRandom = new RandomGenerator(Seed);
        _shuffleRandom = new RandomGenerator(unchecked(Seed * 31 + 17));
        foreach (Layer layer in layers ?? []) Add(layer);
    }

    /// <summary>The model's name.</summary>
    public string Name { get; }

    /// <summary>The seed the model's random choices derive from.</summary>
    public long Seed { get; }

    /// <summary>The layers, in order.</summary>
    public IReadOnlyList<Layer> Layers => _layers;

    /// <summary>Whether every layer has weights (the input shape is known).</summary>
    public bool IsBuilt => _inputShape is not null;

    /// <summary>Input shape without batch, once known.</summary>
    public int?[]? InputShape => _inputShape;

    /// <summary>Output shape without batch.</summary>
    /// <exception cref="InvalidOperationException">The model is not built.</exception>
    public int?[] OutputShape => IsBuilt && _layers.Count > 0
        ? _layers[^1].OutputShape
        : throw new InvalidOperationException($"Model '{Name}' has no output shape yet: give its first layer an inputShape or call Build.");

    /// <summary>All weights of all layers, in layer order.</summary>
    public IReadOnlyList<Parameter> Parameters => [.. _layers.SelectMany(l => l.Parameters)];

    /// <summary>The optimizer given to <see cref="Compile"/>.</summary>
    public Optimizer? Optimizer => _compiled?.Optimizer;

    /// <summary>The loss given to <see cref="Compile"/>.</summary>
    public Loss? Loss => _compiled?.Loss;

    /// <summary>
    /// Whether <c>Fit</c>, <c>Evaluate</c> and <c>Predict</c> first scan inputs and targets for NaN and infinity (one
    /// vectorised pass; default true). Set false to skip the scan for speed on data known to be clean.
    /// </summary>
    public bool CheckInputsFinite { get; set; } = true;

    /// <summary>Run, batch and epoch events of <c>Fit</c>, for live displays.</summary>
    public TrainingEventStream TrainingEvents { get; } = new();

    /// <summary>Set by a callback to end <c>Fit</c> after the current batch (Keras <c>model.stop_training</c>).</summary>
    public bool StopTraining { get; set; }

    /// <summary>Appends a layer. If the model's input shape is known, the layer is built at once, so a shape mismatch fails here.</summary>
    /// <exception cref="ArgumentException">The name is taken, or the layer cannot take the previous layer's output.</exception>
    public void Add(Layer layer) => Add(layer, WeightCreation.Initialized);

    private void Add(Layer layer, WeightCreation weights)
    {
        ArgumentNullException.ThrowIfNull(layer);
        if (_layers.Contains(layer)) throw new ArgumentException($"Layer '{layer.Name}' is already in model '{Name}'.", nameof(layer));
        if (layer.Name.Length == 0) layer.Name = UniqueName(layer.TypeName);
        else if (_layers.Any(l => l.Name == layer.Name))
            throw new ArgumentException($"Model '{Name}' already has a layer named '{layer.Name}'; layer names must be unique.", nameof(layer));
        if (IsBuilt) layer.BuildWith(weights, _layers.Count == 0 ? _inputShape! : _layers[^1].OutputShape, _initRandom);
        _layers.Add(layer);
        ResetReplicas();
        if (!IsBuilt && _layers.Count == 1 && layer.InputShape is not null) Build(layer.InputShape, weights);
    }

    /// <summary>Builds every layer for inputs of shape <paramref name="inputShape"/> (without batch).</summary>
    /// <exception cref="ArgumentException">A layer cannot take the shape it receives; the message names it.</exception>
    public void Build(int?[] inputShape) => Build(inputShape, WeightCreation.Initialized);

    private void Build(int?[] inputShape, WeightCreation weights)
    {
        ArgumentNullException.ThrowIfNull(inputShape);
        if (IsBuilt)
        {
            if (!inputShape.SequenceEqual(_inputShape!))
                throw new ArgumentException(
                    $"Model '{Name}' was built for input shape {Tensor.ShapeText([null, .. _inputShape!])}, got {Tensor.ShapeText([null, .. inputShape])}.",
                    nameof(inputShape));
            return;
        }
        int?[] shape = inputShape;
        foreach (Layer layer in _layers)
        {
            layer.BuildWith(weights, shape, _initRandom);
            shape = layer.OutputShape;
        }
        _inputShape = (int?[])inputShape.Clone();
    }

    /// <summary>The Keras summary table of the built model.</summary>
    /// <exception cref="InvalidOperationException">The model is not built.</exception>
    public ModelSummary Summary()
    {
        RequireBuilt();
        return new ModelSummary(Name, [.. _layers.Select(l => new LayerSummary(l.Name, LayerTypeName(l), l.OutputShape,
            l.ParameterCount, l.Parameters.Where(p => p.Trainable).Sum(p => p.Value.Length), l))]);
    }

    /// <summary>Configures training. Strings are Keras names (<c>"rmsprop"</c>, <c>"categorical_crossentropy"</c>, <c>"accuracy"</c>).</summary>
    /// <param name="optimizer">The optimizer.</param>
    /// <param name="loss">The loss.</param>
    /// <param name="metrics">Metrics reported besides the loss.</param>
    /// <param name="devices">
    /// Devices to train on: a count (<c>2</c>), names (<c>["cpu:0", "cpu:1"]</c>, keras-mxnet's <c>"cpu(0)"</c>) or
    /// <see cref="Device"/>s; default <see cref="NotebookRnn.Devices.Default"/> (one device unless changed). Each batch is split
    /// across them by token count.
    /// </param>
    /// <exception cref="ArgumentException">A metric name repeats or is <c>loss</c>; a GPU was asked for; several devices with a stateful layer.</exception>
    public void Compile(Optimizer optimizer, Loss loss, IEnumerable<Metric>? metrics = null, DeviceSet? devices = null)
    {
        devices ??= NotebookRnn.Devices.Default;
        if (devices.Count > 1 && _layers.OfType<RecurrentLayer>().FirstOrDefault(l => l.Stateful) is RecurrentLayer stateful)
            throw new ArgumentException(
                $"Layer '{stateful.Name}' is stateful, so its states follow one batch order; train it on one device, not {devices.Count}.",
                nameof(devices));
        ArgumentNullException.ThrowIfNull(optimizer);
        ArgumentNullException.ThrowIfNull(loss);
        Metric[] resolved = [.. (metrics ?? []).Select(m => m.ResolveFor(loss))];
        string? duplicate = resolved.Select(m => m.Name).Append("loss").GroupBy(n => n).FirstOrDefault(g => g.Count() > 1)?.Key;
        if (duplicate is not null)
            throw new ArgumentException($"Metric names must be unique and not \"loss\"; \"{duplicate}\" appears twice.", nameof(metrics));
        _compiled = new Compiled(optimizer, loss, resolved);
        _devices = devices;
        ResetReplicas();
    }

    /// <summary>Runs the model on <paramref name="x"/> in batches (inference: dropout off) and returns all outputs.</summary>
    /// <param name="x">Inputs, shape (samples, …).</param>
    /// <param name="batchSize">Samples per batch, &gt; 0; default 32.</param>
    /// <returns>Outputs, shape (samples, …output shape).</returns>
    /// <exception cref="ArgumentException">x does not fit the model's input shape.</exception>
    public Tensor Predict(Tensor x, int batchSize = 32)
    {
        ArgumentNullException.ThrowIfNull(x);
        CheckBatchSize(batchSize);
        PrepareInput(x, nameof(x));
        return PredictSource(new TensorDataSource(x, null), batchSize);
    }

    /// <summary>Computes loss and metrics on (<paramref name="x"/>, <paramref name="y"/>) in inference mode.</summary>
    /// <exception cref="ArgumentException">The data does not fit the model, or x and y differ in sample count.</exception>
    /// <exception cref="InvalidOperationException">The model is not compiled.</exception>
    public EvaluationResult Evaluate(Tensor x, Tensor y, int batchSize = 32)
    {
        Compiled compiled = RequireCompiled();
        CheckBatchSize(batchSize);
        PrepareData(x, y, compiled);
        if (x.Dim(0) == 0) throw new ArgumentException("Evaluate needs at least one sample, got 0.", nameof(x));
        return EvaluateSource(new TensorDataSource(x, y), [.. Enumerable.Range(0, x.Dim(0))], batchSize, compiled, prefix: "");
    }

    /// <summary>One gradient update on exactly this batch; returns the batch's loss and metrics (before the update).</summary>
    /// <exception cref="ArgumentException">The data does not fit the model, or x and y differ in sample count.</exception>
    /// <exception cref="InvalidOperationException">The model is not compiled.</exception>
    public EvaluationResult TrainOnBatch(Tensor x, Tensor y)
    {
        Compiled compiled = RequireCompiled();
        PrepareData(x, y, compiled);
        if (x.Dim(0) == 0) throw new ArgumentException("TrainOnBatch needs at least one sample, got 0.", nameof(x));
        foreach (Metric metric in compiled.BatchMetrics) metric.Reset();
        var (loss, _) = TrainBatch(SingleBatchSources(x, y), new ArraySegment<int>([.. Enumerable.Range(0, x.Dim(0))]), compiled);
        var result = new EvaluationResult { ["loss"] = loss };
        foreach (Metric metric in compiled.BatchMetrics) result[metric.Name] = metric.Result();
        return result;
    }

    /// <inheritdoc/>
    public override string ToString() => IsBuilt ? Summary().ToString() : $"Sequential \"{Name}\" ({_layers.Count} layers, not built)";

    private string UniqueName(string baseName)
    {
        if (_layers.All(l => l.Name != baseName)) return baseName;
        for (int i = 1; ; i++)
            if (_layers.All(l => l.Name != $"{baseName}_{i}")) return $"{baseName}_{i}";
    }

    private static string LayerTypeName(Layer layer) => layer.GetType().Name;

    private void RequireBuilt()
    {
        if (!IsBuilt)
            throw new InvalidOperationException(
                $"Model '{Name}' is not built: give its first layer an inputShape, call Build(inputShape), or call Fit/Predict with data.");
    }

    private Compiled RequireCompiled() => _compiled ??
        throw new InvalidOperationException($"Model '{Name}' must be compiled before training or evaluation: call Compile(optimizer, loss).");

    private static void CheckBatchSize(int batchSize)
    {
        if (batchSize <= 0) throw new ArgumentOutOfRangeException(nameof(batchSize), batchSize, $"batchSize must be > 0, got {batchSize}.");
    }

    /// <summary>What <see cref="Compile"/> fixed: the optimizer, loss and metrics, and whether the loss fuses with the output activation.</summary>
    private sealed class Compiled(Optimizer optimizer, Loss loss, Metric[] metrics)
    {
        public Optimizer Optimizer { get; } = optimizer;
        public Loss Loss { get; } = loss;
        public Metric[] Metrics { get; } = metrics;
        public Metric[] BatchMetrics { get; } = [.. metrics.Select(m => m.Clone())];
        public Metric[] EvaluationMetrics { get; } = [.. metrics.Select(m => m.Clone())];
    }
}
