using System.Diagnostics;
using NotebookRnn.Data;
using NotebookRnn.Distributed;
using NotebookRnn.Layers;
using NotebookRnn.Layers.Functional;
using NotebookRnn.Layers.Recurrent;
using NotebookRnn.Layers.Wrappers;
using NotebookRnn.Losses;
using NotebookRnn.Metrics;
using NotebookRnn.Optimizers;
using NotebookRnn.Tensors;

namespace NotebookRnn.Devices;

/// <summary>
/// The <see cref="IExecutionEngine"/> of every backend: data-parallel training on a process's devices, and across the
/// processes of an <see cref="MpiWorld"/>. A training batch is cut into K shards by token count (<see cref="TokenSplit"/>;
/// K is the model's shard count, by default its device count); this process computes shards r·K/P … (r+1)·K/P − 1, one per
/// device: device 0 of rank 0 runs the given layers on the calling thread, every other shard a replica of them (own layer
/// objects, workspaces, gradients and dropout stream; the model's weight values) on a worker thread. The gradients are
/// summed in shard order (<see cref="GradientReduction"/> in one process, <see cref="ShardExchange"/> across processes) and
/// the optimizer updates the weights once on every process, so the weights are the same bits for any process count.
/// Results do not depend on K except through float rounding.
/// </summary>
internal sealed class DataParallelExecutor : IExecutionEngine, IDisposable
{
    private readonly ModelReplica[] _replicas;
    private readonly Parameter[][] _parameters;
    private readonly Parameter[] _weights;
    private readonly long _seed;
    private readonly int _shards, _firstShard;
    private readonly ShardExchange? _exchange;
    private readonly bool[] _hasSamples;
    private readonly double[] _activityPenalties;
    private readonly DeviceWorkers? _workers;
    private readonly TokenSplit _split, _predictSplit;
    private readonly Tensor[][] _predictedOutputs;
    private readonly PredictionShare[] _predictionShares;
    private readonly ArraySegment<int>[] _oneShard = new ArraySegment<int>[1];
    private readonly Action<int> _predictOn;
    private ArraySegment<int>[] _predictShards = [];
    private DataSource? _source;
    private DataSource[] _views = [];
    private double[] _losses = [], _records = [];
    private IReadOnlyList<OutputObjective>? _metricsOf;
    private Metric[] _metrics = [];
    private bool _begun;

    /// <summary>Creates the replicas of <paramref name="program"/>'s layers (built) for this process's shards, on <paramref name="devices"/>, run by <paramref name="backend"/>.</summary>
    /// <param name="program">The model's graph; shard 0 runs its layers, and the replicas share their weight values.</param>
    /// <param name="seed">Seed of the replicas' own random streams (dropout): shard s draws from seed + 7919·s.</param>
    /// <param name="devices">This process's devices, one per shard it computes.</param>
    /// <param name="backend">What runs the layers on each device.</param>
    /// <param name="world">The processes that share the shards; default this one alone.</param>
    /// <param name="shards">K, the shards of every batch, a multiple of the world's size; default one per device of every process.</param>
    /// <exception cref="InvalidOperationException">A layer cannot be copied (a custom layer whose arguments no property holds).</exception>
    /// <exception cref="NotSupportedException">The backend cannot run a layer of the program; the message names it.</exception>
    public DataParallelExecutor(GraphProgram program, long seed, DeviceSet devices, Backend backend, MpiWorld? world = null, int? shards = null)
    {
        world ??= MpiWorld.Local;
        _seed = seed;
        _shards = shards ?? devices.Count * world.Size;
        _firstShard = world.Rank * devices.Count;
        Layer[] layers = [.. program.Nodes.Select(n => n.Layer).Distinct()];
        _replicas = new ModelReplica[devices.Count];
        for (int d = 0; d < _replicas.Length; d++)
        {
            int shard = _firstShard + d;
            if (shard == 0)
            {
                _replicas[d] = new ModelReplica(devices[d], backend.CreateRunner(devices[d], program, layer => layer, new RandomGenerator(unchecked(seed + 104729L))));
                continue;
            }
            var random = new RandomGenerator(unchecked(seed + 7919L * shard));
            Dictionary<Layer, Layer> copies = layers.ToDictionary(layer => layer, layer => LayerConfig.CloneSharingWeights(layer, random));
            _replicas[d] = new ModelReplica(devices[d], backend.CreateRunner(devices[d], program, layer => copies[layer], random));
        }
        _parameters = [.. _replicas.Select(r => r.Parameters)];
        _weights = [.. layers.SelectMany(l => l.Parameters)];
        _exchange = world.Size > 1 ? new ShardExchange(world, _shards, FlatParameters.Count(_weights)) : null;
        _hasSamples = new bool[_shards];
        _activityPenalties = new double[_shards];
        _workers = devices.Count > 1 ? new DeviceWorkers(devices.Count) : null;
        _split = new TokenSplit(_shards);
        _predictSplit = new TokenSplit(devices.Count);
        _predictedOutputs = [.. _replicas.Select(_ => new Tensor[program.Outputs.Count])];
        _predictionShares = new PredictionShare[devices.Count];
        _predictOn = PredictOn;
        Devices = [.. devices];
        World = world;
        DeviceNames = world.Size == 1 ? [.. devices.Select(d => d.Name)]
            : [.. Enumerable.Range(0, world.Size).SelectMany(rank => devices.Select(d => $"rank{rank}/{d.Name}"))];
    }

