using System.Runtime.CompilerServices;
using NotebookRnn.Kernels;
using NotebookRnn.Layers;
using NotebookRnn.Tensors;

namespace NotebookRnn.Losses;

/// <summary>
/// A loss (Keras 3's <c>Loss</c>): a per-row loss ℓᵣ reduced to one number by <see cref="Reduction"/>. Predictions have
/// shape (…, C) and are seen as rows of C values along the class axis (a row is a sample, or a sample's step for sequence
/// outputs). Sample weights wᵣ and a mask mᵣ (masked sequence steps) weight the rows; the default reduction,
/// <c>sum_over_batch_size</c>, gives <c>Σ wᵣ·mᵣ·ℓᵣ / N</c>, N the number of rows (of unmasked rows with a mask).
/// Keras names are accepted as strings.
/// </summary>
public abstract class Loss
{
    private readonly string? _name;

    /// <summary>Creates a loss.</summary>
    /// <param name="name">The loss's name; default: the subclass's <see cref="Name"/>.</param>
    /// <param name="reduction">How rows are reduced; default <see cref="LossReduction.SumOverBatchSize"/> (Keras 3).</param>
    protected Loss(string? name = null, LossReduction? reduction = null)
    {
        _name = name;
        Reduction = reduction ?? LossReduction.SumOverBatchSize;
    }

    /// <summary>The name, e.g. <c>categorical_crossentropy</c> (Keras <c>name</c>).</summary>
    public virtual string Name => _name ?? Naming.SnakeCase(GetType().Name);

    /// <summary>How the per-row losses are reduced (Keras <c>reduction</c>); default <c>sum_over_batch_size</c>.</summary>
    public LossReduction Reduction { get; }

    /// <summary>Whether targets are class ids (one value per row) rather than one value per prediction.</summary>
    public virtual bool SparseTargets => false;

    /// <summary>The activation whose pre-activation values this loss can take directly for a stable fused path.</summary>
    internal virtual ActivationKind? FusableActivation => null;

    /// <summary>Whether predictions are logits, so that the loss always takes its pre-activation form (<c>fromLogits</c>).</summary>
    protected virtual bool PredictionsAreLogits => false;

    /// <summary>The class axis as given (Keras <c>axis</c>, default −1, the last).</summary>
    protected virtual int LossAxis => -1;

    /// <summary>
    /// Computes the reduced loss and, when <paramref name="gradient"/> is given, writes dL/d<paramref name="predictions"/> into it.
    /// </summary>
    /// <param name="predictions">Predicted values, shape (…, C) (C along <c>axis</c>).</param>
    /// <param name="targets">Targets: the shape of <paramref name="predictions"/>, or (…) / (…, 1) of class ids for sparse losses.</param>
    /// <param name="sampleWeight">Empty (every row 1), one scalar, one weight per sample (axis 0) or one per row.</param>
    /// <param name="gradient">Receives the gradient, shape of <paramref name="predictions"/>; may be null.</param>
    /// <returns>The reduced loss (0 when its divisor is 0).</returns>
    /// <exception cref="ArgumentException">Targets or weights do not fit the predictions.</exception>
    /// <exception cref="InvalidOperationException">The reduction is <c>none</c>: use <see cref="Unreduced"/>.</exception>
    public double Compute(Tensor predictions, Tensor targets, ReadOnlySpan<float> sampleWeight = default, Tensor? gradient = null) =>
        Compute(predictions, targets, sampleWeight, default, gradient);

    /// <summary>
    /// <see cref="Compute(Tensor, Tensor, ReadOnlySpan{float}, Tensor?)"/> with a mask of the rows (Keras's mask of
    /// <c>y_pred</c>): one value per row, 0 for a row that counts for nothing (a padded step), 1 for a real one.
    /// </summary>
    /// <exception cref="ArgumentException">Targets, weights or the mask do not fit the predictions.</exception>
    /// <exception cref="InvalidOperationException">The reduction is <c>none</c>: use <see cref="Unreduced"/>.</exception>
    public double Compute(Tensor predictions, Tensor targets, ReadOnlySpan<float> sampleWeight, ReadOnlySpan<float> mask, Tensor? gradient)
    {
        if (Reduction == LossReduction.None)
            throw new InvalidOperationException(
                $"Loss {Name} has reduction none, so it gives one value per row, not one number; call Unreduced, or choose another reduction.");
        return ReduceAlongAxis(predictions, targets, sampleWeight, mask, gradient, fromPreActivation: false, default).Value;
    }

