using System.Globalization;
using NotebookRnn.Tensors;

namespace NotebookRnn.Initializers;

/// <summary>
/// Keras <c>Constant</c>: every entry is <see cref="Value"/> (default 0), or, given an array, the array broadcast to the
/// weight's shape as NumPy's <c>np.full(shape, value)</c> does.
/// </summary>
public sealed class Constant : Initializer
{
    private readonly float[] _values;
    private readonly int[] _valueShape;

    /// <summary>Creates the initializer.</summary>
    /// <param name="value">The value of every weight entry; default 0.</param>
    public Constant(float value = 0)
    {
        _values = [value];
        _valueShape = [];
    }

    /// <summary>
    /// Creates an initializer whose weight is <paramref name="values"/> broadcast to the weight's shape: the shapes are
    /// aligned on their last axis and each dimension of <paramref name="shape"/> must be 1 or equal the weight's.
    /// </summary>
    /// <param name="values">The array, row-major; copied.</param>
    /// <param name="shape">Its shape, e.g. (units,) for a bias or (inputDim, units) for a kernel; () is a scalar.</param>
    /// <exception cref="ArgumentException">A dimension is negative, or <paramref name="values"/> does not hold as many entries as <paramref name="shape"/>.</exception>
    public Constant(float[] values, IReadOnlyList<int> shape)
    {
        ArgumentNullException.ThrowIfNull(values);
        ArgumentNullException.ThrowIfNull(shape);
        _values = (float[])values.Clone();
        _valueShape = [.. new Tensor(_values, [.. shape]).Shape];
    }

    /// <summary>Creates an initializer whose weight is <paramref name="value"/> broadcast to the weight's shape (see <see cref="Constant(float[], IReadOnlyList{int})"/>).</summary>
    /// <param name="value">The array; copied. A <c>float[]</c> or <c>float[,]</c> converts to a tensor.</param>
    public Constant(Tensor value)
        : this(value?.ToArray() ?? throw new ArgumentNullException(nameof(value)), value.Shape)
    {
    }

    /// <summary>The value of every entry.</summary>
    /// <exception cref="InvalidOperationException">The value is an array (see <see cref="Values"/>).</exception>
    public float Value => IsScalar ? _values[0]
        : throw new InvalidOperationException($"This Constant holds an array of shape {Tensor.ShapeText(_valueShape)}; read Values and ValueShape.");

    /// <summary>The value's entries, row-major: one for a scalar.</summary>
    public IReadOnlyList<float> Values => _values;

    /// <summary>The value's shape: () for a scalar.</summary>
    public IReadOnlyList<int> ValueShape => _valueShape;

    /// <inheritdoc/>
    public override string Name => "constant";

    private bool IsScalar => _valueShape.Length == 0;

    /// <summary>
    /// <c>{ "value": v }</c> for a scalar; for an array, Keras's serialized NumPy array
    /// <c>{ "value": { "class_name": "__numpy__", "config": { "value": [[…]], "dtype": "float32" } } }</c>.
    /// </summary>
    public override IReadOnlyDictionary<string, object?> GetConfig() => new Dictionary<string, object?>
    {
        ["value"] = IsScalar ? _values[0] : new Dictionary<string, object?>
        {
            ["class_name"] = "__numpy__",
            ["config"] = new Dictionary<string, object?> { ["value"] = Nested(0, 0), ["dtype"] = "float32" },
        },
    };

    /// <summary><c>weight[i] = value[broadcast index of i]</c>.</summary>
    /// <exception cref="ArgumentException">The value's shape does not broadcast to <paramref name="shape"/>.</exception>
    public override void Fill(Span<float> values, IReadOnlyList<int> shape, RandomGenerator random)
    {
        if (IsScalar)
        {
            values.Fill(_values[0]);
            return;
        }
        int[] strides = BroadcastStrides(shape);
        var index = new int[shape.Count];
        for (int i = 0, source = 0; i < values.Length; i++)
        {
            values[i] = _values[source];
            // Advance the weight's index like an odometer, moving the source by each axis's stride (0 on a broadcast axis).
            for (int axis = shape.Count - 1; axis >= 0; axis--)
            {
                source += strides[axis];
                if (++index[axis] < shape[axis]) break;
                source -= strides[axis] * index[axis];
                index[axis] = 0;
            }
        }
    }

