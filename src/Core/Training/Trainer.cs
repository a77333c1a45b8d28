using System.Diagnostics;
using NotebookRnn.Data;
using NotebookRnn.Devices;
using NotebookRnn.Losses;
using NotebookRnn.Metrics;
using NotebookRnn.Optimizers;
using NotebookRnn.Tensors;

namespace NotebookRnn.Training;

/// <summary>
/// A model's training loop (Keras's trainer): <c>Fit</c> — epochs of batches with callbacks, validation, progress,
/// <see cref="History"/> and training events — and <c>Evaluate</c> and <c>TrainOnBatch</c>, all run by the model's
/// <see cref="IExecutionEngine"/>. It sees data sources and the engine, never the model: the model checks its data
/// against its shapes first.
/// </summary>
/// <param name="modelName">The model's name, for messages.</param>
/// <param name="engine">The model's engine as it is now (the model makes a new one when its layers or devices change).</param>
/// <param name="events">Where run, batch and epoch events are published.</param>
/// <param name="shuffleRandom">The stream that shuffles samples and batches.</param>
internal sealed class Trainer(string modelName, Func<IExecutionEngine> engine, TrainingEventStream events, RandomGenerator shuffleRandom)
{
    private Settings? _settings;
    private TensorDataSource? _singleBatch;

    /// <summary>Set by a callback to end <c>Fit</c> after the current batch; <c>Fit</c> clears it when it starts.</summary>
    public bool StopTraining { get; set; }

    /// <summary>The optimizer, once compiled.</summary>
    public Optimizer? Optimizer => _settings?.Optimizer;

    /// <summary>The first output's loss, once compiled.</summary>
    public Loss? Loss => _settings?.Outputs[0].Loss;

    /// <summary>Each output's name, loss, loss weight and metrics, once compiled.</summary>
    public IReadOnlyList<OutputSettings>? Outputs => _settings?.Outputs;

    /// <summary>The metrics as compiled (resolved for their output's loss), every output's, once compiled.</summary>
    public IReadOnlyList<Metric>? Metrics => _settings?.Metrics;

    /// <summary>
    /// Fixes the optimizer, loss and metrics of a model with one output; metric names are resolved for the loss
    /// (<c>"accuracy"</c>). Weighted metrics (Keras <c>weighted_metrics</c>) follow the others; one whose name an unweighted
    /// metric has is reported as <c>weighted_&lt;name&gt;</c>, as Keras does.
    /// </summary>
    /// <exception cref="ArgumentException">A metric name repeats or is <c>loss</c>; the loss has reduction <c>none</c>.</exception>
    /// <exception cref="ArgumentNullException">The optimizer or the loss is null.</exception>
    public void Compile(Optimizer optimizer, Loss loss, IEnumerable<Metric> metrics, IEnumerable<Metric>? weightedMetrics = null) =>
        Compile(optimizer, [new OutputCompile("", loss, 1, metrics, weightedMetrics)]);

    /// <summary>
    /// Fixes the optimizer and, per output, the loss, its weight in the total and the metrics. With several outputs the
    /// logs name each output's loss <c>&lt;output&gt;_loss</c> and its metrics <c>&lt;output&gt;_&lt;metric&gt;</c>, as Keras does.
    /// </summary>
    /// <exception cref="ArgumentException">A metric name repeats or is <c>loss</c>; a loss has reduction <c>none</c>.</exception>
    /// <exception cref="ArgumentNullException">The optimizer or a loss is null.</exception>
    public void Compile(Optimizer optimizer, IReadOnlyList<OutputCompile> outputs)
    {
        ArgumentNullException.ThrowIfNull(optimizer);
        bool several = outputs.Count > 1;
        OutputSettings[] resolved = [.. outputs.Select(o => Resolve(o, several ? o.Name + "_" : ""))];
        string? duplicate = resolved.SelectMany(o => o.Metrics.Select(m => m.Name).Append(o.LossName)).Append("loss")
            .GroupBy(n => n).FirstOrDefault(g => g.Key.Length > 0 && g.Count() > 1)?.Key;
        if (duplicate is not null)
            throw new ArgumentException($"Metric names must be unique and not \"loss\"; \"{duplicate}\" appears twice.", "metrics");
        _settings = new Settings(optimizer, resolved);
    }

