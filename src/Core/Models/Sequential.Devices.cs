using NotebookRnn.Kernels;

namespace NotebookRnn;

public sealed partial class Sequential
{
    private DeviceSet _devices = DeviceSet.FromCount(1);
    private DataSource[]? _singleBatchSources;
    private ModelReplica[]? _replicas;
    private DeviceWorkers? _workers;

    /// <summary>The devices <c>Fit</c> trains on (set by <see cref="Compile"/>; default one, <c>cpu:0</c>).</summary>
    public DeviceSet Devices => _devices;

    private ModelReplica Primary => Replicas()[0];

    // Device 0 runs the model's own layers; every other device a copy whose weights are the primary's own tensors.
    private ModelReplica[] Replicas()
    {
        if (_replicas is not null) return _replicas;
        RequireBuilt();
        var replicas = new ModelReplica[_devices.Count];
        replicas[0] = new ModelReplica(_devices[0], _layers);
        for (int d = 1; d < replicas.Length; d++) replicas[d] = CreateReplica(_devices[d], d);
        _workers?.Dispose();
        _workers = replicas.Length > 1 ? new DeviceWorkers(replicas.Length) : null;
        return _replicas = replicas;
    }

    // A replica's layers are built on the primary's weight values (they skip their initializers).
    private ModelReplica CreateReplica(Device device, int index)
    {
        var random = new RandomGenerator(unchecked(Seed + 7919L * index));
        var layers = new List<Layer>();
        int?[] shape = _inputShape!;
        foreach (Layer layer in _layers)
        {
            Layer copy = LayerRegistry.Clone(layer);
            WeightCreation weights = WeightCreation.SharedWith(layer.Parameters);
            copy.BuildWith(weights, shape, random);
            weights.EnsureComplete(copy);
            shape = copy.OutputShape;
            layers.Add(copy);
        }
        return new ModelReplica(device, layers);
    }

    private void ResetReplicas()
    {
        _singleBatchSources = null;
        _workers?.Dispose();
        _workers = null;
        _replicas = null;
    }

    private DataSource[] DeviceSources(DataSource source)
    {
        if (source is TensorDataSource tensors) CountTokens(tensors);
        return [source, .. Enumerable.Range(1, _devices.Count - 1).Select(_ => source.CreateView())];
    }

    // TrainOnBatch's per-device sources live as long as the replicas, so their batch buffers are not reallocated.
    private DataSource[] SingleBatchSources(Tensor x, Tensor y)
    {
        if (_singleBatchSources is null) return _singleBatchSources = DeviceSources(new TensorDataSource(x, y));
        foreach (TensorDataSource source in _singleBatchSources.Cast<TensorDataSource>()) source.Rebind(x, y);
        CountTokens((TensorDataSource)_singleBatchSources[0]);
        for (int d = 1; d < _singleBatchSources.Length; d++)
            ((TensorDataSource)_singleBatchSources[d]).SampleTokens = ((TensorDataSource)_singleBatchSources[0]).SampleTokens;
        return _singleBatchSources;
    }

    // Ids before an Embedding with maskZero: only non-zero ones are real steps, which the split balances.
    private void CountTokens(TensorDataSource source)
    {
        if (_devices.Count > 1 && _layers[0] is Embedding { MaskZero: true } && source.SampleTokens is null)
            source.SampleTokens = NonZeroPerSample(source);
    }

    private static int[] NonZeroPerSample(TensorDataSource source)
    {
        var tokens = new int[source.Count];
        var one = new int[1];
        for (int i = 0; i < tokens.Length; i++)
        {
            one[0] = i;
            foreach (float id in source.Take(one).X.Span) if (id != 0) tokens[i]++;
        }
        return tokens;
    }

