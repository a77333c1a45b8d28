using System.Diagnostics;
using NotebookRnn.Kernels;

namespace NotebookRnn;

public sealed partial class Sequential
{

    /// <summary>
    /// Trains the model for <paramref name="epochs"/> passes over (<paramref name="x"/>, <paramref name="y"/>)
    /// (Keras <c>fit</c>).
    /// </summary>
    /// <param name="x">Inputs, shape (samples, …).</param>
    /// <param name="y">Targets, shape (samples, …output) or class ids for sparse losses.</param>
    /// <param name="batchSize">Samples per gradient update, &gt; 0; default 32.</param>
    /// <param name="epochs">Passes over the data, ≥ 0; default 1.</param>
    /// <param name="verbose">0 silent, 1 progress bar (one line per epoch when output is redirected), 2 one line per epoch.</param>
    /// <param name="callbacks">Hooks called during training.</param>
    /// <param name="validationSplit">Fraction in [0, 1) of the last samples (before shuffling) held out for validation.</param>
    /// <param name="validationData">Separate validation data; takes precedence over <paramref name="validationSplit"/>.</param>
    /// <param name="shuffle">Whether to shuffle the training samples before each epoch; default true.</param>
    /// <param name="cancellationToken">Stops training at the next batch boundary; the model keeps the weights of the last completed batch and the History says it was interrupted.</param>
    /// <returns>The run's <see cref="History"/>.</returns>
    /// <exception cref="ArgumentException">An argument is out of range or the data does not fit the model; nothing was trained.</exception>
    /// <exception cref="InvalidOperationException">The model is not compiled.</exception>
    public History Fit(Tensor x, Tensor y, int batchSize = 32, int epochs = 1, int verbose = 1,
        IEnumerable<Callback>? callbacks = null, double validationSplit = 0, (Tensor X, Tensor Y)? validationData = null,
        bool shuffle = true, CancellationToken cancellationToken = default)
    {
        Compiled compiled = RequireCompiled();
        CheckFitArguments(batchSize, epochs, verbose, validationSplit);
        PrepareData(x, y, compiled);
        int samples = x.Dim(0);
        var source = new TensorDataSource(x, y);
        int trainCount = TrainCount(samples, validationSplit, validationData is not null);
        (DataSource Source, int[] Indices)? validation = null;
        if (validationData is (Tensor vx, Tensor vy))
        {
            PrepareData(vx, vy, compiled, "validationData");
            validation = (new TensorDataSource(vx, vy), [.. Enumerable.Range(0, vx.Dim(0))]);
        }
        else if (trainCount < samples)
            validation = (source, [.. Enumerable.Range(trainCount, samples - trainCount)]);
        int[] order = [.. Enumerable.Range(0, trainCount)];
        return RunFit(source, () => ShuffledBatches(order, batchSize, shuffle), validation, batchSize, epochs, verbose, callbacks, compiled,
            cancellationToken);
    }

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

    // Keras order: the training samples shuffled anew each epoch (when asked), cut into consecutive batches.
    private ArraySegment<int>[] ShuffledBatches(int[] order, int batchSize, bool shuffle)
    {
        if (shuffle) _shuffleRandom.Shuffle(order.AsSpan());
        return ConsecutiveBatches(order, 0, order.Length, batchSize);
    }

    // order[start .. start + count) cut into runs of batchSize samples; the last run may be shorter.
    private static ArraySegment<int>[] ConsecutiveBatches(int[] order, int start, int count, int batchSize)
    {
        var batches = new ArraySegment<int>[BatchCount(count, batchSize)];
        for (int b = 0; b < batches.Length; b++)
            batches[b] = new ArraySegment<int>(order, start + b * batchSize, Math.Min(batchSize, count - b * batchSize));
        return batches;
    }

    // nextEpochBatches is called once per epoch, after OnEpochBegin, and returns the batches of that epoch.
    private History RunFit(DataSource source, Func<ArraySegment<int>[]> nextEpochBatches, (DataSource Source, int[] Indices)? validation,
        int batchSize, int epochs, int verbose, IEnumerable<Callback>? callbacks, Compiled compiled, CancellationToken cancellationToken)
    {
        Callback[] hooks = [.. callbacks ?? []];
        DataSource[] sources = DeviceSources(source);
        var history = new History(batchSize, epochs, DateTimeOffset.Now, [.. _devices.Select(d => d.Name)], Summary().ToString());
        var progress = new ProgressPrinter(verbose, Console.Out);
        StopTraining = false;
        foreach (Callback hook in hooks) hook.Model = this;
        foreach (Callback hook in hooks) hook.OnTrainBegin();
        TrainingEvents.Publish(new RunStarted { History = history });
        long plannedBatches = 0;
        for (int epoch = 0; epoch < epochs && !StopTraining && !cancellationToken.IsCancellationRequested; epoch++)
        {
            foreach (Callback hook in hooks) hook.OnEpochBegin(epoch);
            ArraySegment<int>[] batches = nextEpochBatches();
            plannedBatches += batches.Length;
            EpochRecord record = RunEpoch(sources, batches, validation, batchSize, epoch, epochs, history, hooks, progress, compiled,
                cancellationToken);
            history.AddEpoch(record);
            TrainingEvents.Publish(new EpochCompleted(record) { History = history });
            progress.EndEpoch(record);
            foreach (Callback hook in hooks) hook.OnEpochEnd(epoch, record.Metrics);
        }
        history.Interrupted = history.Epochs.Count < epochs || history.Batches.Count < plannedBatches;
        foreach (Callback hook in hooks) hook.OnTrainEnd(history);
        TrainingEvents.Publish(new RunCompleted { History = history });
        return history;
    }