    /// <inheritdoc/>
    public IReadOnlyList<Device> Devices { get; }

    /// <inheritdoc/>
    public IReadOnlyList<string> DeviceNames { get; }

    /// <inheritdoc/>
    public MpiWorld World { get; }

    /// <inheritdoc/>
    public bool AnyStops(bool stop) => _exchange?.AnyStops(stop) ?? stop;

    /// <summary>Checks that the layers can be trained in <paramref name="shards"/> shards: a stateful layer needs one.</summary>
    /// <exception cref="ArgumentException">Several shards and a stateful layer, whose states follow one batch order.</exception>
    public static void CheckSplittable(IEnumerable<Layer> layers, int shards, string argumentName)
    {
        IEnumerable<Layer> all = layers.SelectMany(l => l is Bidirectional both ? new Layer[] { both.ForwardLayer, both.BackwardLayer } : [l]);
        if (shards > 1 && all.OfType<RecurrentLayer>().FirstOrDefault(l => l.Stateful) is RecurrentLayer stateful)
            throw new ArgumentException(
                $"Layer '{stateful.Name}' is stateful, so its states follow one batch order; train it on one device, not {shards}.",
                argumentName);
    }

    private ModelReplica Primary => _replicas[0];

    /// <inheritdoc/>
    /// <remarks>
    /// The step runs in two phases: every shard's forward pass and loss, then — once the batch's loss weight W is known —
    /// every shard's backward pass, of its loss gradient scaled by W_s / W and of 1/N · ∂activity/∂output (N the batch's
    /// sample count), so that the shards' gradients add up to the whole batch's, activity penalties Σ penalty / N. The
    /// weight penalties' gradients are added once, to the combined gradient, and the constraints run after the update.
    /// Across processes, each shares its shards' losses after the first phase, and their gradients, tokens, times and
    /// metric parts after the second, so every process computes the same loss, metrics and update.
    /// </remarks>
    public (double Loss, double[] OutputLosses, DeviceBatchRecord[] Devices) Train(DataSource source, ArraySegment<int> indices,
        IReadOnlyList<OutputObjective> objectives, Optimizer optimizer)
    {
        DataSource[] views = ViewsOf(source);
        int devices = _replicas.Length, outputs = objectives.Count;
        ArraySegment<int>[] shards = _shards == 1 ? One(indices) : _split.Split(views[0], indices);
        if (_exchange is not null && !_begun)
        {
            _exchange.Begin(_seed, _weights);
            _begun = true;
        }
        var batches = new Batch[devices];
        var results = new (double Loss, double Weight)[_shards, outputs];
        var totals = new double[outputs];
        Span<TimeSpan> compute = stackalloc TimeSpan[devices], wait = stackalloc TimeSpan[devices];
        void Measure(int d)
        {
            if (shards[_firstShard + d].Count == 0) return;
            batches[d] = views[d].Take(shards[_firstShard + d]);
            var measured = _replicas[d].Measure(batches[d], objectives, train: true);
            for (int k = 0; k < outputs; k++) results[_firstShard + d, k] = measured[k];
        }
        void Backward(int d)
        {
            if (shards[_firstShard + d].Count == 0) return;
            Span<double> scales = stackalloc double[outputs];
            for (int k = 0; k < outputs; k++) scales[k] = Scale(objectives[k], results[_firstShard + d, k].Weight, totals[k]);
            _replicas[d].Backward(1.0 / indices.Count, scales);
        }
        RunOnDevices(Measure, compute, wait);
        if (_exchange is not null) ShareLosses(results, indices);
        // Shares of a dividing reduction combine as a mean weighted by their divisors; shares of a sum add up.
        for (int k = 0; k < outputs; k++)
        {
            totals[k] = 0;
            for (int s = 0; s < _shards; s++) totals[k] += objectives[k].Loss.Reduction.Divides ? results[s, k].Weight : 0;
        }
        RunOnDevices(Backward, compute, wait);
        for (int s = 0; s < _shards; s++) _hasSamples[s] = shards[s].Count > 0;
        if (_exchange is not null)
        {
            long start = Stopwatch.GetTimestamp();
            _exchange.ReduceGradients(_parameters, _hasSamples, _weights);
            for (int d = 0; d < devices; d++) wait[d] += Stopwatch.GetElapsedTime(start);
        }
        else if (_shards > 1) GradientReduction.Reduce(_parameters, _hasSamples);
        DeviceBatchRecord[] records = Records(shards, batches, objectives, results, compute, wait);
        double penalties = WeightPenalties.Add(_weights, addGradients: true);
        for (int s = 0; s < _shards; s++)
            if (shards[s].Count > 0) penalties += _activityPenalties[s] / indices.Count;
        optimizer.Apply(_weights);
        WeightPenalties.Constrain(_weights);
        var outputLosses = new double[outputs];
        double loss = 0;
        for (int k = 0; k < outputs; k++) loss += objectives[k].Weight * (outputLosses[k] = CombinedLoss(objectives[k], results, k, totals[k]));
        return (loss + penalties, outputLosses, records);
    }