    /// <summary>
    /// Reads Keras's <c>value</c>: a number, a nested list, or a serialized array
    /// <c>{ "class_name": "__numpy__" or "__tensor__", "config": { "value": …, "dtype": … } }</c>.
    /// </summary>
    /// <exception cref="ArgumentException">Anything else, or a ragged list.</exception>
    internal static Constant FromConfigValue(object? value)
    {
        if (value is double or float or int or long) return new Constant(Convert.ToSingle(value, CultureInfo.InvariantCulture));
        if (value is IReadOnlyDictionary<string, object?> { } serialized
            && serialized.TryGetValue("class_name", out object? className) && className is "__numpy__" or "__tensor__"
            && serialized.TryGetValue("config", out object? inner) && inner is IReadOnlyDictionary<string, object?> array
            && array.TryGetValue("value", out object? list))
            return FromConfigValue(list);
        if (value is not object[] items) throw BadValue(value);
        var shape = new List<int>();
        for (object? level = items; level is object[] nested; level = nested.Length > 0 ? nested[0] : null) shape.Add(nested.Length);
        var flat = new List<float>();
        Flatten(items, shape, 0, flat);
        return new Constant([.. flat], shape);
    }

    private static void Flatten(object?[] items, List<int> shape, int axis, List<float> flat)
    {
        if (items.Length != shape[axis])
            throw new ArgumentException($"Constant config key \"value\" must be a rectangular list; axis {axis} has lengths {shape[axis]} and {items.Length}.", "value");
        foreach (object? item in items)
        {
            if (axis + 1 < shape.Count && item is object?[] nested) Flatten(nested, shape, axis + 1, flat);
            else if (axis + 1 == shape.Count && item is double or float or int or long) flat.Add(Convert.ToSingle(item, CultureInfo.InvariantCulture));
            else throw BadValue(item);
        }
    }

    private static ArgumentException BadValue(object? value) =>
        new($"Constant config key \"value\" must be a number, a rectangular list of numbers or a serialized __numpy__ array, got {value?.GetType().Name ?? "null"}.", "value");

    // The value's entries from flat offset `offset` on, as nested lists from axis `axis` in, the way numpy's tolist() writes them.
    private object Nested(int axis, int offset)
    {
        int length = _valueShape[axis];
        if (axis == _valueShape.Length - 1) return _values[offset..(offset + length)].Select(v => (object)v).ToArray();
        int block = _valueShape[(axis + 1)..].Aggregate(1, (a, b) => a * b);
        return Enumerable.Range(0, length).Select(i => Nested(axis + 1, offset + i * block)).ToArray();
    }

    // NumPy's broadcasting: align on the last axis; each value dimension must be 1 (stride 0) or equal the weight's.
    private int[] BroadcastStrides(IReadOnlyList<int> shape)
    {
        int lead = shape.Count - _valueShape.Length;
        var strides = new int[shape.Count];
        bool fits = lead >= 0;
        for (int axis = _valueShape.Length - 1, stride = 1; fits && axis >= 0; axis--)
        {
            int dimension = _valueShape[axis];
            fits = dimension == 1 || dimension == shape[lead + axis];
            strides[lead + axis] = dimension == 1 ? 0 : stride;
            stride *= dimension;
        }
        return fits ? strides : throw new ArgumentException(
            $"Constant value of shape {Tensor.ShapeText(_valueShape)} cannot be broadcast to the weight's shape {Tensor.ShapeText(shape)}; " +
            "aligned on the last axis, each value dimension must be 1 or equal the weight's.", nameof(shape));
    }
}