    private EpochRecord RunEpoch(DataSource[] sources, ArraySegment<int>[] batches, (DataSource Source, int[] Indices)? validation,
        int batchSize, int epoch, int epochs, History history, Callback[] hooks, ProgressPrinter progress, Compiled compiled,
        CancellationToken cancellationToken)
    {
        var epochClock = Stopwatch.StartNew();
        foreach (Metric metric in compiled.Metrics) metric.Reset();
        double lossSum = 0, trainSeconds = 0;
        int seen = 0;
        progress.BeginEpoch(epoch, epochs, batches.Length);
        for (int b = 0; b < batches.Length && !StopTraining && !cancellationToken.IsCancellationRequested; b++)
        {
            foreach (Callback hook in hooks) hook.OnBatchBegin(b);
            int count = batches[b].Count;
            foreach (Metric metric in compiled.BatchMetrics) metric.Reset();
            var stepClock = Stopwatch.StartNew();
            var (loss, devices) = TrainBatch(sources, batches[b], compiled);
            TimeSpan elapsed = stepClock.Elapsed;
            trainSeconds += elapsed.TotalSeconds;
            lossSum += loss * count;
            seen += count;
            var logs = new EvaluationResult { ["loss"] = loss };
            foreach (Metric metric in compiled.BatchMetrics) logs[metric.Name] = metric.Result();
            var record = new BatchRecord(epoch, b, count, logs, elapsed, devices);
            history.AddBatch(record);
            TrainingEvents.Publish(new BatchCompleted(record, batches.Length) { History = history });
            progress.Update(b + 1, epochClock.Elapsed, RunningLogs(lossSum / seen, compiled.Metrics));
            foreach (Callback hook in hooks) hook.OnBatchEnd(b, logs);
        }
        EvaluationResult epochLogs = RunningLogs(seen == 0 ? double.NaN : lossSum / seen, compiled.Metrics);
        if (validation is var (validationSource, validationIndices))
            foreach (var (name, value) in EvaluateSource(validationSource, validationIndices, batchSize, compiled, "val_"))
                epochLogs[name] = value;
        return new EpochRecord(epoch, epochLogs, epochClock.Elapsed, seen, trainSeconds > 0 ? seen / trainSeconds : 0);
    }

    private static EvaluationResult RunningLogs(double loss, Metric[] metrics)
    {
        var logs = new EvaluationResult { ["loss"] = loss };
        foreach (Metric metric in metrics) logs[metric.Name] = metric.Result();
        return logs;
    }

    private EvaluationResult EvaluateSource(DataSource source, int[] indices, int batchSize, Compiled compiled, string prefix)
    {
        foreach (Metric metric in compiled.EvaluationMetrics) metric.Reset();
        double lossSum = 0;
        for (int start = 0; start < indices.Length; start += batchSize)
        {
            int count = Math.Min(batchSize, indices.Length - start);
            Batch batch = source.Take(indices.AsSpan(start, count));
            var (loss, _) = Primary.Step(batch, compiled.Loss, train: false);
            lossSum += count * loss;
            foreach (Metric metric in compiled.EvaluationMetrics) metric.Update(Primary.Output!, batch.Y!, Primary.RowWeights.Span);
        }
        var result = new EvaluationResult { [prefix + "loss"] = indices.Length == 0 ? double.NaN : lossSum / indices.Length };
        foreach (Metric metric in compiled.EvaluationMetrics) result[prefix + metric.Name] = metric.Result();
        return result;
    }

    private Tensor PredictSource(DataSource source, int batchSize)
    {
        Tensor? result = null;
        int[] indices = new int[Math.Min(batchSize, Math.Max(1, source.Count))];
        for (int start = 0; start < source.Count; start += batchSize)
        {
            int count = Math.Min(batchSize, source.Count - start);
            for (int i = 0; i < count; i++) indices[i] = start + i;
            Batch batch = source.Take(indices.AsSpan(0, count));
            Tensor output = Primary.Forward(batch.X, batch.Mask, training: false, out _);
            result ??= new Tensor([source.Count, .. output.Shape.Skip(1)]);
            output.Span.CopyTo(result.Span.Slice(start * result.RowLength, output.Length));
        }
        return result ?? new Tensor([0, .. OutputShape.Select(d => d ?? 0)]);
    }