    // Every process's shards' (loss, weight) per output, and a check that every process took the same samples.
    private void ShareLosses((double Loss, double Weight)[,] results, ArraySegment<int> indices)
    {
        int outputs = results.GetLength(1), width = 2 * outputs + 1;
        if (_losses.Length != _shards * width) _losses = new double[_shards * width];
        double samples = BitConverter.Int64BitsToDouble(SamplesHash(indices));
        for (int s = _firstShard; s < _firstShard + _replicas.Length; s++)
        {
            for (int k = 0; k < outputs; k++) (_losses[s * width + 2 * k], _losses[s * width + 2 * k + 1]) = results[s, k];
            _losses[s * width + 2 * outputs] = samples;
        }
        _exchange!.Share(_losses, width);
        for (int s = 0; s < _shards; s++)
        {
            for (int k = 0; k < outputs; k++) results[s, k] = (_losses[s * width + 2 * k], _losses[s * width + 2 * k + 1]);
            if (BitConverter.DoubleToInt64Bits(_losses[s * width + 2 * outputs]) != BitConverter.DoubleToInt64Bits(samples))
                throw new InvalidOperationException(
                    $"Process {s / _replicas.Length} trains on other samples than process {World.Rank} in this batch: every process must read the " +
                    "same data in the same order (the same x and y, and a model built with the same seed, which shuffles).");
        }
    }

    // FNV-1a of the batch's sample indices.
    private static long SamplesHash(ArraySegment<int> indices)
    {
        ulong hash = 14695981039346656037UL;
        foreach (int index in indices) hash = (hash ^ (uint)index) * 1099511628211UL;
        return (long)hash;
    }

