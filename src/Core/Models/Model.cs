using NotebookRnn.Data;
using NotebookRnn.Devices;
using NotebookRnn.Distributed;
using NotebookRnn.Layers;
using NotebookRnn.Layers.Functional;
using NotebookRnn.Losses;
using NotebookRnn.Metrics;
using NotebookRnn.Optimizers;
using NotebookRnn.Tensors;
using NotebookRnn.Training;

namespace NotebookRnn.Models;

/// <summary>
/// A model made of a graph of layer calls (Keras's functional <c>Model</c>): from one or several <see cref="Input"/>s to one
/// or several outputs, with shared layers and recurrent states handed from layer to layer. <see cref="Sequential"/> is
/// its linear case; both train, evaluate and predict through the same engine, on the same devices. Keras's
/// encoder–decoder (<c>lstm_seq2seq</c>):
/// <code>
/// var encoderInputs = new Input([null, inputTokens]);
/// var (_, stateH, stateC) = new LSTM(256, returnState: true).Call(encoderInputs);
/// var decoderInputs = new Input([null, targetTokens]);
/// var decoderOutputs = new LSTM(256, returnSequences: true).Call(decoderInputs, initialState: [stateH, stateC]);
/// var model = new Model([encoderInputs, decoderInputs], [new Dense(targetTokens, activation: "softmax").Call(decoderOutputs)]);
/// </code>
/// </summary>
public partial class Model
{
    private readonly GraphProgram? _graph;
    private readonly Trainer _trainer;
    private DeviceSet _devices = DeviceSet.FromCount(1);
    private Backend _backend = Backend.Managed;
    private MpiWorld _world = MpiWorld.Local;
    private int _shards = 1;
    private DataParallelExecutor? _engine;
    private TensorDataSource? _predictionSource;