    private void PrepareData(Tensor x, Tensor y, Compiled compiled, string argumentPrefix = "")
    {
        ArgumentNullException.ThrowIfNull(x);
        ArgumentNullException.ThrowIfNull(y);
        string xName = argumentPrefix.Length == 0 ? "x" : argumentPrefix + ".X", yName = argumentPrefix.Length == 0 ? "y" : argumentPrefix + ".Y";
        if (x.Rank == 0 || y.Rank == 0 || x.Dim(0) != y.Dim(0))
            throw new ArgumentException(
                $"x and y must have the same number of samples: {xName} has shape {Tensor.ShapeText(x.Shape)}, {yName} has shape {Tensor.ShapeText(y.Shape)}.",
                yName);
        PrepareInput(x, xName);
        CheckTargets(y, compiled.Loss, yName);
        if (CheckInputsFinite) RequireFinite(y, yName);
    }

    private void PrepareInput(Tensor x, string argumentName)
    {
        if (x.Rank == 0) throw new ArgumentException($"{argumentName} needs a sample axis, got a scalar.", argumentName);
        PrepareInput([.. x.Shape.Skip(1).Select(d => (int?)d)], Tensor.ShapeText(x.Shape), argumentName);
        if (CheckInputsFinite) RequireFinite(x, argumentName);
        if (_layers[0] is Embedding embedding) embedding.ValidateIds(x, argumentName);
    }

    // The whole tensor is scanned with vector ops; only when it fails is the first bad element searched for.
    private static void RequireFinite(Tensor values, string argumentName)
    {
        ReadOnlySpan<float> data = values.Span;
        if (ElementwiseKernels.AllFinite(data)) return;
        int index = 0;
        while (float.IsFinite(data[index])) index++;
        int perSample = values.Length / Math.Max(1, values.Dim(0));
        throw new ArgumentException(
            $"{argumentName} holds {data[index]} at sample {index / Math.Max(1, perSample)} (element {index % Math.Max(1, perSample)} of it); " +
            "expected finite values. Clean the data, or set CheckInputsFinite = false to skip this check.", argumentName);
    }

    // Builds the model for sampleShape if needed, then checks that the input fits. A null (unknown) dimension of the
    // input, such as the time axis of ragged sequences, fits only a null dimension of the model.
    private void PrepareInput(int?[] sampleShape, string actualShapeText, string argumentName)
    {
        if (_layers.Count == 0) throw new InvalidOperationException($"Model '{Name}' has no layers; Add layers first.");
        if (!IsBuilt) Build(sampleShape);
        int?[] expected = _inputShape!;
        bool fits = sampleShape.Length == expected.Length;
        for (int i = 0; fits && i < expected.Length; i++) fits = expected[i] is null || expected[i] == sampleShape[i];
        if (!fits)
            throw new ArgumentException(
                $"{argumentName} has shape {actualShapeText}, but model '{Name}' expects input of shape {Tensor.ShapeText([null, .. expected])}.",
                argumentName);
    }

    private void CheckTargets(Tensor y, Loss loss, string argumentName)
    {
        int?[] output = OutputShape;
        int?[] expected = loss.SparseTargets ? output[..^1] : output;
        int?[] actual = [.. y.Shape.Skip(1).Select(d => (int?)d)];
        if (loss.SparseTargets && actual.Length == expected.Length + 1 && actual[^1] == 1) actual = actual[..^1];
        // Keras accepts (samples,) targets for a (samples, 1) output and expands them.
        if (!loss.SparseTargets && expected.Length == actual.Length + 1 && expected[^1] == 1) actual = [.. actual, 1];
        bool fits = actual.Length == expected.Length;
        for (int i = 0; fits && i < expected.Length; i++) fits = expected[i] is null || expected[i] == actual[i];
        if (!fits)
            throw new ArgumentException(
                $"{argumentName} has shape {Tensor.ShapeText(y.Shape)}, but {loss.Name} with model output {Tensor.ShapeText([null, .. output])} " +
                $"expects targets of shape {Tensor.ShapeText([null, .. expected])}.", argumentName);
        if (output.Length > 0 && output[^1] is int classes) loss.ValidateTargets(y, classes, argumentName);
    }

    private static void CheckFitArguments(int batchSize, int epochs, int verbose, double validationSplit)
    {
        CheckBatchSize(batchSize);
        if (epochs < 0) throw new ArgumentOutOfRangeException(nameof(epochs), epochs, $"epochs must be ≥ 0, got {epochs}.");
        if (verbose is < 0 or > 2) throw new ArgumentOutOfRangeException(nameof(verbose), verbose, $"verbose must be 0, 1 or 2, got {verbose}.");
        if (!(validationSplit >= 0 && validationSplit < 1))
            throw new ArgumentOutOfRangeException(nameof(validationSplit), validationSplit, $"validationSplit must be in [0, 1), got {validationSplit}.");
    }

    private static int BatchCount(int samples, int batchSize) => (samples + batchSize - 1) / batchSize;
}