    // One record per shard, in shard order; the metrics take each shard's part in that order, and each shard's activity
    // penalty goes to _activityPenalties. Across processes, each shares its shards' parts first.
    private DeviceBatchRecord[] Records(ArraySegment<int>[] shards, Batch[] batches, IReadOnlyList<OutputObjective> objectives,
        (double Loss, double Weight)[,] results, ReadOnlySpan<TimeSpan> compute, ReadOnlySpan<TimeSpan> wait)
    {
        if (!ReferenceEquals(objectives, _metricsOf)) (_metricsOf, _metrics) = (objectives, [.. objectives.SelectMany(o => o.Metrics)]);
        Metric[] metrics = _metrics;
        int width = 5 + 2 * metrics.Length;
        if (_records.Length != _shards * width) _records = new double[_shards * width];
        for (int d = 0; d < _replicas.Length; d++)
        {
            Span<double> row = _records.AsSpan((_firstShard + d) * width, width);
            row.Clear();
            (row[3], row[4]) = (compute[d].Ticks, wait[d].Ticks);
            if (shards[_firstShard + d].Count == 0) continue;
            ModelReplica replica = _replicas[d];
            var (real, padded) = replica.TokenCounts(batches[d]);
            (row[0], row[1], row[2]) = (replica.ActivityPenalty, real, padded);
            int m = 0;
            for (int k = 0; k < objectives.Count; k++)
                foreach (Metric metric in objectives[k].Metrics)
                {
                    (row[5 + 2 * m], row[6 + 2 * m]) = metric.Score(replica.Output(k), batches[d].Targets![k]!, RowsOf(replica, k, metric));
                    m++;
                }
        }
        _exchange?.Share(_records, width);
        var records = new DeviceBatchRecord[_shards];
        for (int s = 0; s < _shards; s++)
        {
            ReadOnlySpan<double> row = _records.AsSpan(s * width, width);
            TimeSpan shardCompute = TimeSpan.FromTicks((long)row[3]), shardWait = TimeSpan.FromTicks((long)row[4]);
            if (shards[s].Count == 0)
            {
                records[s] = new DeviceBatchRecord(DeviceNames[s], 0, 0, 0, double.NaN, shardCompute, shardWait);
                continue;
            }
            _activityPenalties[s] = row[0];
            for (int m = 0; m < metrics.Length; m++) metrics[m].Add(row[5 + 2 * m], row[6 + 2 * m]);
            records[s] = new DeviceBatchRecord(DeviceNames[s], shards[s].Count, (int)row[1], (int)row[2], DeviceLoss(objectives, results, s),
                shardCompute, shardWait);
        }
        return records;
    }

    // Each device back-propagates its share's loss gradient scaled so that the device gradients add up to the gradient of
    // Σ_k weight_k · loss_k over the whole batch: for a dividing reduction the share counts with W_dk / W_k.
    private static double Scale(OutputObjective objective, double shareWeight, double total) =>
        !objective.Loss.Reduction.Divides ? objective.Weight : total == 0 ? 0 : objective.Weight * shareWeight / total;

    private static double CombinedLoss(OutputObjective objective, (double Loss, double Weight)[,] results, int k, double total)
    {
        double sum = 0;
        for (int d = 0; d < results.GetLength(0); d++)
            sum += objective.Loss.Reduction.Divides ? results[d, k].Loss * results[d, k].Weight : results[d, k].Loss;
        return objective.Loss.Reduction.Divides ? (total == 0 ? 0 : sum / total) : sum;
    }

    // The loss a device reports for its share: Σ_k weight_k · its share's loss of output k.
    private static double DeviceLoss(IReadOnlyList<OutputObjective> objectives, (double Loss, double Weight)[,] results, int d)
    {
        double loss = 0;
        for (int k = 0; k < objectives.Count; k++) loss += objectives[k].Weight * results[d, k].Loss;
        return loss;
    }

