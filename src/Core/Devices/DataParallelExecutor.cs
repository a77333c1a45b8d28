using System.Diagnostics;
using NotebookRnn.Data;
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
/// The managed <see cref="IExecutionEngine"/>: data-parallel training on CPU devices. Device 0 runs the given layers
/// on the calling thread; every other device a replica of them (own layer objects, workspaces and gradients; the
/// primary's weight values) on a worker thread. A training batch is split by token count (<see cref="TokenSplit"/>),
/// each device runs forward and backward on its share, the gradients are reduced into the primary in device order
/// (<see cref="GradientReduction"/>), and the optimizer updates the shared weights once. Results do not depend on the
/// device count except through float rounding.
/// </summary>
internal sealed class DataParallelExecutor : IExecutionEngine, IDisposable
{
    private readonly ModelReplica[] _replicas;
    private readonly Parameter[][] _parameters;
    private readonly double?[] _shareWeights;
    private readonly DeviceWorkers? _workers;
    private readonly TokenSplit _split;
    private readonly Tensor[][] _predictedOutputs;
    private readonly PredictionShare[] _predictionShares;
    private readonly ArraySegment<int>[] _oneShard = new ArraySegment<int>[1];
    private readonly Action<int> _predictOn;
    private ArraySegment<int>[] _predictShards = [];
    private DataSource? _source;
    private DataSource[] _views = [];

    /// <summary>Creates the replicas of <paramref name="program"/>'s layers (built) on <paramref name="devices"/>, run by <paramref name="backend"/>.</summary>
    /// <param name="program">The model's graph; device 0 runs its layers, and the replicas share their weight values.</param>
    /// <param name="seed">Seed of the replicas' own random streams (dropout): device d draws from seed + 7919·d.</param>
    /// <param name="devices">The devices.</param>
    /// <param name="backend">What runs the layers on each device.</param>
    /// <exception cref="InvalidOperationException">A layer cannot be copied (a custom layer whose arguments no property holds).</exception>
    /// <exception cref="NotSupportedException">The backend cannot run a layer of the program; the message names it.</exception>
    public DataParallelExecutor(GraphProgram program, long seed, DeviceSet devices, Backend backend)
    {
        _replicas = new ModelReplica[devices.Count];
        _replicas[0] = new ModelReplica(devices[0], backend.CreateRunner(devices[0], program, layer => layer, new RandomGenerator(unchecked(seed + 104729L))));
        for (int d = 1; d < _replicas.Length; d++)
        {
            var random = new RandomGenerator(unchecked(seed + 7919L * d));
            Dictionary<Layer, Layer> copies = program.Nodes.Select(n => n.Layer).Distinct().ToDictionary(layer => layer, layer => LayerConfig.CloneSharingWeights(layer, random));
            _replicas[d] = new ModelReplica(devices[d], backend.CreateRunner(devices[d], program, layer => copies[layer], random));
        }
        _parameters = [.. _replicas.Select(r => r.Parameters)];
        _shareWeights = new double?[devices.Count];
        _workers = devices.Count > 1 ? new DeviceWorkers(devices.Count) : null;
        _split = new TokenSplit(devices.Count);
        _predictedOutputs = [.. _replicas.Select(_ => new Tensor[program.Outputs.Count])];
        _predictionShares = new PredictionShare[devices.Count];
        _predictOn = PredictOn;
        Devices = [.. devices];
    }

    /// <inheritdoc/>
    public IReadOnlyList<Device> Devices { get; }

    /// <summary>Checks that the layers can be trained on <paramref name="devices"/>: a stateful layer needs one device.</summary>
    /// <exception cref="ArgumentException">Several devices and a stateful layer, whose states follow one batch order.</exception>
    public static void CheckSplittable(IEnumerable<Layer> layers, DeviceSet devices)
    {
        IEnumerable<Layer> all = layers.SelectMany(l => l is Bidirectional both ? new Layer[] { both.ForwardLayer, both.BackwardLayer } : [l]);
        if (devices.Count > 1 && all.OfType<RecurrentLayer>().FirstOrDefault(l => l.Stateful) is RecurrentLayer stateful)
            throw new ArgumentException(
                $"Layer '{stateful.Name}' is stateful, so its states follow one batch order; train it on one device, not {devices.Count}.",
                nameof(devices));
    }

    private ModelReplica Primary => _replicas[0];

