using System.Diagnostics;
using NotebookRnn.Data;
using NotebookRnn.Layers;
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
    private DataSource? _source;
    private DataSource[] _views = [];

    /// <summary>Creates the replicas of <paramref name="layers"/> (built for <paramref name="inputShape"/>) on <paramref name="devices"/>.</summary>
    /// <param name="layers">The built layers; device 0 runs them, and the replicas share their weight values.</param>
    /// <param name="inputShape">The input shape the layers were built for (without batch).</param>
    /// <param name="seed">Seed of the replicas' own random streams (dropout): device d draws from seed + 7919·d.</param>
    /// <param name="devices">The devices.</param>
    /// <exception cref="InvalidOperationException">A layer cannot be copied (a custom layer whose arguments no property holds).</exception>
    public DataParallelExecutor(IReadOnlyList<Layer> layers, int?[] inputShape, long seed, DeviceSet devices)
    {
        _replicas = new ModelReplica[devices.Count];
        _replicas[0] = new ModelReplica(devices[0], layers);
        for (int d = 1; d < _replicas.Length; d++)
            _replicas[d] = new ModelReplica(devices[d], Copy(layers, inputShape, new RandomGenerator(unchecked(seed + 7919L * d))));
        _parameters = [.. _replicas.Select(r => r.Parameters)];
        _shareWeights = new double?[devices.Count];
        _workers = devices.Count > 1 ? new DeviceWorkers(devices.Count) : null;
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
    public (double Loss, DeviceBatchRecord[] Devices) Train(DataSource source, ArraySegment<int> indices, Loss loss, Optimizer optimizer,
        IReadOnlyList<Metric> metrics)
    {
        DataSource[] views = ViewsOf(source);
        int devices = _replicas.Length;
        ArraySegment<int>[] shards = devices == 1 ? [indices] : TokenSplit.Split(views[0], indices, devices);
        var batches = new Batch[devices];
        var results = new (double Loss, double Weight)[devices];
        double totalWeight = 0;
        Span<TimeSpan> compute = stackalloc TimeSpan[devices], wait = stackalloc TimeSpan[devices];
        void Measure(int d)
        {
            if (shards[d].Count == 0) return;
            batches[d] = views[d].Take(shards[d]);
            results[d] = _replicas[d].Measure(batches[d], loss, train: true);
        }
        void Backward(int d)
        {
            if (shards[d].Count > 0 && results[d].Weight > 0) _replicas[d].Backward(totalWeight / (results[d].Weight * indices.Count));
        }
        RunOnDevices(Measure, compute, wait);
        // Shares of a dividing reduction combine as a mean weighted by their divisors; shares of a sum add up.
        totalWeight = loss.Reduction.Divides ? results.Sum(r => r.Weight) : 1;
        RunOnDevices(Backward, compute, wait);
        if (devices > 1)
        {
            for (int d = 0; d < devices; d++) _shareWeights[d] = shards[d].Count == 0 ? null : results[d].Weight;
            GradientReduction.Reduce(_parameters, _shareWeights, totalWeight);
        }
        var records = new DeviceBatchRecord[devices];
        for (int d = 0; d < devices; d++) records[d] = Record(d, shards[d].Count, batches[d], results[d].Loss, compute[d], wait[d], metrics);
        double penalties = WeightPenalties.Add(Primary.Parameters, addGradients: true);
        for (int d = 0; d < devices; d++)
            if (shards[d].Count > 0) penalties += _replicas[d].ActivityPenalty / indices.Count;
        optimizer.Apply(Primary.Parameters);
        WeightPenalties.Constrain(Primary.Parameters);
        return ((totalWeight == 0 ? 0 : results.Sum(r => r.Loss * r.Weight) / totalWeight) + penalties, records);
    }

    /// <inheritdoc/>
    public double Evaluate(Batch batch, Loss loss, IReadOnlyList<Metric> metrics)
    {
        var (value, _) = Primary.Measure(batch, loss, train: false);
        foreach (Metric metric in metrics) metric.Update(Primary.Output!, batch.Y!, RowsOf(Primary, metric));
        return value + Primary.ActivityPenalty / batch.Count + WeightPenalties.Add(Primary.Parameters, addGradients: false);
    }

    /// <inheritdoc/>
    public Tensor Predict(Batch batch) => Primary.Forward(batch.X, batch.Mask, training: false, out _);

    /// <summary>Stops the worker threads.</summary>
    public void Dispose() => _workers?.Dispose();

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
    private DeviceBatchRecord Record(int d, int samples, Batch batch, double loss, TimeSpan compute, TimeSpan wait, IReadOnlyList<Metric> metrics)
    {
        ModelReplica replica = _replicas[d];
        if (samples == 0) return new DeviceBatchRecord(replica.Device.Name, 0, 0, 0, double.NaN, compute, wait);
        foreach (Metric metric in metrics) metric.Update(replica.Output!, batch.Y!, RowsOf(replica, metric));
        var (real, padded) = replica.TokenCounts(batch);
        return new DeviceBatchRecord(replica.Device.Name, samples, real, padded, loss, compute, wait);
    }

    // A weighted metric weighs rows by the sample weights and the mask, any other by the mask alone.
    private static ReadOnlySpan<float> RowsOf(ModelReplica replica, Metric metric) =>
        metric.WeighsSamples ? replica.SampleRowWeights.Span : replica.RowWeights.Span;

    // Each device assembles its share in buffers of its own: a view of the source per device, made once per source.
    private DataSource[] ViewsOf(DataSource source)
    {
        if (!ReferenceEquals(source, _source))
        {
            _source = source;
            _views = [source, .. Enumerable.Range(1, _replicas.Length - 1).Select(_ => source.CreateView())];
        }
        // Ids before an Embedding with maskZero: only non-zero ones are real steps, which the split balances.
        if (_replicas.Length > 1 && source is TensorDataSource { SampleTokens: null } tensors && Primary.Layers[0] is Embedding { MaskZero: true })
            tensors.SampleTokens = TokenSplit.NonZeroPerSample(tensors);
        return _views;
    }

    // A replica's layers: copies of the primary's, built on the primary's weight values (they skip their initializers).
    private static List<Layer> Copy(IReadOnlyList<Layer> layers, int?[] inputShape, RandomGenerator random)
    {
        var copies = new List<Layer>(layers.Count);
        int?[] shape = inputShape;
        foreach (Layer layer in layers)
        {
            Layer copy = LayerConfig.Clone(layer);
            WeightCreation weights = WeightCreation.SharedWith(layer.Parameters);
            copy.BuildWith(weights, shape, random);
            weights.EnsureComplete(copy);
            shape = copy.OutputShape;
            copies.Add(copy);
        }
        return copies;
    }
}