    /// <summary>
    /// One training step on every device: the batch is split by token count, each device runs forward and backward
    /// on its share, gradients are reduced into the primary in device order (each weighted by its share of the loss
    /// weight), then the optimizer updates the shared weights once.
    /// </summary>
    private (double Loss, DeviceBatchRecord[] Devices) TrainBatch(DataSource[] sources, ArraySegment<int> indices, Compiled compiled)
    {
        ModelReplica[] replicas = Replicas();
        int devices = replicas.Length;
        ArraySegment<int>[] shards = devices == 1 ? [indices] : SplitByTokens(sources[0], indices, devices);
        var batches = new Batch[devices];
        var results = new (double Loss, double Weight)[devices];
        Span<TimeSpan> compute = stackalloc TimeSpan[devices], wait = stackalloc TimeSpan[devices];
        void Work(int d)
        {
            if (shards[d].Count == 0) return;
            batches[d] = sources[d].Take(shards[d]);
            results[d] = replicas[d].Step(batches[d], compiled.Loss, train: true);
        }
        if (_workers is null)
        {
            long start = System.Diagnostics.Stopwatch.GetTimestamp();
            Work(0);
            compute[0] = System.Diagnostics.Stopwatch.GetElapsedTime(start);
        }
        else _workers.Run(Work, compute, wait);
        double totalWeight = results.Sum(r => r.Weight);
        double loss = totalWeight == 0 ? 0 : results.Sum(r => r.Loss * r.Weight) / totalWeight;
        if (devices > 1) ReduceGradients(replicas, results, shards, totalWeight);
        var records = new DeviceBatchRecord[devices];
        for (int d = 0; d < devices; d++)
        {
            if (shards[d].Count == 0)
            {
                records[d] = new DeviceBatchRecord(replicas[d].Device.Name, 0, 0, 0, double.NaN, compute[d], wait[d]);
                continue;
            }
            foreach (Metric metric in compiled.Metrics) metric.Update(replicas[d].Output!, batches[d].Y!, replicas[d].RowWeights.Span);
            foreach (Metric metric in compiled.BatchMetrics) metric.Update(replicas[d].Output!, batches[d].Y!, replicas[d].RowWeights.Span);
            var (real, padded) = replicas[d].TokenCounts(batches[d]);
            records[d] = new DeviceBatchRecord(replicas[d].Device.Name, shards[d].Count, real, padded, results[d].Loss, compute[d], wait[d]);
        }
        compiled.Optimizer.Apply(replicas[0].Parameters);
        return (loss, records);
    }

    // g = Σ_d (W_d / W) · g_d in device order, so the result depends on the split only through float rounding.
    private static void ReduceGradients(ModelReplica[] replicas, (double Loss, double Weight)[] results, ArraySegment<int>[] shards,
        double totalWeight)
    {
        Parameter[] primary = replicas[0].Parameters;
        for (int p = 0; p < primary.Length; p++)
        {
            Span<float> target = primary[p].Gradient.Span;
            float scale = shards[0].Count == 0 || totalWeight == 0 ? 0 : (float)(results[0].Weight / totalWeight);
            ElementwiseKernels.Multiply(target, scale, target);
            for (int d = 1; d < replicas.Length; d++)
            {
                if (shards[d].Count == 0) continue;
                ElementwiseKernels.MultiplyAdd(replicas[d].Parameters[p].Gradient.Span, (float)(results[d].Weight / totalWeight), target, target);
            }
        }
    }

    /// <summary>
    /// Splits a batch across devices so their token counts are balanced: longest samples first, each to the device
    /// with the fewest tokens so far (ties to the lower device); each share keeps the batch's order.
    /// </summary>
    internal static ArraySegment<int>[] SplitByTokens(DataSource source, ArraySegment<int> indices, int devices)
    {
        int[] order = [.. Enumerable.Range(0, indices.Count).OrderByDescending(i => source.Tokens(indices[i])).ThenBy(i => i)];
        var load = new long[devices];
        var owner = new int[indices.Count];
        foreach (int i in order)
        {
            int best = 0;
            for (int d = 1; d < devices; d++) if (load[d] < load[best]) best = d;
            owner[i] = best;
            load[best] += Math.Max(1, source.Tokens(indices[i]));
        }
        var shards = new ArraySegment<int>[devices];
        for (int d = 0; d < devices; d++)
            shards[d] = new ArraySegment<int>([.. Enumerable.Range(0, indices.Count).Where(i => owner[i] == d).Select(i => indices[i])]);
        return shards;
    }
}
