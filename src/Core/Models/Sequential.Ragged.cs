namespace NotebookRnn;

/// <remarks>
/// Ragged input: <c>Fit</c>, <c>Evaluate</c> and <c>Predict</c> take sequences of different lengths directly —
/// token ids as <c>int[][]</c>, feature vectors as <c>float[][][]</c> — and batch them by length, so the caller pads
/// nothing. Each batch is padded with zeros after each sequence's real steps to the longest sequence of the batch and
/// carries the mask of the real steps, so masking layers and sequence losses ignore the padding.
/// An unbuilt model is built with an unknown time dimension: (None,) for token ids, (None, features) for vectors.
/// </remarks>
public sealed partial class Sequential
{
    /// <summary>
    /// Training batches are cut from windows of this many batches' worth of shuffled samples, each sorted by length:
    /// larger windows pad less, smaller ones mix lengths more.
    /// </summary>
    private const int LengthWindowBatches = 50;

    /// <summary>
    /// Trains on token-id sequences of different lengths (Keras <c>fit</c> on ragged input). Batching by length: each
    /// epoch the training samples are shuffled, cut into windows of 50 · <paramref name="batchSize"/> samples, each
    /// window is sorted by length and cut into batches, and the order of all batches is shuffled. Every sample appears
    /// exactly once per epoch and a batch holds sequences of similar length, so it needs little padding.
    /// </summary>
    /// <param name="x">Token ids, one array per sequence; sequences may be empty. Padding id 0 is added after each sequence.</param>
    /// <param name="y">
    /// Targets, shape (samples, …). For models whose output has a time axis (a sequence loss), shape (samples, T, …) or
    /// class ids (samples, T) with T ≥ the longest sequence, real steps first; targets past a sequence's end are ignored.
    /// </param>
    /// <param name="batchSize">Samples per gradient update, &gt; 0; default 32.</param>
    /// <param name="epochs">Passes over the data, ≥ 0; default 1.</param>
    /// <param name="verbose">0 silent, 1 progress bar, 2 one line per epoch.</param>
    /// <param name="callbacks">Hooks called during training.</param>
    /// <param name="validationSplit">Fraction in [0, 1) of the last sequences (before shuffling) held out for validation.</param>
    /// <param name="validationData">Separate ragged validation data; takes precedence over <paramref name="validationSplit"/>.</param>
    /// <param name="shuffle">
    /// Whether to shuffle samples and batch order each epoch; default true. Without shuffling every epoch runs the
    /// same batches: windows of the caller's order, each sorted by length.
    /// </param>
    /// <param name="cancellationToken">Stops training at the next batch boundary; the model keeps the weights of the last completed batch and the History says it was interrupted.</param>
    /// <returns>The run's <see cref="History"/>.</returns>
    /// <exception cref="ArgumentException">An argument is out of range or the data does not fit the model; nothing was trained.</exception>
    /// <exception cref="InvalidOperationException">The model is not compiled.</exception>
    public History Fit(int[][] x, Tensor y, int batchSize = 32, int epochs = 1, int verbose = 1,
        IEnumerable<Callback>? callbacks = null, double validationSplit = 0, (int[][] X, Tensor Y)? validationData = null,
        bool shuffle = true, CancellationToken cancellationToken = default)
    {
        Compiled compiled = RequireCompiled();
        CheckFitArguments(batchSize, epochs, verbose, validationSplit);
        RaggedDataSource source = PrepareRagged(RaggedDataSource.FromTokens(x, nameof(x)), y, compiled, nameof(x), nameof(y));
        RaggedDataSource? validation = validationData is (int[][] vx, Tensor vy)
            ? PrepareRagged(RaggedDataSource.FromTokens(vx, "validationData.X"), vy, compiled, "validationData.X", "validationData.Y")
            : null;
        return FitRagged(source, validation, batchSize, epochs, verbose, callbacks, validationSplit, shuffle, compiled, cancellationToken);
    }

