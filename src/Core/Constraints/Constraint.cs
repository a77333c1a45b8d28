using NotebookRnn.Tensors;

namespace NotebookRnn.Constraints;

/// <summary>
/// A projection applied to a weight after each optimizer step (Keras <c>keras.constraints</c>): a layer's
/// <c>kernelConstraint</c>, <c>biasConstraint</c>, … keep its weights inside a set, e.g. norms at most 2 with
/// <see cref="MaxNorm"/>. Keras names are accepted as strings.
/// </summary>
public abstract class Constraint
{
    /// <summary>Keras's <c>backend.epsilon()</c>, added to norms before dividing by them.</summary>
    internal const double Epsilon = 1e-7;

    /// <summary>Replaces <paramref name="values"/>, a weight of shape <paramref name="shape"/>, by their projection (Keras <c>__call__</c>).</summary>
    /// <exception cref="ArgumentException">The shape does not hold as many values, or has no such axis.</exception>
    public abstract void Apply(Span<float> values, IReadOnlyList<int> shape);

    /// <summary>The Keras name, e.g. <c>max_norm</c>.</summary>
    public abstract string Name { get; }

    /// <summary>The Keras class name, e.g. <c>MaxNorm</c>.</summary>
    public string ClassName => GetType().Name;

    /// <summary>The arguments as Keras's <c>get_config</c> writes them, e.g. <c>{ "max_value": 2, "axis": 0 }</c>.</summary>
    public virtual IReadOnlyDictionary<string, object?> GetConfig() => new Dictionary<string, object?>();

    /// <inheritdoc/>
    public override string ToString() => $"{ClassName}({string.Join(", ", GetConfig().Select(e => $"{e.Key}={e.Value}"))})";

    /// <summary>
    /// Looks up a constraint with Keras's defaults by name (snake case or class name): <c>max_norm</c> (2, axis 0),
    /// <c>non_neg</c>, <c>unit_norm</c> (axis 0), <c>min_max_norm</c> (0, 1, rate 1, axis 0).
    /// </summary>
    /// <exception cref="ArgumentException">Another name.</exception>
    public static Constraint Get(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        return TryGet(name) ?? throw new ArgumentException(
            $"Constraint \"{name}\" not understood; expected one of max_norm, non_neg, unit_norm, min_max_norm.", nameof(name));
    }

    /// <summary>Same as <see cref="Get"/>.</summary>
    public static implicit operator Constraint(string name) => Get(name);

    /// <summary>Creates a constraint from its Keras class name and <see cref="GetConfig"/> form, e.g. <c>("MaxNorm", { "max_value": 3, "axis": 1 })</c>.</summary>
    /// <exception cref="ArgumentException">Unknown class, unknown key, or a value of the wrong type or out of range.</exception>
    public static Constraint FromConfig(string className, IReadOnlyDictionary<string, object?> config)
    {
        ArgumentNullException.ThrowIfNull(className);
        ArgumentNullException.ThrowIfNull(config);
        Constraint named = TryGet(className) ?? throw new ArgumentException(
            $"Constraint class \"{className}\" not understood; expected MaxNorm, NonNeg, UnitNorm or MinMaxNorm.", nameof(className));
        string c = named.ClassName;
        ObjectConfig.CheckKeys(c, config, [.. named.GetConfig().Keys]);
        int axis = ObjectConfig.Int(c, config, "axis", 0);
        return named switch
        {
            MaxNorm => new MaxNorm(ObjectConfig.Double(c, config, "max_value", 2), axis),
            UnitNorm => new UnitNorm(axis),
            MinMaxNorm => new MinMaxNorm(ObjectConfig.Double(c, config, "min_value", 0), ObjectConfig.Double(c, config, "max_value", 1),
                ObjectConfig.Double(c, config, "rate", 1), axis),
            _ => named,
        };
    }

    /// <summary>How a layer configuration holds this constraint: its name when that gives it back, else <c>{ class_name, config }</c>.</summary>
    internal object ConfigForm() => ObjectConfig.Form(Name, ClassName, GetConfig(), TryGet(Name) is { } named && named.GetType() == GetType() ? named.GetConfig() : null);

    /// <summary>
    /// Rescales every vector along <paramref name="axis"/> (the others fixed): w ← w · factor(‖w‖₂), the norm taken over
    /// that axis as Keras's <c>sum(square(w), axis, keepdims=True)</c>.
    /// </summary>
    private protected static void ScaleNorms(Span<float> values, IReadOnlyList<int> shape, int axis, Func<double, double> factor)
    {
        int rank = shape.Count == 0 ? 1 : shape.Count;
        int a = axis < 0 ? axis + rank : axis;
        if (a < 0 || a >= rank)
            throw new ArgumentException($"Axis {axis} is outside a weight of shape {Tensor.ShapeText(shape)}.", nameof(axis));
        int length = shape.Count == 0 ? 1 : shape[a], inner = 1;
        for (int i = a + 1; i < shape.Count; i++) inner *= shape[i];
        int stride = length * inner;
        if (stride == 0) return;
        if (values.Length % stride != 0)
            throw new ArgumentException($"A weight of shape {Tensor.ShapeText(shape)} cannot hold {values.Length} values.", nameof(values));
        for (int outer = 0; outer < values.Length / stride; outer++)
            for (int j = 0; j < inner; j++)
            {
                Span<float> block = values.Slice(outer * stride + j, stride - j);
                double squares = 0;
                for (int k = 0; k < length; k++) squares += (double)block[k * inner] * block[k * inner];
                float scale = (float)factor(Math.Sqrt(squares));
                for (int k = 0; k < length; k++) block[k * inner] *= scale;
            }
    }

    private static Constraint? TryGet(string name) => Naming.Key(name) switch
    {
        "maxnorm" => new MaxNorm(),
        "nonneg" => new NonNeg(),
        "unitnorm" => new UnitNorm(),
        "minmaxnorm" => new MinMaxNorm(),
        _ => null,
    };
}
