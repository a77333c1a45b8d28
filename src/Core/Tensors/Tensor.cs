using System.Globalization;
using System.Text;

namespace NotebookRnn.Tensors;

/// <summary>
/// A dense, row-major float32 tensor of any rank. The shape never includes symbolic (unknown) dimensions:
/// a tensor is always a concrete block of numbers. Symbolic layer shapes use <c>int?[]</c> instead.
/// </summary>
/// <remarks>
/// The backing array may be larger than <see cref="Length"/> so that layers can reuse one buffer across batches
/// of different sizes; <see cref="Span"/> always covers exactly <see cref="Length"/> elements.
/// </remarks>
public sealed class Tensor
{
    private float[] _data;
    private int[] _shape;

    /// <summary>Creates a zero-filled tensor of the given shape.</summary>
    /// <param name="shape">Dimensions, each ≥ 0.</param>
    /// <exception cref="ArgumentException">A dimension is negative.</exception>
    public Tensor(params int[] shape)
    {
        _shape = CheckedShape(shape, nameof(shape));
        _data = new float[ElementCount(_shape)];
        Length = _data.Length;
    }

    /// <summary>Wraps <paramref name="data"/> (no copy) as a tensor of the given shape.</summary>
    /// <exception cref="ArgumentException">The product of <paramref name="shape"/> is not <c>data.Length</c>.</exception>
    public Tensor(float[] data, params int[] shape)
    {
        ArgumentNullException.ThrowIfNull(data);
        _shape = CheckedShape(shape, nameof(shape));
        long count = ElementCount(_shape);
        if (count != data.Length)
            throw new ArgumentException(
                $"Shape {ShapeText(_shape)} holds {count} elements, but data has {data.Length}.", nameof(shape));
        _data = data;
        Length = data.Length;
    }

    /// <summary>The dimensions, outermost first.</summary>
    public IReadOnlyList<int> Shape => _shape;

    /// <summary>Number of dimensions.</summary>
    public int Rank => _shape.Length;

    /// <summary>Number of elements (product of the shape).</summary>
    public int Length { get; private set; }

    /// <summary>The elements in row-major order.</summary>
    public Span<float> Span => _data.AsSpan(0, Length);

    /// <summary>Size of dimension <paramref name="axis"/>; negative axes count from the end.</summary>
    public int Dim(int axis) => _shape[axis < 0 ? _shape.Length + axis : axis];

    /// <summary>Number of elements in one entry of the first dimension (<c>Length / Shape[0]</c>).</summary>
    public int RowLength => _shape.Length == 0 ? 1 : RowSize(_shape);

    /// <summary>The elements of entry <paramref name="index"/> along the first dimension.</summary>
    public Span<float> Row(int index)
    {
        int rowLength = RowLength;
        if ((uint)index >= (uint)_shape[0])
            throw new ArgumentOutOfRangeException(nameof(index), index, $"Expected 0 ≤ index < {_shape[0]}.");
        return _data.AsSpan(index * rowLength, rowLength);
    }

    /// <summary>Gets or sets one element by its full index.</summary>
    public float this[params int[] index]
    {
        get => _data[Offset(index)];
        set => _data[Offset(index)] = value;
    }

    /// <summary>Returns a tensor sharing this one's data with a new shape; one dimension may be -1 (inferred).</summary>
    /// <exception cref="ArgumentException">The new shape does not hold the same number of elements.</exception>
    public Tensor Reshape(params int[] shape)
    {
        int[] resolved = (int[])shape.Clone();
        int inferred = Array.IndexOf(resolved, -1);
        if (inferred >= 0)
        {
            long known = 1;
            for (int i = 0; i < resolved.Length; i++) if (i != inferred) known *= resolved[i];
            if (known <= 0 || Length % known != 0)
                throw new ArgumentException($"Cannot reshape {ShapeText(_shape)} to {ShapeText(shape)}.", nameof(shape));
            resolved[inferred] = (int)(Length / known);
        }
        CheckedShape(resolved, nameof(shape));
        if (ElementCount(resolved) != Length)
            throw new ArgumentException(
                $"Cannot reshape {ShapeText(_shape)} ({Length} elements) to {ShapeText(shape)} ({ElementCount(resolved)} elements).",
                nameof(shape));
        return new Tensor(_data, resolved, Length);
    }