    /// <summary>
    /// Trains on feature-vector sequences of different lengths; batching, targets and arguments as for
    /// <see cref="Fit(int[][], Tensor, int, int, int, IEnumerable{Callback}?, double, ValueTuple{int[][], Tensor}?, bool, CancellationToken)"/>.
    /// </summary>
    /// <param name="x">One array of feature vectors per sequence; every vector has the same size; sequences may be empty.</param>
    /// <param name="y">Targets, shape (samples, …), or (samples, T, …) with T ≥ the longest sequence for sequence outputs.</param>
    /// <param name="batchSize">Samples per gradient update, &gt; 0; default 32.</param>
    /// <param name="epochs">Passes over the data, ≥ 0; default 1.</param>
    /// <param name="verbose">0 silent, 1 progress bar, 2 one line per epoch.</param>
    /// <param name="callbacks">Hooks called during training.</param>
    /// <param name="validationSplit">Fraction in [0, 1) of the last sequences (before shuffling) held out for validation.</param>
    /// <param name="validationData">Separate ragged validation data; takes precedence over <paramref name="validationSplit"/>.</param>
    /// <param name="shuffle">Whether to shuffle samples and batch order each epoch; default true.</param>
    /// <param name="cancellationToken">Stops training at the next batch boundary; the model keeps the weights of the last completed batch and the History says it was interrupted.</param>
    /// <returns>The run's <see cref="History"/>.</returns>
    /// <exception cref="ArgumentException">
    /// An argument is out of range, the data does not fit the model, or feature vectors differ in size (the message
    /// names the sample, the step and both sizes); nothing was trained.
    /// </exception>
    /// <exception cref="InvalidOperationException">The model is not compiled.</exception>
    public History Fit(float[][][] x, Tensor y, int batchSize = 32, int epochs = 1, int verbose = 1,
        IEnumerable<Callback>? callbacks = null, double validationSplit = 0, (float[][][] X, Tensor Y)? validationData = null,
        bool shuffle = true, CancellationToken cancellationToken = default)
    {
        Compiled compiled = RequireCompiled();
        CheckFitArguments(batchSize, epochs, verbose, validationSplit);
        RaggedDataSource source = PrepareRagged(Vectors(x, nameof(x)), y, compiled, nameof(x), nameof(y));
        RaggedDataSource? validation = validationData is (float[][][] vx, Tensor vy)
            ? PrepareRagged(Vectors(vx, "validationData.X"), vy, compiled, "validationData.X", "validationData.Y")
            : null;
        return FitRagged(source, validation, batchSize, epochs, verbose, callbacks, validationSplit, shuffle, compiled, cancellationToken);
    }

    /// <summary>Computes loss and metrics on ragged token-id sequences in inference mode, in batches of similar length.</summary>
    /// <param name="x">Token ids, one array per sequence.</param>
    /// <param name="y">Targets as for <see cref="Fit(int[][], Tensor, int, int, int, IEnumerable{Callback}?, double, ValueTuple{int[][], Tensor}?, bool, CancellationToken)"/>.</param>
    /// <param name="batchSize">Samples per batch, &gt; 0; default 32.</param>
    /// <exception cref="ArgumentException">The data does not fit the model, or x and y differ in sample count.</exception>
    /// <exception cref="InvalidOperationException">The model is not compiled.</exception>
    public EvaluationResult Evaluate(int[][] x, Tensor y, int batchSize = 32) =>
        EvaluateRagged(RaggedDataSource.FromTokens(x, nameof(x)), y, batchSize);