    // One output's loss and metrics, resolved for the loss and named for the logs (prefix: the output's name and _ when there are several).
    private static OutputSettings Resolve(OutputCompile output, string prefix)
    {
        Loss loss = output.Loss ?? throw new ArgumentNullException(nameof(output), $"The loss of output '{output.Name}' is null.");
        if (loss.Reduction == LossReduction.None)
            throw new ArgumentException(
                $"Loss {loss.Name} has reduction none, which gives one value per row, but training needs one number; " +
                "use sum_over_batch_size (the default), sum, mean or mean_with_sample_weight.", "loss");
        Metric[] plain = [.. output.Metrics.Select(m => m.ResolveFor(loss).Weighted(m.WeighsSamples))];
        Metric[] weighted = [.. (output.WeightedMetrics ?? []).Select(m => m.ResolveFor(loss))];
        foreach (Metric metric in weighted)
            metric.Weighted(true, plain.Any(p => p.Name == metric.Name) ? "weighted_" + metric.Name : null);
        Metric[] all = [.. plain, .. weighted];
        foreach (Metric metric in all) metric.Weighted(metric.WeighsSamples, prefix + metric.Name);
        return new OutputSettings(output.Name, loss, output.Weight, all, prefix.Length == 0 ? "" : prefix + "loss");
    }

    /// <summary>The loss of a compiled model.</summary>
    /// <exception cref="InvalidOperationException">The model is not compiled.</exception>
    public Loss RequireCompiled() => Compiled().Outputs[0].Loss;

    /// <summary>Trains on dense samples; the last ones are held out when <see cref="FitOptions.ValidationSplit"/> asks.</summary>
    /// <exception cref="ArgumentException">No sample is left for training, or none for validation.</exception>
    public History Fit(TensorDataSource source, TensorDataSource? validationData, FitOptions options, string modelSummary)
    {
        int samples = source.Count, trainCount = TrainCount(samples, options.ValidationSplit, validationData is not null);
        (DataSource, int[])? validation = validationData is not null ? (validationData, [.. Enumerable.Range(0, validationData.Count)])
            : trainCount < samples ? (source, [.. Enumerable.Range(trainCount, samples - trainCount)]) : null;
        int[] order = [.. Enumerable.Range(0, trainCount)];
        return Run(source, () => BatchSchedule.Shuffled(order, options.BatchSize, options.Shuffle, shuffleRandom), validation, options, modelSummary);
    }

    /// <summary>Trains on sequences of different lengths, in batches of similar length (<see cref="BatchSchedule.LengthGrouped"/>).</summary>
    /// <exception cref="ArgumentException">No sample is left for training, or none for validation.</exception>
    public History Fit(RaggedDataSource source, RaggedDataSource? validationData, FitOptions options, string modelSummary)
    {
        int samples = source.Count, trainCount = TrainCount(samples, options.ValidationSplit, validationData is not null);
        (DataSource, int[])? validation = validationData is not null
            ? (validationData, validationData.IndicesByLength(Enumerable.Range(0, validationData.Count)))
            : trainCount < samples ? (source, source.IndicesByLength(Enumerable.Range(trainCount, samples - trainCount))) : null;
        int[] order = [.. Enumerable.Range(0, trainCount)];
        return Run(source, () => BatchSchedule.LengthGrouped(source, order, options.BatchSize, options.Shuffle, shuffleRandom), validation, options,
            modelSummary);
    }

    /// <summary>Loss and metrics over samples <paramref name="indices"/> in inference mode, keys prefixed by <paramref name="prefix"/>.</summary>
    public EvaluationResult Evaluate(DataSource source, int[] indices, int batchSize, string prefix = "")
    {
        Settings settings = Compiled();
        foreach (Metric metric in settings.EvaluationMetrics) metric.Reset();
        var sums = new LossSums(settings.Outputs.Length);
        for (int start = 0; start < indices.Length; start += batchSize)
        {
            int count = Math.Min(batchSize, indices.Length - start);
            var (loss, outputLosses) = engine().Evaluate(source.Take(indices.AsSpan(start, count)), settings.EvaluationObjectives);
            sums.Add(loss, outputLosses, count);
        }
        EvaluationResult result = sums.Logs(settings, settings.EvaluationMetrics, prefix);
        if (indices.Length == 0) result[prefix + "loss"] = double.NaN;
        return result;
    }

