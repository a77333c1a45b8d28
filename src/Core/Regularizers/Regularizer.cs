using NotebookRnn.Tensors;

namespace NotebookRnn.Regularizers;

/// <summary>
/// A penalty on a weight or on a layer's output (Keras <c>keras.regularizers</c>), added to the training loss: a layer's
/// <c>kernelRegularizer</c>, <c>biasRegularizer</c>, … penalise its weights, its <c>activityRegularizer</c> its output
/// (divided by the batch size, as Keras). Keras names are accepted as strings.
/// </summary>
public abstract class Regularizer
{
    /// <summary>The penalty of <paramref name="values"/>, a tensor of shape <paramref name="shape"/> (Keras <c>__call__</c>), e.g. l2 · Σ x² for <see cref="L2"/>.</summary>
    /// <exception cref="ArgumentException">The regularizer cannot take a tensor of this shape.</exception>
    public abstract double Penalty(ReadOnlySpan<float> values, IReadOnlyList<int> shape);

    /// <summary>Adds <paramref name="scale"/> · ∂penalty/∂values into <paramref name="gradient"/> (same length as the values).</summary>
    /// <exception cref="ArgumentException">The spans differ in length, or the regularizer cannot take a tensor of this shape.</exception>
    public abstract void AddGradient(ReadOnlySpan<float> values, IReadOnlyList<int> shape, Span<float> gradient, float scale = 1);

    /// <summary>The Keras name, e.g. <c>l1_l2</c>.</summary>
    public abstract string Name { get; }

    /// <summary>The Keras class name, e.g. <c>L1L2</c>.</summary>
    public string ClassName => GetType().Name;

    /// <summary>The arguments as Keras's <c>get_config</c> writes them, e.g. <c>{ "l2": 0.01 }</c>.</summary>
    public abstract IReadOnlyDictionary<string, object?> GetConfig();

    /// <inheritdoc/>
    public override string ToString() => $"{ClassName}({string.Join(", ", GetConfig().Select(e => $"{e.Key}={e.Value}"))})";

    /// <summary>
    /// Looks up a regularizer with Keras's defaults by name (case and <c>_</c> ignored): <c>l1</c> (0.01), <c>l2</c> (0.01),
    /// <c>l1_l2</c> / <c>l1l2</c> (0 and 0), <c>orthogonal_regularizer</c> (0.01, rows).
    /// </summary>
    /// <exception cref="ArgumentException">Another name.</exception>
    public static Regularizer Get(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        return TryGet(name) ?? throw new ArgumentException($"Regularizer \"{name}\" not understood; expected one of l1, l2, l1_l2, orthogonal_regularizer.", nameof(name));
    }

    /// <summary>Same as <see cref="Get"/>.</summary>
    public static implicit operator Regularizer(string name) => Get(name);

    /// <summary>Creates a regularizer from its Keras class name and <see cref="GetConfig"/> form, e.g. <c>("L2", { "l2": 0.1 })</c>.</summary>
    /// <exception cref="ArgumentException">Unknown class, unknown key, or a value of the wrong type or out of range.</exception>
    public static Regularizer FromConfig(string className, IReadOnlyDictionary<string, object?> config)
    {
        ArgumentNullException.ThrowIfNull(className);
        ArgumentNullException.ThrowIfNull(config);
        Regularizer named = TryGet(className) ?? throw new ArgumentException(
            $"Regularizer class \"{className}\" not understood; expected L1, L2, L1L2 or OrthogonalRegularizer.", nameof(className));
        string c = named.ClassName;
        ObjectConfig.CheckKeys(c, config, [.. named.GetConfig().Keys]);
        return named switch
        {
            L1 => new L1(ObjectConfig.Double(c, config, "l1", 0.01)),
            L2 => new L2(ObjectConfig.Double(c, config, "l2", 0.01)),
            OrthogonalRegularizer => new OrthogonalRegularizer(ObjectConfig.Double(c, config, "factor", 0.01),
                OrthogonalRegularizer.ParseMode(ObjectConfig.String(c, config, "mode", "rows"))),
            _ => new L1L2(ObjectConfig.Double(c, config, "l1", 0), ObjectConfig.Double(c, config, "l2", 0)),
        };
    }

    /// <summary>How a layer configuration holds this regularizer: its name when that gives it back, else <c>{ class_name, config }</c>.</summary>
    internal object ConfigForm() => ObjectConfig.Form(Name, ClassName, GetConfig(), TryGet(Name) is { } named && named.GetType() == GetType() ? named.GetConfig() : null);

    /// <summary>Keras's check of a penalty factor: a finite number ≥ 0.</summary>
    /// <exception cref="ArgumentOutOfRangeException">It is not.</exception>
    internal static double CheckFactor(double value, string name) => double.IsFinite(value) && value >= 0
        ? value
        : throw new ArgumentOutOfRangeException(name, value, $"Invalid value for argument {name}: expected a non-negative float, got {value}.");

    internal static void CheckLengths(ReadOnlySpan<float> values, Span<float> gradient)
    {
        if (values.Length != gradient.Length)
            throw new ArgumentException($"The gradient must have as many values as the weight ({values.Length}), got {gradient.Length}.", nameof(gradient));
    }

    private static Regularizer? TryGet(string name) => Naming.Key(name) switch
    {
        "l1" => new L1(),
        "l2" => new L2(),
        "l1l2" => new L1L2(),
        "orthogonalregularizer" => new OrthogonalRegularizer(),
        _ => null,
    };
}