    /// <summary>Copies entries <c>[start, start + count)</c> of the first dimension into a new tensor.</summary>
    public Tensor SliceBatch(int start, int count)
    {
        if (Rank == 0) throw new InvalidOperationException("A scalar tensor has no batch dimension.");
        if (start < 0 || count < 0 || start + count > _shape[0])
            throw new ArgumentOutOfRangeException(nameof(start),
                $"Expected a range inside [0, {_shape[0]}), got start {start} and count {count}.");
        int[] shape = (int[])_shape.Clone();
        shape[0] = count;
        var result = new Tensor(shape);
        Span.Slice(start * RowLength, count * RowLength).CopyTo(result.Span);
        return result;
    }

    /// <summary>Copies the entries listed in <paramref name="rows"/> (first dimension) into a new tensor.</summary>
    public Tensor Gather(ReadOnlySpan<int> rows)
    {
        int[] shape = (int[])_shape.Clone();
        shape[0] = rows.Length;
        var result = new Tensor(shape);
        GatherInto(rows, result);
        return result;
    }

    /// <summary>Copies the entries listed in <paramref name="rows"/> into <paramref name="destination"/>.</summary>
    public void GatherInto(ReadOnlySpan<int> rows, Tensor destination)
    {
        int rowLength = RowLength;
        if (destination.Length != rows.Length * rowLength)
            throw new ArgumentException(
                $"Destination holds {destination.Length} elements; {rows.Length} rows of {rowLength} need {rows.Length * rowLength}.",
                nameof(destination));
        for (int i = 0; i < rows.Length; i++)
            Row(rows[i]).CopyTo(destination.Span.Slice(i * rowLength, rowLength));
    }

    /// <summary>A deep copy.</summary>
    public Tensor Clone() => new(Span.ToArray(), (int[])_shape.Clone());

    /// <summary>Copies the elements into a new array.</summary>
    public float[] ToArray() => Span.ToArray();

    /// <summary>Copies a rank-2 tensor into a <c>float[,]</c>.</summary>
    public float[,] ToArray2D()
    {
        RequireRank(2);
        var result = new float[_shape[0], _shape[1]];
        Span.CopyTo(System.Runtime.InteropServices.MemoryMarshal.CreateSpan(ref result[0, 0], Length));
        return result;
    }

    /// <summary>Creates a tensor of shape (n) from a copy of <paramref name="values"/>.</summary>
    public static Tensor FromArray(float[] values) => new((float[])values.Clone(), values.Length);

    /// <summary>Creates a tensor of shape (rows, columns) from a copy of <paramref name="values"/>.</summary>
    public static Tensor FromArray(float[,] values)
    {
        var data = new float[values.Length];
        int k = 0;
        foreach (float v in values) data[k++] = v;
        return new Tensor(data, values.GetLength(0), values.GetLength(1));
    }

    /// <summary>Creates a tensor of shape (d0, d1, d2) from a copy of <paramref name="values"/>.</summary>
    public static Tensor FromArray(float[,,] values)
    {
        var data = new float[values.Length];
        int k = 0;
        foreach (float v in values) data[k++] = v;
        return new Tensor(data, values.GetLength(0), values.GetLength(1), values.GetLength(2));
    }

    /// <summary>Creates a tensor of shape (rows, columns) from integer values such as token ids or labels.</summary>
    public static Tensor FromArray(int[,] values)
    {
        var data = new float[values.Length];
        int k = 0;
        foreach (int v in values) data[k++] = v;
        return new Tensor(data, values.GetLength(0), values.GetLength(1));
    }

    /// <summary>Creates a tensor of shape (n) from integer values such as class labels.</summary>
    public static Tensor FromArray(int[] values)
    {
        var data = new float[values.Length];
        for (int i = 0; i < values.Length; i++) data[i] = values[i];
        return new Tensor(data, values.Length);
    }

    /// <summary>Same as <see cref="FromArray(float[])"/>.</summary>
    public static implicit operator Tensor(float[] values) => FromArray(values);
    /// <summary>Same as <see cref="FromArray(float[,])"/>.</summary>
    public static implicit operator Tensor(float[,] values) => FromArray(values);
    /// <summary>Same as <see cref="FromArray(float[,,])"/>.</summary>
    public static implicit operator Tensor(float[,,] values) => FromArray(values);
    /// <summary>Same as <see cref="FromArray(int[,])"/>.</summary>
    public static implicit operator Tensor(int[,] values) => FromArray(values);
    /// <summary>Same as <see cref="FromArray(int[])"/>.</summary>
    public static implicit operator Tensor(int[] values) => FromArray(values);