    /// <summary>Creates a model from its inputs to its outputs; layers not built yet are built now, in call order, from <paramref name="seed"/>.</summary>
    /// <param name="inputs">The model's inputs, each an <see cref="Input"/>; callers feed them in this order.</param>
    /// <param name="outputs">The model's outputs, symbolic tensors computed from the inputs.</param>
    /// <param name="name">Model name; default <c>functional</c>.</param>
    /// <param name="seed">Seed of weight initialisation, shuffling and dropout; default: drawn from <see cref="Seeds"/>.</param>
    /// <exception cref="ArgumentException">
    /// An output cannot be computed from the inputs (the message names the missing input), an input is not an
    /// <see cref="Input"/> or repeats, or two layers have the same name.</exception>
    public Model(IReadOnlyList<SymbolicTensor> inputs, IReadOnlyList<SymbolicTensor> outputs, string name = "functional", long? seed = null)
        : this(name, seed)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        ArgumentNullException.ThrowIfNull(outputs);
        _graph = GraphProgram.Of(inputs, outputs, name);
        LayerNames.Assign(_graph.Layers, name);
        var random = new RandomGenerator(Seed);
        foreach (LayerNode node in _graph.Nodes)
            if (!node.Layer.IsBuilt) node.Layer.BuildWith(WeightCreation.Initialized, node.BuildShapes, random);
    }

    /// <summary>A model with one input and one output.</summary>
    /// <exception cref="ArgumentException">The output cannot be computed from the input.</exception>
    public Model(SymbolicTensor input, SymbolicTensor output, string name = "functional", long? seed = null)
        : this([input], [output], name, seed)
    {
    }

    /// <summary>A model with one input and several outputs.</summary>
    /// <exception cref="ArgumentException">An output cannot be computed from the input.</exception>
    public Model(SymbolicTensor input, IReadOnlyList<SymbolicTensor> outputs, string name = "functional", long? seed = null)
        : this([input], outputs, name, seed)
    {
    }

    /// <summary>A model with several inputs and one output.</summary>
    /// <exception cref="ArgumentException">The output cannot be computed from the inputs.</exception>
    public Model(IReadOnlyList<SymbolicTensor> inputs, SymbolicTensor output, string name = "functional", long? seed = null)
        : this(inputs, [output], name, seed)
    {
    }

    private protected Model(string name, long? seed)
    {
        Name = name;
        Seed = seed ?? Seeds.Next();
        _trainer = new Trainer(name, Engine, TrainingEvents, new RandomGenerator(unchecked(Seed * 31 + 17)));
    }

    /// <summary>The model's name.</summary>
    public string Name { get; }

    /// <summary>The seed the model's random choices derive from.</summary>
    public long Seed { get; }

    /// <summary>The layers: a functional model's inputs' <see cref="InputLayer"/>s first, then every layer at its first call.</summary>
    public virtual IReadOnlyList<Layer> Layers => _graph!.Layers;

    /// <summary>Whether every layer has weights (the input shapes are known); a functional model always has.</summary>
    public virtual bool IsBuilt => true;

    /// <summary>The model's inputs (a Sequential model's, once built).</summary>
    /// <exception cref="InvalidOperationException">A Sequential model is not built.</exception>
    public IReadOnlyList<Input> Inputs => Program().Inputs;

    /// <summary>The model's outputs (a Sequential model's, once built).</summary>
    /// <exception cref="InvalidOperationException">A Sequential model is not built.</exception>
    public IReadOnlyList<SymbolicTensor> Outputs => Program().Outputs;

    /// <summary>The first input's shape without batch, once known.</summary>
    public virtual int?[]? InputShape => _graph!.Inputs[0].Shape;

    /// <summary>The first output's shape without batch.</summary>
    /// <exception cref="InvalidOperationException">The model is not built.</exception>
    public virtual int?[] OutputShape => _graph!.Outputs[0].Shape;

    /// <summary>Every input's shape without batch, in input order (a Sequential model's one, once built).</summary>
    /// <exception cref="InvalidOperationException">A Sequential model is not built.</exception>
    public IReadOnlyList<int?[]> InputShapes => [.. Program().Inputs.Select(i => i.Shape)];

    /// <summary>Every output's shape without batch, in output order.</summary>
    /// <exception cref="InvalidOperationException">A Sequential model is not built.</exception>
    public IReadOnlyList<int?[]> OutputShapes => [.. Program().Outputs.Select(o => o.Shape)];

    /// <summary>The names of the outputs (their layers' names, <c>:k</c> for a layer's state k), as logs and dictionaries name them.</summary>
    public IReadOnlyList<string> OutputNames => [.. Outputs.Select(o => o.Name)];

    /// <summary>All weights of all layers, each once, in layer order.</summary>
    public IReadOnlyList<Parameter> Parameters => [.. Layers.SelectMany(l => l.Parameters)];

    /// <summary>The optimizer given to <c>Compile</c>.</summary>
    public Optimizer? Optimizer => _trainer.Optimizer;

    /// <summary>The loss given to <c>Compile</c> (the first output's).</summary>
    public Loss? Loss => _trainer.Loss;

    /// <summary>Each output's loss given to <c>Compile</c>, in output order.</summary>
    public IReadOnlyList<Loss>? Losses => _trainer.Outputs?.Select(o => o.Loss).ToArray();

    /// <summary>The devices <c>Fit</c> trains on (set by <c>Compile</c>; default one, <c>cpu:0</c>).</summary>
    public DeviceSet Devices => _devices;

    /// <summary>What computes the layers on those devices (set by <c>Compile</c>; default <see cref="Backend.Managed"/>).</summary>
    public Backend Backend => _backend;

    /// <summary>The processes that train this model together (set by <c>Compile</c>; default <see cref="MpiWorld.Local"/>, this one).</summary>
    public MpiWorld World => _world;

    /// <summary>
    /// K, the shards every training batch is cut into, by token count (set by <c>Compile</c>; default one per device of every
    /// process): each process of <see cref="World"/> computes K / P of them, one per device.
    /// </summary>
    public int Shards => _shards;

    /// <summary>
    /// Whether <c>Fit</c>, <c>Evaluate</c> and <c>Predict</c> first scan inputs and targets for NaN and infinity (one vectorised
    /// pass; default true). Set false to skip the scan for speed on data known to be clean.</summary>
    public bool CheckInputsFinite { get; set; } = true;

    /// <summary>Run, batch and epoch events of <c>Fit</c>, for live displays.</summary>
    public TrainingEventStream TrainingEvents { get; } = new();

    /// <summary>Set by a callback to end <c>Fit</c> after the current batch (Keras <c>model.stop_training</c>).</summary>
    public bool StopTraining { get => _trainer.StopTraining; set => _trainer.StopTraining = value; }

    /// <summary>The model's trainer (fit, evaluate), for the partial classes.</summary>
    private protected Trainer Trainer => _trainer;

    /// <summary>The Keras summary table of the built model; a functional model's lists what each layer is connected to.</summary>
    /// <exception cref="InvalidOperationException">The model is not built.</exception>
    public virtual ModelSummary Summary() => ModelSummary.Of(Name, _graph!);

    /// <summary>Configures training of a model with one output. Strings are Keras names (<c>"rmsprop"</c>, <c>"categorical_crossentropy"</c>, <c>"accuracy"</c>).</summary>
    /// <param name="optimizer">The optimizer.</param>
    /// <param name="loss">The loss; on a model with several outputs, every output's.</param>
    /// <param name="metrics">Metrics reported besides the loss (every output's).</param>
    /// <param name="devices">
    /// Devices to train on: a count (<c>2</c>), names (<c>["cpu:0", "cpu:1"]</c>, keras-mxnet's <c>"cpu(0)"</c>) or <see cref="Device"/>s;
    /// default <see cref="NotebookRnn.Devices.Devices.Default"/> (cpu:0 outside a <see cref="NotebookRnn.Devices.Devices.Use"/> scope). Each batch is split by token count.</param>
    /// <param name="weightedMetrics">Metrics whose rows the sample weights (and class weights) weigh too (Keras <c>weighted_metrics</c>).</param>
    /// <param name="backend">
    /// What computes the layers: default <see cref="Backend.Managed"/>; <c>TorchBackend.Instance</c> (package
    /// <c>NotebookRnn.TorchSharp</c>) runs them on libtorch, on <c>cpu</c> or <c>cuda:N</c> devices.</param>
    /// <param name="world">
    /// The processes that train together, <see cref="MpiWorld.Join"/> under Open MPI's <c>mpirun</c>; default this process alone.
    /// Every process runs the same program: the same model, built with the same seed, and the same data.</param>
    /// <param name="shards">
    /// K, the shards every batch is cut into by token count, independent of the number of processes P (a multiple of it):
    /// each process computes K / P of them, one per device (<paramref name="devices"/> defaults to K / P CPU devices). The
    /// weights after each step are the same bits for any P, and equal to one process with K devices. Default: one per device
    /// of every process.</param>
    /// <exception cref="ArgumentException">
    /// A metric name repeats or is <c>loss</c>; the loss's reduction is <c>none</c>; the backend does not have a device (a GPU
    /// on the managed backend); several devices or shards with a stateful layer; shards is not a multiple of the world's
    /// size, or the devices are not one per shard of this process.</exception>
    public void Compile(Optimizer optimizer, Loss loss, IEnumerable<Metric>? metrics = null, DeviceSet? devices = null, IEnumerable<Metric>? weightedMetrics = null,
        Backend? backend = null, MpiWorld? world = null, int? shards = null)
    {
        ArgumentNullException.ThrowIfNull(loss);
        int outputs = IsBuilt ? Outputs.Count : 1;
        Compile(optimizer, [.. Enumerable.Repeat(loss, outputs)], null, [.. Enumerable.Repeat(metrics ?? [], outputs)], devices,
            weightedMetrics is null ? null : [.. Enumerable.Repeat(weightedMetrics, outputs)], backend, world, shards);
    }

    /// <summary>
    /// Configures training of a model with several outputs (Keras <c>compile(loss=[…], loss_weights=[…], metrics=[[…], …])</c>):
    /// one loss per output, the training loss being Σ lossWeights[k] · loss_k; the logs name each output's loss
    /// <c>&lt;output&gt;_loss</c> and its metrics <c>&lt;output&gt;_&lt;metric&gt;</c>.
    /// </summary>
    /// <param name="optimizer">The optimizer.</param>
    /// <param name="loss">One loss per output, in output order.</param>
    /// <param name="lossWeights">One weight per output; default 1 each.</param>
    /// <param name="metrics">One list of metrics per output; default none.</param>
    /// <param name="devices">Devices to train on, as for the one-output <c>Compile</c>.</param>
    /// <param name="weightedMetrics">One list of sample-weighted metrics per output; default none.</param>
    /// <param name="backend">What computes the layers, as for the one-output <c>Compile</c>.</param>
    /// <param name="world">The processes that train together, as for the one-output <c>Compile</c>.</param>
    /// <param name="shards">The shards of every batch, as for the one-output <c>Compile</c>.</param>
    /// <exception cref="ArgumentException">A list does not have one entry per output, a weight is negative or not finite, or as for the one-output <c>Compile</c>.</exception>
    public void Compile(Optimizer optimizer, IReadOnlyList<Loss> loss, IReadOnlyList<double>? lossWeights = null,
        IReadOnlyList<IEnumerable<Metric>>? metrics = null, DeviceSet? devices = null, IReadOnlyList<IEnumerable<Metric>>? weightedMetrics = null,
        Backend? backend = null, MpiWorld? world = null, int? shards = null)
    {
        ArgumentNullException.ThrowIfNull(loss);
        IReadOnlyList<string> names = IsBuilt ? OutputNames : ["output"];
        CompileArguments.CheckCount(loss.Count, names, nameof(loss));
        if (lossWeights is not null) CompileArguments.CheckWeights(lossWeights, names, nameof(lossWeights));
        if (metrics is not null) CompileArguments.CheckCount(metrics.Count, names, nameof(metrics));
        if (weightedMetrics is not null) CompileArguments.CheckCount(weightedMetrics.Count, names, nameof(weightedMetrics));
        world ??= MpiWorld.Local;
        devices = DevicesPerProcess(devices, world, shards);
        backend ??= Backend.Managed;
        backend.CheckDevices(devices);
        DataParallelExecutor.CheckSplittable(Layers, devices.Count * world.Size, shards is null ? nameof(devices) : nameof(shards));
        _trainer.Compile(optimizer, [.. loss.Select((l, k) => new OutputCompile(names[k], l, lossWeights?[k] ?? 1, metrics?[k] ?? [], weightedMetrics?[k]))]);
        (_devices, _backend, _world, _shards) = (devices, backend, world, devices.Count * world.Size);
        ResetEngine();
    }

    // Each process computes shards / world.Size shards, one per device: K / P CPU devices unless devices are given.
    private static DeviceSet DevicesPerProcess(DeviceSet? devices, MpiWorld world, int? shards)
    {
        if (shards is not int count) return devices ?? NotebookRnn.Devices.Devices.Default;
        if (count < 1) throw new ArgumentOutOfRangeException(nameof(shards), count, "Expected at least one shard per batch.");
        if (count % world.Size != 0)
            throw new ArgumentException(
                $"shards must be a multiple of the number of processes, so that each computes as many: {count} shards cannot be shared by " +
                $"{world.Size} processes.", nameof(shards));
        int perProcess = count / world.Size;
        if (devices is not null && devices.Count != perProcess)
            throw new ArgumentException(
                $"Each of the {world.Size} processes computes {perProcess} of the {count} shards, one per device, so devices must list {perProcess}; " +
                $"got {devices.Count} ({devices}).", nameof(devices));
        return devices ?? DeviceSet.FromCount(perProcess);
    }

    /// <summary>
    /// Configures training with losses, weights and metrics given by output name (Keras's dictionaries); an output
    /// missing from <paramref name="lossWeights"/> or <paramref name="metrics"/> has weight 1 and no metric.
    /// </summary>
    /// <exception cref="ArgumentException">A name is not an output's (the message lists them), an output has no loss, or as for <c>Compile</c>.</exception>
    public void Compile(Optimizer optimizer, IReadOnlyDictionary<string, Loss> loss, IReadOnlyDictionary<string, double>? lossWeights = null,
        IReadOnlyDictionary<string, IEnumerable<Metric>>? metrics = null, DeviceSet? devices = null, Backend? backend = null, MpiWorld? world = null,
        int? shards = null)
    {
        IReadOnlyList<string> names = OutputNames;
        Compile(optimizer, CompileArguments.ByName(loss, names, nameof(loss), required: true, fallback: null!),
            lossWeights is null ? null : CompileArguments.ByName(lossWeights, names, nameof(lossWeights), required: false, 1.0),
            metrics is null ? null : CompileArguments.ByName(metrics, names, nameof(metrics), required: false, Enumerable.Empty<Metric>()), devices,
            backend: backend, world: world, shards: shards);
    }

    /// <inheritdoc/>
    public override string ToString() => Summary().ToString();

    /// <summary>The graph the engine runs (a Sequential model's linear graph, made once it is built).</summary>
    /// <exception cref="InvalidOperationException">The model is not built.</exception>
    private protected virtual GraphProgram Program() => _graph!;

    /// <summary>The layer of the first call on input <paramref name="input"/> (a Sequential model's first layer), or null.</summary>
    internal virtual Layer? InputReader(int input)
    {
        GraphProgram graph = Program();
        for (int n = 0; n < graph.Nodes.Count; n++) if (graph.NodeInputSlots[n][0] == graph.InputSlots[input]) return graph.Nodes[n].Layer;
        return null;
    }

    /// <summary>
    /// For each output whose first axis is a time axis of unknown length, the input whose steps it has; null for an output
    /// of fixed shape, or one whose steps come from no single input (see <see cref="GraphProgram.OutputStepSources"/>).
    /// </summary>
    internal int?[] OutputStepSources() => Program().OutputStepSources();

    /// <summary>Builds a model whose input shape is still unknown for inputs of this sample shape; a functional model has it already.</summary>
    internal virtual void BuildFor(int?[] sampleShape)
    {
    }

    // The engine runs the model's own layers on device 0; it is made again when the layers, the devices or the backend change.
    private protected IExecutionEngine Engine() => _engine ??= new DataParallelExecutor(Program(), Seed, _devices, _backend, _world, _shards);

    private protected void ResetEngine()
    {
        _engine?.Dispose();
        _engine = null;
    }
}
