using System.Numerics.Tensors;
using NotebookRnn.Layers;
using NotebookRnn.Tensors;

namespace NotebookRnn.Optimizers;

/// <summary>
/// Base of the optimizers. Each <see cref="Apply"/> clips the gradients (Keras semantics: <c>clipValue</c>
/// elementwise, <c>clipNorm</c> per weight, <c>globalClipNorm</c> over all weights together) and then updates
/// every trainable weight by the optimizer's rule. Keras names are accepted as strings.
/// </summary>
public abstract class Optimizer
{
    private readonly Dictionary<Parameter, float[][]> _slots = [];

    /// <summary>Stores the settings shared by all optimizers.</summary>
    /// <exception cref="ArgumentException">A setting is out of range, or both <c>learningRate</c> and <c>lr</c> were given.</exception>
    protected Optimizer(double? learningRate, double? lr, double defaultLearningRate, double? clipNorm, double? clipValue, double? globalClipNorm)
    {
        if (learningRate is not null && lr is not null && learningRate != lr)
            throw new ArgumentException(
                $"Give learningRate or its Keras 2 alias lr, not both: got learningRate {learningRate} and lr {lr}.", nameof(lr));
        LearningRate = learningRate ?? lr ?? defaultLearningRate;
        CheckPositive(clipNorm, nameof(clipNorm));
        CheckPositive(clipValue, nameof(clipValue));
        CheckPositive(globalClipNorm, nameof(globalClipNorm));
        ClipNorm = clipNorm;
        ClipValue = clipValue;
        GlobalClipNorm = globalClipNorm;
    }

    /// <summary>The step size; callbacks such as a learning-rate scheduler may change it between batches.</summary>
    public double LearningRate
    {
        get;
        set => field = value > 0 ? value : throw new ArgumentOutOfRangeException(nameof(LearningRate), value, "Expected a learning rate > 0.");
    }

    /// <summary>Each weight's gradient is rescaled so its L2 norm is at most this.</summary>
    public double? ClipNorm { get; }

    /// <summary>Each gradient value is clipped to [−clipValue, clipValue].</summary>
    public double? ClipValue { get; }

    /// <summary>All gradients together are rescaled so their joint L2 norm is at most this.</summary>
    public double? GlobalClipNorm { get; }

    /// <summary>Number of updates applied so far.</summary>
    public long Iterations { get; private set; }

    /// <summary>The Keras name, e.g. <c>rmsprop</c>.</summary>
    public abstract string Name { get; }

    /// <summary>Number of state arrays the rule keeps per weight (e.g. 2 for Adam's moments).</summary>
    protected abstract int SlotCount { get; }

    /// <summary>The rule's state per weight (<see cref="SlotCount"/> arrays each) for saving; weights not yet updated have none.</summary>
    internal IReadOnlyDictionary<Parameter, float[][]> State => _slots;

    /// <summary><see cref="SlotCount"/>, for saving and loading the state.</summary>
    internal int StateSlotCount => SlotCount;

    /// <summary>Replaces the update count and the per-weight state with saved ones (<c>Sequential.Load</c>).</summary>
    internal void RestoreState(long iterations, IReadOnlyDictionary<Parameter, float[][]> state)
    {
        Iterations = iterations;
        _slots.Clear();
        foreach (var (parameter, slots) in state) _slots[parameter] = slots;
    }

    /// <summary>Clips the gradients and updates the trainable <paramref name="parameters"/> in place.</summary>
    public void Apply(IReadOnlyList<Parameter> parameters)
    {
        ClipGlobally(parameters);
        Iterations++;
        foreach (Parameter parameter in parameters)
        {
            if (!parameter.Trainable) continue;
            Span<float> gradient = parameter.Gradient.Span;
            if (ClipValue is double value) TensorPrimitives.Clamp(gradient, (float)-value, (float)value, gradient);
            if (ClipNorm is double norm) ClipToNorm(gradient, TensorPrimitives.Norm(gradient), norm);
            UpdateStep(parameter.Value.Span, gradient, SlotsFor(parameter), Iterations);
        }
    }

    /// <summary>Applies the update rule to one weight.</summary>
    /// <param name="weight">The weight values, updated in place.</param>
    /// <param name="gradient">Its (clipped) gradient.</param>
    /// <param name="slots">The rule's state for this weight, <see cref="SlotCount"/> arrays, zero at first.</param>
    /// <param name="step">1 for the first update.</param>
    protected abstract void UpdateStep(Span<float> weight, ReadOnlySpan<float> gradient, float[][] slots, long step);

    /// <summary>The optimizer's settings as Keras-style configuration.</summary>
    public virtual IReadOnlyDictionary<string, object?> GetConfig() => new Dictionary<string, object?>
    {
        ["name"] = Name,
        ["learning_rate"] = LearningRate,
        ["clipnorm"] = ClipNorm,
        ["clipvalue"] = ClipValue,
        ["global_clipnorm"] = GlobalClipNorm,
    };

    /// <summary>Looks up an optimizer with Keras defaults by name: <c>sgd</c>, <c>rmsprop</c>, <c>adam</c>.</summary>
    /// <exception cref="ArgumentException">The name is unknown.</exception>
    public static Optimizer Get(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        return Naming.Key(name) switch
        {
            "sgd" => new SGD(),
            "rmsprop" => new RMSprop(),
            "adam" => new Adam(),
            _ => throw new ArgumentException($"Optimizer \"{name}\" not understood; expected one of sgd, rmsprop, adam.", nameof(name)),
        };
    }

    /// <summary>Same as <see cref="Get"/>.</summary>
    public static implicit operator Optimizer(string name) => Get(name);

    /// <inheritdoc/>
    public override string ToString() => $"{Name}(learning_rate={LearningRate})";

    private float[][] SlotsFor(Parameter parameter)
    {
        if (!_slots.TryGetValue(parameter, out float[][]? slots))
        {
            slots = new float[SlotCount][];
            for (int i = 0; i < slots.Length; i++) slots[i] = new float[parameter.Value.Length];
            _slots[parameter] = slots;
        }
        return slots;
    }

    private void ClipGlobally(IReadOnlyList<Parameter> parameters)
    {
        if (GlobalClipNorm is not double limit) return;
        double squares = 0;
        foreach (Parameter p in parameters)
            if (p.Trainable) squares += Math.Pow(TensorPrimitives.Norm(p.Gradient.Span), 2);
        double norm = Math.Sqrt(squares);
        foreach (Parameter p in parameters)
            if (p.Trainable) ClipToNorm(p.Gradient.Span, norm, limit);
    }

    private static void ClipToNorm(Span<float> gradient, double norm, double limit)
    {
        if (norm > limit) TensorPrimitives.Multiply(gradient, (float)(limit / norm), gradient);
    }

    private static void CheckPositive(double? value, string name)
    {
        if (value is double v && !(v > 0))
            throw new ArgumentOutOfRangeException(name, v, $"Expected {name} > 0 when given.");
    }
}