    /// <summary>
    /// A short preview such as <c>Tensor(shape=[128, 40, 57], float32) [[[0, 1, ...], ...]]</c>: at most three
    /// leading and one trailing entry per dimension.
    /// </summary>
    public override string ToString()
    {
        var text = new StringBuilder();
        text.Append("Tensor(shape=[").Append(string.Join(", ", _shape)).Append("], float32) ");
        if (Rank == 0) text.Append(Format(_data[0]));
        else AppendPreview(text, 0, 0);
        return text.ToString();
    }

    /// <summary>Formats a symbolic shape the way Keras prints it, e.g. <c>(None, 40, 128)</c>.</summary>
    public static string ShapeText(IReadOnlyList<int?> shape) =>
        "(" + string.Join(", ", shape.Select(d => d?.ToString(CultureInfo.InvariantCulture) ?? "None")) +
        (shape.Count == 1 ? ",)" : ")");

    /// <summary>Formats a concrete shape, e.g. <c>(128, 40, 57)</c>.</summary>
    public static string ShapeText(IReadOnlyList<int> shape) => ShapeText(shape.Select(d => (int?)d).ToArray());

    /// <summary>
    /// Makes <paramref name="buffer"/> a tensor of the given shape, reusing its backing array when it is large
    /// enough. Contents are unspecified (callers overwrite or clear them). Used for per-layer workspaces.
    /// </summary>
    internal static Tensor Reuse(ref Tensor? buffer, params int[] shape)
    {
        long count = ElementCount(shape);
        if (buffer is null || buffer._data.Length < count)
        {
            buffer = new Tensor((int[])shape.Clone());
            return buffer;
        }
        if (buffer._shape.Length != shape.Length) buffer._shape = new int[shape.Length];
        shape.CopyTo(buffer._shape, 0);
        buffer.Length = (int)count;
        return buffer;
    }

    private Tensor(float[] data, int[] shape, int length)
    {
        _data = data;
        _shape = shape;
        Length = length;
    }

    private void AppendPreview(StringBuilder text, int axis, int offset)
    {
        int size = _shape[axis];
        int stride = 1;
        for (int i = axis + 1; i < _shape.Length; i++) stride *= _shape[i];
        text.Append('[');
        for (int i = 0; i < size; i++)
        {
            if (i == 3 && size > 4)
            {
                text.Append("..., ");
                i = size - 1;
            }
            if (axis == _shape.Length - 1) text.Append(Format(_data[offset + i]));
            else AppendPreview(text, axis + 1, offset + i * stride);
            if (i < size - 1) text.Append(", ");
        }
        text.Append(']');
    }

    private static string Format(float value) => value.ToString("0.####", CultureInfo.InvariantCulture);

    private int Offset(int[] index)
    {
        if (index.Length != _shape.Length)
            throw new ArgumentException($"Expected {_shape.Length} indices for shape {ShapeText(_shape)}, got {index.Length}.", nameof(index));
        int offset = 0;
        for (int i = 0; i < index.Length; i++)
        {
            if ((uint)index[i] >= (uint)_shape[i])
                throw new IndexOutOfRangeException(
                    $"Index {index[i]} on axis {i} is outside [0, {_shape[i]}) for shape {ShapeText(_shape)}.");
            offset = offset * _shape[i] + index[i];
        }
        return offset;
    }

    private void RequireRank(int rank)
    {
        if (Rank != rank)
            throw new InvalidOperationException($"Expected a rank-{rank} tensor, got shape {ShapeText(_shape)}.");
    }

    private static int[] CheckedShape(int[] shape, string argument)
    {
        ArgumentNullException.ThrowIfNull(shape, argument);
        foreach (int d in shape)
            if (d < 0)
                throw new ArgumentException($"Dimensions must be ≥ 0, got {ShapeText(shape)}.", argument);
        if (ElementCount(shape) > Array.MaxLength)
            throw new ArgumentException($"Shape {ShapeText(shape)} has more elements than an array can hold.", argument);
        return (int[])shape.Clone();
    }

    private static long ElementCount(int[] shape)
    {
        long count = 1;
        foreach (int d in shape) count *= d;
        return count;
    }

    private static int RowSize(int[] shape)
    {
        int size = 1;
        for (int i = 1; i < shape.Length; i++) size *= shape[i];
        return size;
    }
}