    /// <summary>One gradient update on exactly this batch (with its sample weights, if any); returns its loss and metrics (before the update).</summary>
    public EvaluationResult TrainOnBatch(Tensor x, Tensor y, Tensor? sampleWeight)
    {
        Settings settings = Compiled();
        // One source, rebound each call, so the engine's per-device batch buffers are not reallocated every batch.
        if (_singleBatch is null) _singleBatch = new TensorDataSource(x, y, sampleWeight);
        else _singleBatch.Rebind(x, y, sampleWeight);
        foreach (Metric metric in settings.BatchMetrics) metric.Reset();
        var (loss, outputLosses, _) = engine().Train(_singleBatch, new ArraySegment<int>([.. Enumerable.Range(0, x.Dim(0))]),
            settings.TrainingObjectives, settings.Optimizer);
        var sums = new LossSums(settings.Outputs.Length);
        sums.Add(loss, outputLosses, x.Dim(0));
        return sums.Logs(settings, settings.BatchMetrics);
    }

    // nextEpochBatches is called once per epoch, after OnEpochBegin, and returns the batches of that epoch.
    private History Run(DataSource source, Func<ArraySegment<int>[]> nextEpochBatches, (DataSource Source, int[] Indices)? validation,
        FitOptions options, string modelSummary)
    {
        Settings settings = Compiled();
        IExecutionEngine running = engine();
        var history = new History(options.BatchSize, options.Epochs, DateTimeOffset.Now, running.DeviceNames, modelSummary);
        // Every process of a world trains alike; rank 0 alone reports progress.
        var progress = new ProgressPrinter(running.World.IsRoot ? options.Verbose : 0, Console.Out);
        StopTraining = false;
        foreach (ITrainingCallback hook in options.Callbacks) hook.OnTrainBegin();
        events.Publish(new RunStarted { History = history });
        long plannedBatches = 0;
        for (int epoch = 0; epoch < options.Epochs && !Stopped(running, options); epoch++)
        {
            foreach (ITrainingCallback hook in options.Callbacks) hook.OnEpochBegin(epoch);
            ArraySegment<int>[] batches = nextEpochBatches();
            plannedBatches += batches.Length;
            EpochRecord record = RunEpoch(running, source, batches, validation, epoch, history, progress, settings, options);
            history.AddEpoch(record);
            events.Publish(new EpochCompleted(record) { History = history });
            progress.EndEpoch(record);
            foreach (ITrainingCallback hook in options.Callbacks) hook.OnEpochEnd(epoch, record.Metrics);
        }
        history.Interrupted = history.Epochs.Count < options.Epochs || history.Batches.Count < plannedBatches;
        foreach (ITrainingCallback hook in options.Callbacks) hook.OnTrainEnd(history);
        events.Publish(new RunCompleted { History = history });
        return history;
    }

    private EpochRecord RunEpoch(IExecutionEngine running, DataSource source, ArraySegment<int>[] batches,
        (DataSource Source, int[] Indices)? validation, int epoch, History history, ProgressPrinter progress, Settings settings, FitOptions options)
    {
        var epochClock = Stopwatch.StartNew();
        foreach (Metric metric in settings.Metrics) metric.Reset();
        double trainSeconds = 0;
        LossSums epochSums = new(settings.Outputs.Length), batchSums = new(settings.Outputs.Length);
        progress.BeginEpoch(epoch, options.Epochs, batches.Length);
        for (int b = 0; b < batches.Length && !Stopped(running, options); b++)
        {
            foreach (ITrainingCallback hook in options.Callbacks) hook.OnBatchBegin(b);
            int count = batches[b].Count;
            foreach (Metric metric in settings.BatchMetrics) metric.Reset();
            var stepClock = Stopwatch.StartNew();
            var (loss, outputLosses, devices) = running.Train(source, batches[b], settings.TrainingObjectives, settings.Optimizer);
            TimeSpan elapsed = stepClock.Elapsed;
            trainSeconds += elapsed.TotalSeconds;
            epochSums.Add(loss, outputLosses, count);
            batchSums.Reset();
            batchSums.Add(loss, outputLosses, count);
            EvaluationResult logs = batchSums.Logs(settings, settings.BatchMetrics);
            var record = new BatchRecord(epoch, b, count, logs, elapsed, devices);
            history.AddBatch(record);
            events.Publish(new BatchCompleted(record, batches.Length) { History = history });
            progress.Update(b + 1, epochClock.Elapsed, epochSums.Logs(settings, settings.Metrics));
            foreach (ITrainingCallback hook in options.Callbacks) hook.OnBatchEnd(b, logs);
        }
        EvaluationResult epochLogs = epochSums.Logs(settings, settings.Metrics);
        if (validation is var (validationSource, validationIndices))
            foreach (var (name, value) in Evaluate(validationSource, validationIndices, options.BatchSize, "val_")) epochLogs[name] = value;
        return new EpochRecord(epoch, epochLogs, epochClock.Elapsed, epochSums.Samples, trainSeconds > 0 ? epochSums.Samples / trainSeconds : 0);
    }

