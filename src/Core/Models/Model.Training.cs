using NotebookRnn.Data;
using NotebookRnn.Layers;
using NotebookRnn.Losses;
using NotebookRnn.Models.Callbacks;
using NotebookRnn.Tensors;
using NotebookRnn.Training;

namespace NotebookRnn.Models;

/// <remarks>
/// Ragged input: <c>Fit</c>, <c>Evaluate</c> and <c>Predict</c> take sequences of different lengths — token ids as
/// <c>int[][]</c>, feature vectors as <c>float[][][]</c> — and batch them by length; each batch is zero-padded after the
/// real steps and masked, so masking layers and sequence losses ignore the padding. An unbuilt model is built with an
/// unknown time dimension: (None,) for token ids, (None, features) for vectors.
/// </remarks>
public partial class Model
{
    /// <summary>Trains the model for <paramref name="epochs"/> passes over (<paramref name="x"/>, <paramref name="y"/>) (Keras <c>fit</c>).</summary>
    /// <param name="x">Inputs, shape (samples, …).</param>
    /// <param name="y">Targets, shape (samples, …output) or class ids for sparse losses.</param>
    /// <param name="batchSize">Samples per gradient update, &gt; 0; default 32.</param>
    /// <param name="epochs">Passes over the data, ≥ 0; default 1.</param>
    /// <param name="verbose">0 silent, 1 progress bar (one line per epoch when output is redirected), 2 one line per epoch.</param>
    /// <param name="callbacks">Hooks called during training.</param>
    /// <param name="validationSplit">Fraction in [0, 1) of the last samples (before shuffling) held out for validation.</param>
    /// <param name="validationData">Separate validation data <c>(x, y)</c>, or <c>(x, y, sampleWeight)</c> to weigh the validation loss and weighted metrics (Keras <c>validation_data</c>); takes precedence over <paramref name="validationSplit"/>.</param>
    /// <param name="shuffle">Whether to shuffle the training samples before each epoch; default true.</param>
    /// <param name="cancellationToken">Stops training at the next batch boundary; the model keeps the weights of the last completed batch and the History says it was interrupted.</param>
    /// <param name="sampleWeight">Weights of the samples' losses (Keras <c>sample_weight</c>): (samples,), or (samples, T) one per step of per-step targets; validationSplit keeps them with their samples. They weigh the metrics given to Compile as weightedMetrics only.</param>
    /// <param name="classWeight">Weight of each class id (Keras <c>class_weight</c>, e.g. <c>{ [0] = 1, [1] = 10 }</c> for a rare class 1): each sample's loss weighs as its class, by its rounded target or the argmax of its one-hot target; not with sampleWeight.</param>
    /// <returns>The run's <see cref="History"/>.</returns>
    /// <exception cref="ArgumentException">An argument is out of range or the data does not fit the model; nothing was trained.</exception>
    /// <exception cref="InvalidOperationException">The model is not compiled.</exception>
    public History Fit(Tensor x, Tensor y, int batchSize = 32, int epochs = 1, int verbose = 1,
        IEnumerable<Callback>? callbacks = null, double validationSplit = 0, ValidationData<Tensor>? validationData = null,
        bool shuffle = true, CancellationToken cancellationToken = default, Tensor? sampleWeight = null, IReadOnlyDictionary<int, double>? classWeight = null)
    {
        Loss loss = Trainer.RequireCompiled();
        var options = new FitOptions(batchSize, epochs, verbose, [.. callbacks ?? []], validationSplit, shuffle, cancellationToken);
        var (source, validation) = ModelInputs.ForFit(this, x, y, validationData, loss, sampleWeight, classWeight);
        return Trainer.Fit(source, validation, Attached(options), Summary().ToString());
    }