    /// <inheritdoc/>
    public (double Loss, double[] OutputLosses) Evaluate(Batch batch, IReadOnlyList<OutputObjective> objectives)
    {
        var results = Primary.Measure(batch, objectives, train: false);
        var outputLosses = new double[objectives.Count];
        double loss = 0;
        for (int k = 0; k < objectives.Count; k++)
        {
            loss += objectives[k].Weight * (outputLosses[k] = results[k].Loss);
            foreach (Metric metric in objectives[k].Metrics) metric.Update(Primary.Output(k), batch.Targets![k]!, RowsOf(Primary, k, metric));
        }
        return (loss + Primary.ActivityPenalty / batch.Count + WeightPenalties.Add(_weights, addGradients: false), outputLosses);
    }

    /// <inheritdoc/>
    /// <remarks>
    /// Rows do not interact in inference, so each device's share gives the same numbers it would give on one device; a
    /// batch of fewer samples than devices runs on device 0 alone.
    /// </remarks>
    public ReadOnlySpan<PredictionShare> Predict(DataSource source, ArraySegment<int> indices)
    {
        DataSource[] views = ViewsOf(source);
        ArraySegment<int>[] shards = _predictShards =
            _replicas.Length == 1 || indices.Count < _replicas.Length ? One(indices) : _predictSplit.Split(views[0], indices);
        if (shards.Length == 1) PredictOn(0);
        else _workers!.Run(_predictOn, stackalloc TimeSpan[_replicas.Length], stackalloc TimeSpan[_replicas.Length]);
        int shares = 0;
        for (int d = 0; d < shards.Length; d++)
            if (shards[d].Count > 0) _predictionShares[shares++] = new PredictionShare(shards[d], _predictedOutputs[d]);
        return _predictionShares.AsSpan(0, shares);
    }

    // Device d's share of the current prediction batch, through the engine's views (one delegate for every batch).
    private void PredictOn(int d)
    {
        if (d >= _predictShards.Length || _predictShards[d].Count == 0) return;
        ModelReplica replica = _replicas[d];
        replica.Forward(_views[d].Take(_predictShards[d]), training: false);
        for (int k = 0; k < _predictedOutputs[d].Length; k++) _predictedOutputs[d][k] = replica.Output(k);
    }

    private ArraySegment<int>[] One(ArraySegment<int> indices)
    {
        _oneShard[0] = indices;
        return _oneShard;
    }

    /// <summary>Stops the worker threads and frees what the backend's runners hold (libtorch's tensors).</summary>
    public void Dispose()
    {
        _workers?.Dispose();
        foreach (ModelReplica replica in _replicas) (replica.Runner as IDisposable)?.Dispose();
    }

    // Runs work(d) on every device, adding each device's compute and wait time to the phase's before.
    private void RunOnDevices(Action<int> work, Span<TimeSpan> compute, Span<TimeSpan> wait)
    {
        int devices = _replicas.Length;
        Span<TimeSpan> phaseCompute = stackalloc TimeSpan[devices], phaseWait = stackalloc TimeSpan[devices];
        if (_workers is null)
        {
            long start = Stopwatch.GetTimestamp();
            work(0);
            phaseCompute[0] = Stopwatch.GetElapsedTime(start);
        }
        else _workers.Run(work, phaseCompute, phaseWait);
        for (int d = 0; d < devices; d++)
        {
            compute[d] += phaseCompute[d];
            wait[d] += phaseWait[d];
        }
    }

    // A weighted metric weighs rows by the sample weights and the mask, any other by the mask alone.
    private static ReadOnlySpan<float> RowsOf(ModelReplica replica, int output, Metric metric) =>
        metric.WeighsSamples ? replica.SampleRowWeights(output) : replica.RowWeights(output);

    // Each device assembles its share in buffers of its own: a view of the source per device, made once per source.
    private DataSource[] ViewsOf(DataSource source)
    {
        if (!ReferenceEquals(source, _source))
        {
            _source = source;
            _views = [source, .. Enumerable.Range(1, _replicas.Length - 1).Select(_ => source.CreateView())];
        }
        // Ids before an Embedding with maskZero: only non-zero ones are real steps, which the split balances.
        if (_shards > 1 && source is TensorDataSource { SampleTokens: null } tensors && Primary.Runner.ReaderOf(0) is Embedding { MaskZero: true })
            tensors.SampleTokens = TokenSplit.NonZeroPerSample(tensors);
        return _views;
    }
}
