using NotebookRnn.Layers;
using NotebookRnn.Tensors;

namespace NotebookRnn.Initializers;

/// <summary>Fills a new weight with starting values. Keras names are accepted as strings.</summary>
public abstract class Initializer
{
    /// <summary>Writes initial values for a weight of shape <paramref name="shape"/> into <paramref name="values"/>.</summary>
    public abstract void Fill(Span<float> values, IReadOnlyList<int> shape, RandomGenerator random);

    /// <summary>The Keras name, e.g. <c>glorot_uniform</c>.</summary>
    public abstract string Name { get; }

    /// <inheritdoc/>
    public override string ToString() => Name;

    /// <summary>
    /// Looks up an initializer by Keras name: <c>zeros</c>, <c>ones</c>, <c>glorot_uniform</c>,
    /// <c>glorot_normal</c>, <c>he_uniform</c>, <c>he_normal</c>, <c>lecun_uniform</c>, <c>orthogonal</c>,
    /// <c>uniform</c> / <c>random_uniform</c> (±0.05), <c>normal</c> / <c>random_normal</c> (σ = 0.05).
    /// </summary>
    /// <exception cref="ArgumentException">The name is not one of these.</exception>
    public static Initializer Get(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        return Naming.Key(name) switch
        {
            "zeros" or "zero" => new Zeros(),
            "ones" or "one" => new Ones(),
            "glorotuniform" or "xavieruniform" => new VarianceScaling(1, FanMode.Average, uniform: true, "glorot_uniform"),
            "glorotnormal" or "xaviernormal" => new VarianceScaling(1, FanMode.Average, uniform: false, "glorot_normal"),
            "heuniform" => new VarianceScaling(2, FanMode.In, uniform: true, "he_uniform"),
            "henormal" => new VarianceScaling(2, FanMode.In, uniform: false, "he_normal"),
            "lecununiform" => new VarianceScaling(1, FanMode.In, uniform: true, "lecun_uniform"),
            "orthogonal" => new Orthogonal(),
            "uniform" or "randomuniform" => new RandomUniform(),
            "normal" or "randomnormal" => new RandomNormal(),
            _ => throw new ArgumentException(
                $"Initializer \"{name}\" not understood; expected one of zeros, ones, glorot_uniform, glorot_normal, " +
                "he_uniform, he_normal, lecun_uniform, orthogonal, random_uniform, random_normal.", nameof(name)),
        };
    }

    /// <summary>Same as <see cref="Get"/>.</summary>
    public static implicit operator Initializer(string name) => Get(name);

    /// <summary>
    /// Keras's fan computation: the last axis is fan-out, the one before it fan-in, and any leading axes (a
    /// receptive field) multiply both.
    /// </summary>
    internal static (double FanIn, double FanOut) Fans(IReadOnlyList<int> shape)
    {
        if (shape.Count == 0) return (1, 1);
        if (shape.Count == 1) return (shape[0], shape[0]);
        double receptive = 1;
        for (int i = 0; i < shape.Count - 2; i++) receptive *= shape[i];
        return (shape[^2] * receptive, shape[^1] * receptive);
    }
}

/// <summary>Which fan a <see cref="VarianceScaling"/> initializer divides by.</summary>
public enum FanMode
{
    /// <summary>Number of inputs.</summary>
    In,

    /// <summary>Number of outputs.</summary>
    Out,

    /// <summary>Mean of inputs and outputs (Glorot).</summary>
    Average,
}
