using System.Globalization;
using System.Numerics.Tensors;
using System.Text.RegularExpressions;
using NotebookRnn.Layers;
using NotebookRnn.Tensors;

namespace NotebookRnn.Optimizers;

/// <summary>
/// Base of the optimizers. Each <see cref="Apply"/> clips the gradients (Keras semantics: <c>clipValue</c>
/// elementwise, <c>clipNorm</c> per weight, <c>globalClipNorm</c> over all weights together; at most one of them),
/// decays the weights (<c>w ← w − w·weightDecay·lr</c>, when <c>weightDecay</c> is set) and then updates every
/// trainable weight by the optimizer's rule. Keras names are accepted as strings.
/// </summary>
public abstract class Optimizer
{
    private readonly Dictionary<Parameter, float[][]> _slots = [];
    private readonly Dictionary<Parameter, bool> _decays = [];
    private HashSet<Parameter> _excludedParameters = [];
    private Regex? _excludedNamePattern;

    /// <summary>Stores the settings shared by all optimizers.</summary>
    /// <exception cref="ArgumentException">A setting is out of range, both <c>learningRate</c> and <c>lr</c> were given,
    /// or more than one of <c>clipNorm</c>, <c>clipValue</c> and <c>globalClipNorm</c> was given.</exception>
    protected Optimizer(double? learningRate, double? lr, double defaultLearningRate, double? weightDecay,
        double? clipNorm, double? clipValue, double? globalClipNorm)
    {
        if (learningRate is not null && lr is not null && learningRate != lr)
            throw new ArgumentException(
                $"Give learningRate or its Keras 2 alias lr, not both: got learningRate {learningRate} and lr {lr}.", nameof(lr));
        LearningRate = learningRate ?? lr ?? defaultLearningRate;
        if (weightDecay is double decay && !(decay >= 0 && double.IsFinite(decay)))
            throw new ArgumentOutOfRangeException(nameof(weightDecay), decay, "Expected a finite weightDecay ≥ 0 when given.");
        CheckPositive(clipNorm, nameof(clipNorm));
        CheckPositive(clipValue, nameof(clipValue));
        CheckPositive(globalClipNorm, nameof(globalClipNorm));
        CheckOneClip(clipNorm, clipValue, globalClipNorm);
        WeightDecay = weightDecay;
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

    /// <summary>
    /// Decoupled weight decay (Keras 3): before the rule, each weight not excluded by <see cref="ExcludeFromWeightDecay"/>
    /// becomes <c>w − w·weightDecay·lr</c>. <c>null</c> (the default, except for <see cref="AdamW"/>) decays nothing.
    /// </summary>
    public double? WeightDecay { get; }

    /// <summary>Each weight's gradient is rescaled so its L2 norm is at most this.</summary>
    public double? ClipNorm { get; }

    /// <summary>Each gradient value is clipped to [−clipValue, clipValue].</summary>
    public double? ClipValue { get; }

    /// <summary>All gradients together are rescaled so their joint L2 norm is at most this.</summary>
    public double? GlobalClipNorm { get; }

    /// <summary>The name patterns given to <see cref="ExcludeFromWeightDecay"/>, empty when none.</summary>
    public IReadOnlyList<string> WeightDecayExcludedNames { get; private set; } = [];

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

    /// <summary>The weights excluded from weight decay one by one (<see cref="ExcludeFromWeightDecay"/>'s <c>varList</c>), for saving.</summary>
    internal IReadOnlyCollection<Parameter> WeightDecayExcludedParameters => _excludedParameters;

    /// <summary>
    /// Names of weights (<c>dense/kernel</c>) excluded from weight decay by reference, as read from a model file; loading
    /// matches them to the loaded model's weights. Empty otherwise.
    /// </summary>
    internal IReadOnlyList<string> UnresolvedWeightDecayExclusions { get; set; } = [];

    /// <summary>Replaces the update count and the per-weight state with saved ones (<c>Sequential.Load</c>).</summary>
    internal void RestoreState(long iterations, IReadOnlyDictionary<Parameter, float[][]> state)
    {
        Iterations = iterations;
        _slots.Clear();
        foreach (var (parameter, slots) in state) _slots[parameter] = slots;
    }

    /// <summary>
    /// Keras's <c>exclude_from_weight_decay</c>: the weights in <paramref name="varList"/>, and those whose
    /// <see cref="Parameter.Name"/> (e.g. <c>bias</c>) matches one of the regular expressions in <paramref name="varNames"/>,
    /// are not decayed. Each call replaces the previous exclusions.
    /// </summary>
    /// <param name="varList">Weights to exclude; default none.</param>
    /// <param name="varNames">Patterns searched for in each weight's name; default none.</param>
    /// <exception cref="ArgumentException">A pattern is empty or not a valid regular expression.</exception>
    public void ExcludeFromWeightDecay(IEnumerable<Parameter>? varList = null, IEnumerable<string>? varNames = null)
    {
        string[] names = [.. varNames ?? []];
        string? empty = names.FirstOrDefault(string.IsNullOrEmpty);
        if (empty is not null)
            throw new ArgumentException($"Expected non-empty weight-name patterns in varNames, got \"{empty}\".", nameof(varNames));
        Regex? pattern;
        try
        {
            pattern = names.Length == 0 ? null : new Regex(string.Join('|', names.Distinct()), RegexOptions.CultureInvariant);
        }
        catch (ArgumentException error)
        {
            throw new ArgumentException($"Expected regular expressions in varNames, got {string.Join(", ", names)}: {error.Message}", nameof(varNames), error);
        }
        _excludedParameters = [.. varList ?? []];
        UnresolvedWeightDecayExclusions = [];
        _excludedNamePattern = pattern;
        WeightDecayExcludedNames = names;
        _decays.Clear();
    }

    /// <summary>Clips the gradients, decays the weights and updates the trainable <paramref name="parameters"/> in place.</summary>
    public void Apply(IReadOnlyList<Parameter> parameters)
    {
        ClipGlobally(parameters);
        Iterations++;
        // Indexed loops: a foreach over the interface would allocate an enumerator on every batch.
        for (int p = 0; p < parameters.Count; p++)
        {
            Parameter parameter = parameters[p];
            if (!parameter.Trainable) continue;
            Span<float> gradient = parameter.Gradient.Span;
            if (ClipValue is double value) TensorPrimitives.Clamp(gradient, (float)-value, (float)value, gradient);
            if (ClipNorm is double norm) ClipToNorm(gradient, TensorPrimitives.Norm(gradient), norm);
            Span<float> weight = parameter.Value.Span;
            if (WeightDecay is double decay && Decays(parameter))
                TensorPrimitives.MultiplyAdd(weight, (float)-(decay * LearningRate), weight, weight);
            UpdateStep(weight, gradient, SlotsFor(parameter), Iterations);
        }
    }

    /// <summary>Applies the update rule to one weight.</summary>
    /// <param name="weight">The weight values, updated in place.</param>
    /// <param name="gradient">Its (clipped) gradient.</param>
    /// <param name="slots">The rule's state for this weight, <see cref="SlotCount"/> arrays, <see cref="InitialSlotValue"/> at first.</param>
    /// <param name="step">1 for the first update.</param>
    protected abstract void UpdateStep(Span<float> weight, ReadOnlySpan<float> gradient, float[][] slots, long step);

    /// <summary>The value every element of state array <paramref name="slot"/> starts at; 0 unless a rule says otherwise (Adagrad).</summary>
    protected virtual float InitialSlotValue(int slot) => 0;

    /// <summary>The optimizer's settings as Keras-style configuration.</summary>
    public virtual IReadOnlyDictionary<string, object?> GetConfig()
    {
        var config = new Dictionary<string, object?>
        {
            ["name"] = Name,
            ["learning_rate"] = LearningRate,
            ["weight_decay"] = WeightDecay,
            ["clipnorm"] = ClipNorm,
            ["clipvalue"] = ClipValue,
            ["global_clipnorm"] = GlobalClipNorm,
        };
        if (WeightDecayExcludedNames.Count > 0) config["exclude_from_weight_decay"] = WeightDecayExcludedNames;
        return config;
    }

    /// <summary>
    /// Looks up an optimizer with Keras defaults by name: <c>sgd</c>, <c>rmsprop</c>, <c>adam</c>, <c>adamw</c>,
    /// <c>adagrad</c>, <c>adadelta</c>, <c>adamax</c>, <c>nadam</c>.
    /// </summary>
    /// <exception cref="ArgumentException">The name is unknown.</exception>
    public static Optimizer Get(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        return Naming.Key(name) switch
        {
            "sgd" => new SGD(),
            "rmsprop" => new RMSprop(),
            "adam" => new Adam(),
            "adamw" => new AdamW(),
            "adagrad" => new Adagrad(),
            "adadelta" => new Adadelta(),
            "adamax" => new Adamax(),
            "nadam" => new Nadam(),
            _ => throw new ArgumentException(
                $"Optimizer \"{name}\" not understood; expected one of sgd, rmsprop, adam, adamw, adagrad, adadelta, adamax, nadam.", nameof(name)),
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
            for (int i = 0; i < slots.Length; i++)
            {
                slots[i] = new float[parameter.Value.Length];
                slots[i].AsSpan().Fill(InitialSlotValue(i));
            }
            _slots[parameter] = slots;
        }
        return slots;
    }

    // The answer is kept per weight, as Keras does, so the name pattern runs once per weight and not on every batch.
    private bool Decays(Parameter parameter)
    {
        if (!_decays.TryGetValue(parameter, out bool decays))
        {
            decays = !_excludedParameters.Contains(parameter) && _excludedNamePattern?.IsMatch(parameter.Name) != true;
            _decays[parameter] = decays;
        }
        return decays;
    }

    private void ClipGlobally(IReadOnlyList<Parameter> parameters)
    {
        if (GlobalClipNorm is not double limit) return;
        double squares = 0;
        for (int p = 0; p < parameters.Count; p++)
            if (parameters[p].Trainable) squares += Math.Pow(TensorPrimitives.Norm(parameters[p].Gradient.Span), 2);
        double norm = Math.Sqrt(squares);
        for (int p = 0; p < parameters.Count; p++)
            if (parameters[p].Trainable) ClipToNorm(parameters[p].Gradient.Span, norm, limit);
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

    // Keras refuses several clip arguments together rather than choosing one of them silently.
    private static void CheckOneClip(double? clipNorm, double? clipValue, double? globalClipNorm)
    {
        int given = (clipNorm is null ? 0 : 1) + (clipValue is null ? 0 : 1) + (globalClipNorm is null ? 0 : 1);
        if (given > 1)
            throw new ArgumentException("Only one of clipNorm, clipValue and globalClipNorm can be set; got " +
                $"clipNorm {Text(clipNorm)}, clipValue {Text(clipValue)}, globalClipNorm {Text(globalClipNorm)}.",
                globalClipNorm is null ? nameof(clipValue) : nameof(globalClipNorm));
    }

    private static string Text(double? value) => value?.ToString(CultureInfo.InvariantCulture) ?? "null";
}