    // A callback or the token stops this process; across processes, any one stops them all, at the same batch.
    private bool Stopped(IExecutionEngine running, FitOptions options) =>
        running.AnyStops(StopTraining || options.CancellationToken.IsCancellationRequested);

    // Samples left for training once validationSplit holds out the last ones; checks both parts are non-empty.
    private static int TrainCount(int samples, double validationSplit, bool hasValidationData)
    {
        int trainCount = hasValidationData ? samples : (int)(samples * (1 - validationSplit));
        if (trainCount == 0)
            throw new ArgumentException($"Fit needs at least one training sample; x has {samples} and validationSplit is {validationSplit}.", "x");
        if (validationSplit > 0 && !hasValidationData && trainCount == samples)
            throw new ArgumentException(
                $"validationSplit {validationSplit} of {samples} samples leaves no validation sample; use a larger split or more data.",
                nameof(validationSplit));
        return trainCount;
    }

    private Settings Compiled() => _settings ??
        throw new InvalidOperationException($"Model '{modelName}' must be compiled before training or evaluation: call Compile(optimizer, loss).");

    /// <summary>What <see cref="Compile(Optimizer, IReadOnlyList{OutputCompile})"/> fixed, with separate metric objects for the epoch's running values, the batch and evaluation.</summary>
    private sealed class Settings
    {
        public Settings(Optimizer optimizer, OutputSettings[] outputs)
        {
            (Optimizer, Outputs) = (optimizer, outputs);
            Metric[][] batch = [.. outputs.Select(o => o.Metrics.Select(m => m.Fresh()).ToArray())];
            Metric[][] evaluation = [.. outputs.Select(o => o.Metrics.Select(m => m.Fresh()).ToArray())];
            Metrics = [.. outputs.SelectMany(o => o.Metrics)];
            BatchMetrics = [.. batch.SelectMany(m => m)];
            EvaluationMetrics = [.. evaluation.SelectMany(m => m)];
            TrainingObjectives = [.. outputs.Select((o, k) => new OutputObjective(o.Loss, o.Weight, [.. o.Metrics, .. batch[k]]))];
            EvaluationObjectives = [.. outputs.Select((o, k) => new OutputObjective(o.Loss, o.Weight, evaluation[k]))];
        }

        public Optimizer Optimizer { get; }
        public OutputSettings[] Outputs { get; }
        public Metric[] Metrics { get; }
        public Metric[] BatchMetrics { get; }
        public Metric[] EvaluationMetrics { get; }

        // A training step updates the epoch's running metrics and the batch's own, device by device.
        public OutputObjective[] TrainingObjectives { get; }
        public OutputObjective[] EvaluationObjectives { get; }
    }

    /// <summary>Sample-weighted sums of the total loss and of each output's, for the logs of a batch, an epoch or an evaluation.</summary>
    private sealed class LossSums(int outputs)
    {
        private readonly double[] _outputs = new double[outputs];
        private double _loss;

        public int Samples { get; private set; }

        public void Reset()
        {
            (_loss, Samples) = (0, 0);
            Array.Clear(_outputs);
        }

        public void Add(double loss, double[] outputLosses, int count)
        {
            _loss += loss * count;
            for (int k = 0; k < _outputs.Length; k++) _outputs[k] += outputLosses[k] * count;
            Samples += count;
        }

        // loss, each output's loss when there are several, then the metrics.
        public EvaluationResult Logs(Settings settings, IEnumerable<Metric> metrics, string prefix = "")
        {
            var logs = new EvaluationResult { [prefix + "loss"] = Samples == 0 ? double.NaN : _loss / Samples };
            for (int k = 0; k < _outputs.Length; k++)
                if (settings.Outputs[k].LossName.Length > 0) logs[prefix + settings.Outputs[k].LossName] = Samples == 0 ? double.NaN : _outputs[k] / Samples;
            foreach (Metric metric in metrics) logs[prefix + metric.Name] = metric.Result();
            return logs;
        }
    }
}