    /// <summary>
    /// Trains on token-id sequences of different lengths (Keras <c>fit</c> on ragged input). Each epoch the samples are
    /// shuffled, cut into windows of 50 · <paramref name="batchSize"/>, each window sorted by length and cut into
    /// batches, and the batches shuffled: every sample appears once, and a batch of similar lengths needs little padding.
    /// </summary>
    /// <param name="x">Token ids, one array per sequence; sequences may be empty. Padding id 0 is added after each sequence.</param>
    /// <param name="y">
    /// Targets, shape (samples, …); for an output with a time axis (samples, T, …) or class ids (samples, T), T ≥ the
    /// longest sequence, real steps first (targets past a sequence's end are ignored).</param>
    /// <param name="batchSize">Samples per gradient update, &gt; 0; default 32.</param>
    /// <param name="epochs">Passes over the data, ≥ 0; default 1.</param>
    /// <param name="verbose">0 silent, 1 progress bar, 2 one line per epoch.</param>
    /// <param name="callbacks">Hooks called during training.</param>
    /// <param name="validationSplit">Fraction in [0, 1) of the last sequences (before shuffling) held out for validation.</param>
    /// <param name="validationData">Separate ragged validation data <c>(x, y)</c> or <c>(x, y, sampleWeight)</c>, weights as for <paramref name="sampleWeight"/>; takes precedence over <paramref name="validationSplit"/>.</param>
    /// <param name="shuffle">Whether to shuffle samples and batches each epoch; default true (else the same batches every epoch).</param>
    /// <param name="cancellationToken">Stops training at the next batch boundary; the model keeps the weights of the last completed batch and the History says it was interrupted.</param>
    /// <param name="sampleWeight">Weights of the samples' losses: (samples,), or (samples, T) one per step of per-step targets.</param>
    /// <param name="classWeight">Weight of each class id, for targets with one class per sample; not with sampleWeight.</param>
    /// <returns>The run's <see cref="History"/>.</returns>
    /// <exception cref="ArgumentException">An argument is out of range or the data does not fit the model; nothing was trained.</exception>
    /// <exception cref="InvalidOperationException">The model is not compiled.</exception>
    public History Fit(int[][] x, Tensor y, int batchSize = 32, int epochs = 1, int verbose = 1,
        IEnumerable<Callback>? callbacks = null, double validationSplit = 0, ValidationData<int[][]>? validationData = null,
        bool shuffle = true, CancellationToken cancellationToken = default, Tensor? sampleWeight = null, IReadOnlyDictionary<int, double>? classWeight = null)
    {
        Loss loss = Trainer.RequireCompiled();
        var options = new FitOptions(batchSize, epochs, verbose, [.. callbacks ?? []], validationSplit, shuffle, cancellationToken);
        var (source, validation) = ModelInputs.ForFit(this, x, y, validationData, loss, sampleWeight, classWeight);
        return Trainer.Fit(source, validation, Attached(options), Summary().ToString());
    }

    /// <summary>
    /// Trains on feature-vector sequences of different lengths: <paramref name="x"/> holds one array of feature vectors
    /// per sequence (every vector the same size; sequences may be empty); batching, targets and every other argument as for
    /// <see cref="Fit(int[][], Tensor, int, int, int, IEnumerable{Callback}?, double, ValidationData{int[][]}?, bool, CancellationToken, Tensor?, IReadOnlyDictionary{int, double}?)"/>.
    /// </summary>
    /// <returns>The run's <see cref="History"/>.</returns>
    /// <exception cref="ArgumentException">An argument is out of range, the data does not fit the model, or feature vectors
    /// differ in size (the message names the sample, the step and both sizes); nothing was trained.</exception>
    /// <exception cref="InvalidOperationException">The model is not compiled.</exception>
    public History Fit(float[][][] x, Tensor y, int batchSize = 32, int epochs = 1, int verbose = 1,
        IEnumerable<Callback>? callbacks = null, double validationSplit = 0, ValidationData<float[][][]>? validationData = null,
        bool shuffle = true, CancellationToken cancellationToken = default, Tensor? sampleWeight = null, IReadOnlyDictionary<int, double>? classWeight = null)
    {
        Loss loss = Trainer.RequireCompiled();
        var options = new FitOptions(batchSize, epochs, verbose, [.. callbacks ?? []], validationSplit, shuffle, cancellationToken);
        var (source, validation) = ModelInputs.ForFit(this, x, y, validationData, loss, sampleWeight, classWeight);
        return Trainer.Fit(source, validation, Attached(options), Summary().ToString());
    }