    /// <summary>Computes loss and metrics on ragged feature-vector sequences in inference mode, in batches of similar length.</summary>
    /// <param name="x">One array of feature vectors per sequence.</param>
    /// <param name="y">Targets as for <see cref="Fit(float[][][], Tensor, int, int, int, IEnumerable{Callback}?, double, ValueTuple{float[][][], Tensor}?, bool, CancellationToken)"/>.</param>
    /// <param name="batchSize">Samples per batch, &gt; 0; default 32.</param>
    /// <exception cref="ArgumentException">The data does not fit the model, x and y differ in sample count, or vectors differ in size.</exception>
    /// <exception cref="InvalidOperationException">The model is not compiled.</exception>
    public EvaluationResult Evaluate(float[][][] x, Tensor y, int batchSize = 32) =>
        EvaluateRagged(Vectors(x, nameof(x)), y, batchSize);

    /// <summary>
    /// Runs the model on ragged token-id sequences (inference) and returns one output row per sequence, in the caller's
    /// order. Batches are formed by length for speed. When the output has a time axis, shape (samples, T, …) with T the
    /// longest sequence: row i holds its real steps first and zeros after them.
    /// </summary>
    /// <param name="x">Token ids, one array per sequence.</param>
    /// <param name="batchSize">Samples per batch, &gt; 0; default 32.</param>
    /// <returns>Outputs, shape (samples, …output), or (samples, T, …) for sequence outputs.</returns>
    /// <exception cref="ArgumentException">x does not fit the model's input shape.</exception>
    public Tensor Predict(int[][] x, int batchSize = 32) => PredictRagged(RaggedDataSource.FromTokens(x, nameof(x)), batchSize);

    /// <summary>
    /// Runs the model on ragged feature-vector sequences (inference); ordering and padding of the result as for
    /// <see cref="Predict(int[][], int)"/>.
    /// </summary>
    /// <param name="x">One array of feature vectors per sequence.</param>
    /// <param name="batchSize">Samples per batch, &gt; 0; default 32.</param>
    /// <returns>Outputs, shape (samples, …output), or (samples, T, …) for sequence outputs.</returns>
    /// <exception cref="ArgumentException">x does not fit the model's input shape, or vectors differ in size.</exception>
    public Tensor Predict(float[][][] x, int batchSize = 32) => PredictRagged(Vectors(x, nameof(x)), batchSize);

    private History FitRagged(RaggedDataSource source, RaggedDataSource? validationSource, int batchSize, int epochs, int verbose,
        IEnumerable<Callback>? callbacks, double validationSplit, bool shuffle, Compiled compiled, CancellationToken cancellationToken)
    {
        int samples = source.Count, trainCount = TrainCount(samples, validationSplit, validationSource is not null);
        (DataSource Source, int[] Indices)? validation = validationSource is not null
            ? (validationSource, validationSource.IndicesByLength(Enumerable.Range(0, validationSource.Count)))
            : trainCount < samples ? (source, source.IndicesByLength(Enumerable.Range(trainCount, samples - trainCount))) : null;
        int[] order = [.. Enumerable.Range(0, trainCount)];
        return RunFit(source, () => LengthGroupedBatches(source, order, batchSize, shuffle), validation, batchSize, epochs, verbose,
            callbacks, compiled, cancellationToken);
    }

    // Shuffle, sort windows of LengthWindowBatches · batchSize samples by length, cut into batches, shuffle the batches.
    private ArraySegment<int>[] LengthGroupedBatches(RaggedDataSource source, int[] order, int batchSize, bool shuffle)
    {
        if (shuffle) _shuffleRandom.Shuffle(order.AsSpan());
        int window = (int)Math.Min(order.Length, (long)LengthWindowBatches * batchSize);
        var batches = new List<ArraySegment<int>>(BatchCount(order.Length, batchSize));
        for (int start = 0; start < order.Length; start += window)
        {
            int count = Math.Min(window, order.Length - start);
            source.IndicesByLength(new ArraySegment<int>(order, start, count)).CopyTo(order, start);
            batches.AddRange(ConsecutiveBatches(order, start, count, batchSize));
        }
        ArraySegment<int>[] result = [.. batches];
        if (shuffle) _shuffleRandom.Shuffle(result.AsSpan());
        return result;
    }

