using NotebookRnn.Initializers;
using NotebookRnn.Tensors;

namespace NotebookRnn.Layers;

/// <summary>
/// Where the values of the weights a <see cref="Layer.Build(int?[], RandomGenerator)"/> creates come from, given to
/// the build as an argument: filled by their initializers (a new model), left at zero for values that arrive
/// afterwards (a model file being loaded, which may create no more values than the file holds), or the value tensors
/// of another copy of the layer (a device replica shares the primary's weights).
/// </summary>
internal abstract class WeightCreation
{
    /// <summary>Weights filled by their initializers.</summary>
    public static WeightCreation Initialized { get; } = new Initializing();

    /// <summary>
    /// Zero weights whose values a model file supplies next, so they are not initialised; all layers built with this
    /// object together create at most <paramref name="valueBudget"/> values, the number the file holds, so a damaged
    /// configuration cannot allocate more memory than the file has.
    /// </summary>
    public static WeightCreation ForLoading(long valueBudget) => new Loading(valueBudget);

    /// <summary>
    /// Weights whose value tensors are <paramref name="primary"/>'s (same order, names and shapes), each with a gradient
    /// of its own: a device replica's copy of a layer, which the optimizer updates through the primary.
    /// </summary>
    public static WeightCreation SharedWith(IReadOnlyList<Parameter> primary) => new Sharing(primary);

    /// <summary>The value tensor of weight <paramref name="name"/> of <paramref name="layer"/>.</summary>
    /// <exception cref="ArgumentException">The weight does not fit: over the loading budget, or unlike the shared weight.</exception>
    public abstract Tensor CreateValue(Layer layer, string name, int[] shape, Initializer initializer, RandomGenerator random);

    /// <summary>Checks that the layers built so far took everything this source offers (every shared weight).</summary>
    /// <exception cref="InvalidOperationException">A shared weight was left over.</exception>
    public virtual void EnsureComplete(Layer layer)
    {
    }

    private sealed class Initializing : WeightCreation
    {
        public override Tensor CreateValue(Layer layer, string name, int[] shape, Initializer initializer, RandomGenerator random)
        {
            var value = new Tensor(shape);
            initializer.Fill(value.Span, shape, random);
            return value;
        }
    }

    private sealed class Loading(long budget) : WeightCreation
    {
        private long _left = budget;

        public override Tensor CreateValue(Layer layer, string name, int[] shape, Initializer initializer, RandomGenerator random)
        {
            long count = shape.Any(d => d <= 0) ? 0 : shape.Aggregate(1L, (product, d) => product > _left / d ? _left + 1 : product * d);
            if (count > _left)
                throw new ArgumentException(
                    $"Layer '{layer.Name}' would create weight '{name}' of shape {Tensor.ShapeText(shape)}, more values than the {_left} left in the file being loaded.",
                    nameof(shape));
            _left -= count;
            return new Tensor(shape);
        }
    }

    private sealed class Sharing(IReadOnlyList<Parameter> primary) : WeightCreation
    {
        private int _next;

        public override Tensor CreateValue(Layer layer, string name, int[] shape, Initializer initializer, RandomGenerator random)
        {
            Parameter? source = _next < primary.Count ? primary[_next++] : null;
            if (source is null || source.Name != name || !source.Value.Shape.SequenceEqual(shape))
                throw new ArgumentException(
                    $"Layer '{layer.Name}' creates weight '{name}' {Tensor.ShapeText(shape)}, but the layer it copies has " +
                    (source is null ? "no more weights." : $"'{source.Name}' {Tensor.ShapeText(source.Value.Shape)} there."), nameof(shape));
            return source.Value;
        }

        public override void EnsureComplete(Layer layer)
        {
            if (_next != primary.Count)
                throw new InvalidOperationException(
                    $"Layer '{layer.Name}' created {_next} weights, but the layer it copies has {primary.Count}.");
        }
    }
}