    /// <summary>
    /// The weighted per-row losses wᵣ·mᵣ·ℓᵣ before any reduction (what Keras returns with <c>reduction=None</c>), whatever
    /// <see cref="Reduction"/> is; shape of <paramref name="predictions"/> without its class axis.
    /// </summary>
    /// <exception cref="ArgumentException">Targets, weights or the mask do not fit the predictions.</exception>
    public Tensor Unreduced(Tensor predictions, Tensor targets, ReadOnlySpan<float> sampleWeight = default, ReadOnlySpan<float> mask = default)
    {
        ArgumentNullException.ThrowIfNull(predictions);
        int axis = ClassAxis.Resolve(LossAxis, predictions.Rank);
        int[] shape = [.. predictions.Shape.Where((_, i) => i != axis)];
        var values = new Tensor(shape.Length == 0 ? [1] : shape);
        ReduceAlongAxis(predictions, targets, sampleWeight, mask, null, fromPreActivation: false, values.Span);
        return values;
    }

    /// <summary>Same as <see cref="Compute(Tensor, Tensor, ReadOnlySpan{float}, Tensor?)"/> from the values before the fusable activation (logits).</summary>
    internal double ComputeFromPreActivation(Tensor logits, Tensor targets, ReadOnlySpan<float> sampleWeight, Tensor? gradient) =>
        ReduceAlongAxis(logits, targets, sampleWeight, default, gradient, fromPreActivation: true, default).Value;

    /// <summary>
    /// A training or evaluation step's loss: the reduced value and the weight this share of a batch has when shares
    /// combine (the divisor for dividing reductions, 1 for <c>sum</c>).
    /// </summary>
    internal (double Value, double Weight) ComputeShare(Tensor values, bool fromPreActivation, Tensor targets, ReadOnlySpan<float> sampleWeight,
        ReadOnlySpan<float> mask, Tensor? gradient)
    {
        var (value, divisor) = ReduceAlongAxis(values, targets, sampleWeight, mask, gradient, fromPreActivation, default);
        return (value, Reduction.Divides ? divisor : 1);
    }

    /// <summary>
    /// The loss of one row, and when <paramref name="gradient"/> is non-empty its gradient with respect to
    /// <paramref name="values"/>.
    /// </summary>
    protected abstract double RowLoss(ReadOnlySpan<float> values, ReadOnlySpan<float> target, Span<float> gradient);

    /// <summary>The loss of one row computed from pre-activation values; only for losses with a fusable activation.</summary>
    protected virtual double RowLossFromPreActivation(ReadOnlySpan<float> logits, ReadOnlySpan<float> target, Span<float> gradient) =>
        throw new InvalidOperationException($"Loss {Name} has no fused form.");

    /// <summary>Whether the loss leaves out a row by its target (Keras <c>ignore_class</c>); such a row is masked.</summary>
    protected virtual bool IgnoresRow(ReadOnlySpan<float> target) => false;

    /// <summary>Whether the loss may leave rows out by their targets, which makes Keras treat its values as masked.</summary>
    protected virtual bool MasksByTarget => false;

    /// <summary>Checks that <paramref name="targets"/> fit predictions of shape (…, <paramref name="classes"/>).</summary>
    /// <exception cref="ArgumentException">They do not; the message names the first bad value or the shapes.</exception>
    public virtual void ValidateTargets(Tensor targets, int classes, string argumentName)
    {
    }

    /// <summary>The loss's Keras configuration: <c>name</c>, <c>reduction</c> and the subclass's arguments.</summary>
    public virtual IReadOnlyDictionary<string, object?> GetConfig() => new Dictionary<string, object?>
    {
        ["name"] = Name,
        ["reduction"] = Reduction.Name,
    };

    /// <summary>
    /// Looks up a loss with Keras defaults by name: <c>categorical_crossentropy</c>, <c>sparse_categorical_crossentropy</c>,
    /// <c>binary_crossentropy</c>, <c>mse</c>/<c>mean_squared_error</c>, <c>mae</c>/<c>mean_absolute_error</c>, <c>huber</c>.
    /// </summary>
    /// <exception cref="ArgumentException">The name is unknown.</exception>
    public static Loss Get(string name)
    {
        ArgumentNullException.ThrowIfNull(name, nameof(name));
        return Naming.Key(name) switch
        {
            "categoricalcrossentropy" => new CategoricalCrossentropy(),
            "sparsecategoricalcrossentropy" => new SparseCategoricalCrossentropy(),
            "binarycrossentropy" => new BinaryCrossentropy(),
            "mse" or "meansquarederror" => new MeanSquaredError(),
            "mae" or "meanabsoluteerror" => new MeanAbsoluteError(),
            "huber" or "huberloss" => new Huber(),
            _ => throw new ArgumentException(
                $"Loss \"{name}\" not understood; expected one of categorical_crossentropy, " +
                "sparse_categorical_crossentropy, binary_crossentropy, mse, mae, huber.", nameof(name)),
        };
    }

    /// <summary>Same as <see cref="Get"/>.</summary>
    public static implicit operator Loss(string name) => Get(name);

    /// <inheritdoc/>
    public override string ToString() => Name;