    private EvaluationResult EvaluateRagged(RaggedDataSource source, Tensor y, int batchSize)
    {
        Compiled compiled = RequireCompiled();
        CheckBatchSize(batchSize);
        source = PrepareRagged(source, y, compiled, "x", nameof(y));
        return EvaluateSource(source, source.IndicesByLength(Enumerable.Range(0, source.Count)), batchSize, compiled, prefix: "");
    }

    // Runs length-sorted batches and puts each output row back at its sample's place; sequence outputs keep only real steps.
    private Tensor PredictRagged(RaggedDataSource source, int batchSize)
    {
        CheckBatchSize(batchSize);
        PrepareInput(source.SampleShape, source.ShapeText, "x");
        source.Validate((_layers[0] as Embedding)?.InputDim, CheckInputsFinite, "x");
        int[] order = source.IndicesByLength(Enumerable.Range(0, source.Count));
        bool timeAxis = HasTimeAxis(OutputShape);
        Tensor? result = null;
        for (int start = 0; start < order.Length; start += batchSize)
        {
            int count = Math.Min(batchSize, order.Length - start);
            Batch batch = source.Take(order.AsSpan(start, count));
            Tensor output = Primary.Forward(batch.X, batch.Mask, training: false, out _);
            int[] rowShape = timeAxis ? [source.MaxLength, .. output.Shape.Skip(2)] : [.. output.Shape.Skip(1)];
            result ??= new Tensor([source.Count, .. rowShape]);
            int stepLength = timeAxis ? output.RowLength / Math.Max(1, output.Dim(1)) : 0;
            for (int row = 0; row < count; row++)
            {
                int sample = order[start + row];
                Span<float> values = output.Row(row);
                (timeAxis ? values[..(source.Lengths[sample] * stepLength)] : values).CopyTo(result.Row(sample));
            }
        }
        return result ?? new Tensor([0, .. OutputShape.Select(d => d ?? 0)]);
    }

    // Builds the model if needed, checks x against it and y against the loss, and attaches y to the source.
    private RaggedDataSource PrepareRagged(RaggedDataSource source, Tensor y, Compiled compiled, string xName, string yName)
    {
        ArgumentNullException.ThrowIfNull(y, yName);
        if (y.Rank == 0 || y.Dim(0) != source.Count)
            throw new ArgumentException(
                $"x and y must have the same number of samples: {xName} has {source.Count} sequences, {yName} has shape {Tensor.ShapeText(y.Shape)}.",
                yName);
        PrepareInput(source.SampleShape, source.ShapeText, xName);
        source.Validate((_layers[0] as Embedding)?.InputDim, CheckInputsFinite, xName);
        CheckTargets(y, compiled.Loss, yName);
        if (CheckInputsFinite) RequireFinite(y, yName);
        bool timeAxis = HasTimeAxis(OutputShape);
        if (timeAxis && y.Dim(1) < source.MaxLength)
            throw new ArgumentException(
                $"{yName} has shape {Tensor.ShapeText(y.Shape)}, but the longest sequence of {xName} has {source.MaxLength} steps; " +
                $"per-step targets need at least {source.MaxLength} steps (real steps first).", yName);
        return source.WithTargets(y, timeAxis);
    }

    // Vector sequences; when all are empty the feature size comes from the built model.
    private RaggedDataSource Vectors(float[][][] x, string argumentName)
    {
        RaggedDataSource source = RaggedDataSource.FromVectors(x, IsBuilt && _inputShape!.Length == 2 ? _inputShape[1] : null, argumentName);
        if (source.Features is null)
            throw new ArgumentException(
                $"{argumentName} has no feature vector (all {source.Count} sequences are empty), so the feature size is unknown; " +
                "build the model first, e.g. with inputShape: [null, features] on its first layer.", argumentName);
        return source;
    }

    // The model's time axis is the unknown dimension of ragged input; an output that keeps it is a sequence output.
    private static bool HasTimeAxis(int?[] outputShape) => outputShape.Length > 0 && outputShape[0] is null;
}