    /// <inheritdoc/>
    /// <remarks>
    /// The step runs in two phases: every device's forward pass and loss, then — once the batch's loss weight W is known —
    /// every device's backward pass, which adds (W / (W_d · N)) · ∂activity/∂output so that, after the reduction weighs the
    /// device by W_d / W, the activity penalties count Σ penalty / N (N the batch's sample count) whatever the split. The
    /// weight penalties' gradients are added once, to the combined gradient, and the constraints run after the update.
    /// </remarks>
    public (double Loss, double[] OutputLosses, DeviceBatchRecord[] Devices) Train(DataSource source, ArraySegment<int> indices,
        IReadOnlyList<OutputObjective> objectives, Optimizer optimizer)
    {
        DataSource[] views = ViewsOf(source);
        int devices = _replicas.Length, outputs = objectives.Count;
        ArraySegment<int>[] shards = devices == 1 ? One(indices) : _split.Split(views[0], indices);
        var batches = new Batch[devices];
        var results = new (double Loss, double Weight)[devices, outputs];
        var totals = new double[outputs];
        Span<TimeSpan> compute = stackalloc TimeSpan[devices], wait = stackalloc TimeSpan[devices];
        void Measure(int d)
        {
            if (shards[d].Count == 0) return;
            batches[d] = views[d].Take(shards[d]);
            var measured = _replicas[d].Measure(batches[d], objectives, train: true);
            for (int k = 0; k < outputs; k++) results[d, k] = measured[k];
        }
        void Backward(int d)
        {
            if (shards[d].Count == 0) return;
            Span<double> scales = stackalloc double[outputs];
            for (int k = 0; k < outputs; k++) scales[k] = Scale(objectives[k], results[d, k].Weight, totals[k]);
            _replicas[d].Backward(1.0 / indices.Count, scales);
        }
        RunOnDevices(Measure, compute, wait);
        // Shares of a dividing reduction combine as a mean weighted by their divisors; shares of a sum add up.
        for (int k = 0; k < outputs; k++)
        {
            totals[k] = 0;
            for (int d = 0; d < devices; d++) totals[k] += objectives[k].Loss.Reduction.Divides ? results[d, k].Weight : 0;
        }
        RunOnDevices(Backward, compute, wait);
        if (devices > 1)
        {
            for (int d = 0; d < devices; d++) _shareWeights[d] = shards[d].Count == 0 ? null : 1;
            GradientReduction.Reduce(_parameters, _shareWeights, 1);
        }
        var records = new DeviceBatchRecord[devices];
        for (int d = 0; d < devices; d++)
            records[d] = Record(d, shards[d].Count, batches[d], DeviceLoss(objectives, results, d), compute[d], wait[d], objectives);
        double penalties = WeightPenalties.Add(Primary.Parameters, addGradients: true);
        for (int d = 0; d < devices; d++)
            if (shards[d].Count > 0) penalties += _replicas[d].ActivityPenalty / indices.Count;
        optimizer.Apply(Primary.Parameters);
        WeightPenalties.Constrain(Primary.Parameters);
        var outputLosses = new double[outputs];
        double loss = 0;
        for (int k = 0; k < outputs; k++) loss += objectives[k].Weight * (outputLosses[k] = CombinedLoss(objectives[k], results, k, totals[k]));
        return (loss + penalties, outputLosses, records);
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
        return (loss + Primary.ActivityPenalty / batch.Count + WeightPenalties.Add(Primary.Parameters, addGradients: false), outputLosses);
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
            _replicas.Length == 1 || indices.Count < _replicas.Length ? One(indices) : _split.Split(views[0], indices);
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

    // A device with no share records zeros; the others update the metrics with their outputs, in device order.
    private DeviceBatchRecord Record(int d, int samples, Batch batch, double loss, TimeSpan compute, TimeSpan wait, IReadOnlyList<OutputObjective> objectives)
    {
        ModelReplica replica = _replicas[d];
        if (samples == 0) return new DeviceBatchRecord(replica.Device.Name, 0, 0, 0, double.NaN, compute, wait);
        for (int k = 0; k < objectives.Count; k++)
            foreach (Metric metric in objectives[k].Metrics) metric.Update(replica.Output(k), batch.Targets![k]!, RowsOf(replica, k, metric));
        var (real, padded) = replica.TokenCounts(batch);
        return new DeviceBatchRecord(replica.Device.Name, samples, real, padded, loss, compute, wait);
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
        if (_replicas.Length > 1 && source is TensorDataSource { SampleTokens: null } tensors && Primary.Runner.ReaderOf(0) is Embedding { MaskZero: true })
            tensors.SampleTokens = TokenSplit.NonZeroPerSample(tensors);
        return _views;
    }
}