    /// <summary>Computes loss and metrics on (<paramref name="x"/>, <paramref name="y"/>) in inference mode, the loss weighted by <paramref name="sampleWeight"/> (shapes as for <c>Fit</c>) when given.</summary>
    /// <exception cref="ArgumentException">The data does not fit the model, or x and y differ in sample count.</exception>
    /// <exception cref="InvalidOperationException">The model is not compiled.</exception>
    public EvaluationResult Evaluate(Tensor x, Tensor y, int batchSize = 32, Tensor? sampleWeight = null)
    {
        Loss loss = Trainer.RequireCompiled();
        FitOptions.CheckBatchSize(batchSize);
        TensorDataSource source = ModelInputs.Dense(this, x, y, loss, sampleWeight: sampleWeight);
        if (x.Dim(0) == 0) throw new ArgumentException("Evaluate needs at least one sample, got 0.", nameof(x));
        return Trainer.Evaluate(source, [.. Enumerable.Range(0, x.Dim(0))], batchSize);
    }

    /// <summary>Computes loss and metrics on ragged token-id sequences in inference mode, in batches of similar length.</summary>
    /// <param name="x">Token ids, one array per sequence.</param>
    /// <param name="y">Targets as for <see cref="Fit(int[][], Tensor, int, int, int, IEnumerable{Callback}?, double, ValidationData{int[][]}?, bool, CancellationToken, Tensor?, IReadOnlyDictionary{int, double}?)"/>.</param>
    /// <param name="batchSize">Samples per batch, &gt; 0; default 32.</param>
    /// <param name="sampleWeight">Weights of the samples' losses, shapes as for <c>Fit</c>; default none.</param>
    /// <exception cref="ArgumentException">The data does not fit the model, or x and y differ in sample count.</exception>
    /// <exception cref="InvalidOperationException">The model is not compiled.</exception>
    public EvaluationResult Evaluate(int[][] x, Tensor y, int batchSize = 32, Tensor? sampleWeight = null) => Evaluate(RaggedDataSource.FromTokens(x, nameof(x)), y, batchSize, sampleWeight);

    /// <summary>Computes loss and metrics on ragged feature-vector sequences in inference mode, in batches of similar length.</summary>
    /// <param name="x">One array of feature vectors per sequence.</param>
    /// <param name="y">Targets as for <see cref="Fit(float[][][], Tensor, int, int, int, IEnumerable{Callback}?, double, ValidationData{float[][][]}?, bool, CancellationToken, Tensor?, IReadOnlyDictionary{int, double}?)"/>.</param>
    /// <param name="batchSize">Samples per batch, &gt; 0; default 32.</param>
    /// <param name="sampleWeight">Weights of the samples' losses, shapes as for <c>Fit</c>; default none.</param>
    /// <exception cref="ArgumentException">The data does not fit the model, x and y differ in sample count, or vectors differ in size.</exception>
    /// <exception cref="InvalidOperationException">The model is not compiled.</exception>
    public EvaluationResult Evaluate(float[][][] x, Tensor y, int batchSize = 32, Tensor? sampleWeight = null) => Evaluate(ModelInputs.Vectors(this, x, nameof(x)), y, batchSize, sampleWeight);

    /// <summary>One gradient update on exactly this batch, weighted by <paramref name="sampleWeight"/> or <paramref name="classWeight"/> as in <c>Fit</c>; returns the batch's loss and metrics (before the update).</summary>
    /// <exception cref="ArgumentException">The data does not fit the model, x and y differ in sample count, or the weights do not fit y.</exception>
    /// <exception cref="InvalidOperationException">The model is not compiled.</exception>
    public EvaluationResult TrainOnBatch(Tensor x, Tensor y, Tensor? sampleWeight = null, IReadOnlyDictionary<int, double>? classWeight = null)
    {
        ModelInputs.Check(this, x, y, Trainer.RequireCompiled());
        if (x.Dim(0) == 0) throw new ArgumentException("TrainOnBatch needs at least one sample, got 0.", nameof(x));
        return Trainer.TrainOnBatch(x, y, ModelInputs.SampleWeights(this, y, sampleWeight, classWeight));
    }