    // A class axis other than the last is moved last (predictions, dense targets) and the gradient moved back.
    private (double Value, double Divisor) ReduceAlongAxis(Tensor values, Tensor targets, ReadOnlySpan<float> sampleWeight, ReadOnlySpan<float> mask,
        Tensor? gradient, bool fromPreActivation, Span<float> perRow)
    {
        ArgumentNullException.ThrowIfNull(values);
        ArgumentNullException.ThrowIfNull(targets);
        int axis = ClassAxis.Resolve(LossAxis, values.Rank);
        if (axis == values.Rank - 1)
            return Reduce(values, targets, sampleWeight, mask, gradient, fromPreActivation, perRow);
        if (SparseTargets)
            throw new ArgumentException($"Only axis=-1 is currently supported. Received: axis={LossAxis} ({Name} takes class ids along the last axis " +
                $"of predictions, here of shape {Tensor.ShapeText(values.Shape)}).", "axis");
        Tensor? movedGradient = gradient is null ? null : new Tensor([.. ClassAxis.MovedShape(values.Shape, axis)]);
        var result = Reduce(ClassAxis.MoveLast(values, axis), ClassAxis.MoveLast(targets, axis), sampleWeight, mask, movedGradient,
            fromPreActivation, perRow);
        if (gradient is not null) ClassAxis.MoveBack(movedGradient!, axis, gradient);
        return result;
    }

    // The per-batch loops here are AggressiveOptimization: fully optimised from their first call, not tier-0 code that a
    // busy notebook kernel would keep running for epochs (issue 13).
    // Row r counts with eᵣ = wᵣ·mᵣ; the sum Σ eᵣ·ℓᵣ is divided by the reduction's divisor D, and each row's gradient by D too.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private (double Value, double Divisor) Reduce(Tensor values, Tensor targets, ReadOnlySpan<float> sampleWeight, ReadOnlySpan<float> mask,
        Tensor? gradient, bool fromPreActivation, Span<float> perRow)
    {
        int classes = values.Dim(-1), rows = values.Length / Math.Max(1, classes);
        int targetLength = SparseTargets ? 1 : classes;
        if (targets.Length != rows * targetLength)
            throw new ArgumentException(
                $"{Name} expects targets with {rows * targetLength} values (the same shape as the predictions" +
                $"{(SparseTargets ? " without their class axis" : "")}) for predictions of shape {Tensor.ShapeText(values.Shape)}, " +
                $"got shape {Tensor.ShapeText(targets.Shape)}.", nameof(targets));
        var weights = new RowWeights(sampleWeight, mask, values.Rank > 1 ? values.Dim(0) : 1, rows, values.Shape);
        ReadOnlySpan<float> v = values.Span, t = targets.Span;
        Span<float> g = gradient is null ? default : gradient.Span;
        bool logits = fromPreActivation || PredictionsAreLogits;
        double divisor = Divisor(weights, t, rows, targetLength), scale = divisor == 0 ? 0 : 1 / divisor, total = 0;
        // Keras divides with divide_no_nan: a zero divisor (every row masked or weighing 0) gives 0, not NaN.
        for (int r = 0; r < rows; r++)
        {
            ReadOnlySpan<float> tRow = t.Slice(r * targetLength, targetLength);
            float weight = weights.IsMasked(r) || IgnoresRow(tRow) ? 0 : weights.Weight(r);
            Span<float> gRow = g.IsEmpty ? default : g.Slice(r * classes, classes);
            if (!perRow.IsEmpty) perRow[r] = 0;
            if (weight == 0)
            {
                gRow.Clear();
                continue;
            }
            ReadOnlySpan<float> vRow = v.Slice(r * classes, classes);
            double loss = logits ? RowLossFromPreActivation(vRow, tRow, gRow) : RowLoss(vRow, tRow, gRow);
            total += weight * loss;
            if (!perRow.IsEmpty) perRow[r] = (float)(weight * loss);
            if (!gRow.IsEmpty) ElementwiseKernels.Multiply(gRow, (float)(weight * scale), gRow);
        }
        return (divisor == 0 ? 0 : total / divisor, divisor);
    }

    // Keras's divisor: the row count (of unmasked rows with a mask) for sum_over_batch_size and mean, 1 for sum and none,
    // the weight sum for mean_with_sample_weight (Σ w·m with a mask, else the weights as given; the row count without weights).
    private double Divisor(RowWeights weights, ReadOnlySpan<float> targets, int rows, int targetLength)
    {
        if (!Reduction.Divides) return 1;
        bool masked = weights.HasMask || MasksByTarget;
        if (Reduction == LossReduction.MeanWithSampleWeight && weights.HasSampleWeight && !masked) return weights.GivenWeightSum();
        if (!masked) return rows;
        bool weighted = Reduction == LossReduction.MeanWithSampleWeight;
        double divisor = 0;
        for (int r = 0; r < rows; r++)
            if (!weights.IsMasked(r) && !IgnoresRow(targets.Slice(r * targetLength, targetLength)))
                divisor += weighted ? weights.Weight(r) : 1;
        return divisor;
    }
}