    /// <summary>Runs the model on <paramref name="x"/> in batches (inference: dropout off) and returns all outputs.</summary>
    /// <param name="x">Inputs, shape (samples, …).</param>
    /// <param name="batchSize">Samples per batch, &gt; 0; default 32.</param>
    /// <returns>Outputs, shape (samples, …output shape).</returns>
    /// <exception cref="ArgumentException">x does not fit the model's input shape.</exception>
    public Tensor Predict(Tensor x, int batchSize = 32)
    {
        ArgumentNullException.ThrowIfNull(x);
        FitOptions.CheckBatchSize(batchSize);
        ModelInputs.CheckInput(this, x, nameof(x));
        return Prediction.InOrder(Engine(), PredictionSource([x]), batchSize, [OutputShape])[0];
    }

    /// <summary>
    /// Runs the model on ragged token-id sequences (inference, in batches of similar length) and returns one output row
    /// per sequence, in the caller's order; an output with a time axis is (samples, T, …), T the longest sequence, each
    /// row its real steps first and zeros after them.
    /// </summary>
    /// <param name="x">Token ids, one array per sequence.</param>
    /// <param name="batchSize">Samples per batch, &gt; 0; default 32.</param>
    /// <returns>Outputs, shape (samples, …output), or (samples, T, …) for sequence outputs.</returns>
    /// <exception cref="ArgumentException">x does not fit the model's input shape.</exception>
    public Tensor Predict(int[][] x, int batchSize = 32) => Predict(RaggedDataSource.FromTokens(x, nameof(x)), batchSize);

    /// <summary>
    /// Runs the model on ragged feature-vector sequences, <paramref name="x"/> one array of vectors per sequence
    /// (inference); batches and the result as for <see cref="Predict(int[][], int)"/>.
    /// </summary>
    /// <exception cref="ArgumentException">x does not fit the model's input shape, or vectors differ in size.</exception>
    public Tensor Predict(float[][][] x, int batchSize = 32) => Predict(ModelInputs.Vectors(this, x, nameof(x)), batchSize);

    // One source for every dense Predict call, pointed at the call's inputs, so that the engine's per-device batch buffers
    // live from call to call instead of being allocated again by each.
    private TensorDataSource PredictionSource(IReadOnlyList<Tensor> x)
    {
        if (_predictionSource is null || _predictionSource.InputCount != x.Count) _predictionSource = new TensorDataSource(x, null);
        else _predictionSource.Rebind(x, null);
        return _predictionSource;
    }

    // The callbacks learn their model once the data has been checked, right before training starts.
    private FitOptions Attached(FitOptions options)
    {
        foreach (Callback hook in options.Callbacks.Cast<Callback>()) hook.Model = this;
        return options;
    }

    private EvaluationResult Evaluate(RaggedDataSource source, Tensor y, int batchSize, Tensor? sampleWeight)
    {
        Loss loss = Trainer.RequireCompiled();
        FitOptions.CheckBatchSize(batchSize);
        source = ModelInputs.WithTargets(this, source, y, loss, sampleWeight: sampleWeight);
        return Trainer.Evaluate(source, source.IndicesByLength(Enumerable.Range(0, source.Count)), batchSize);
    }

    private Tensor Predict(RaggedDataSource source, int batchSize)
    {
        FitOptions.CheckBatchSize(batchSize);
        ModelInputs.CheckInput(this, source, "x");
        return Prediction.ByLength(Engine(), source, batchSize, [OutputShape], [Prediction.HasTimeAxis(OutputShape) ? 0 : null])[0];
    }
}
