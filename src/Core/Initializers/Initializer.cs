using NotebookRnn.Tensors;

namespace NotebookRnn.Initializers;

/// <summary>
/// Fills a new weight with starting values (Keras <c>keras.initializers</c>). Keras names are accepted as strings;
/// <see cref="GetConfig"/> and <see cref="FromConfig"/> carry an initializer with its arguments through a model file.
/// </summary>
public abstract class Initializer
{
    /// <summary>Writes initial values for a weight of shape <paramref name="shape"/> into <paramref name="values"/>.</summary>
    /// <param name="values">The weight's values, row-major, as many as the shape holds.</param>
    /// <param name="shape">The weight's shape, e.g. (inputDim, units).</param>
    /// <param name="random">The layer's stream; a random initializer with its own <c>seed</c> uses that instead.</param>
    /// <exception cref="ArgumentException">The initializer cannot fill a weight of this shape.</exception>
    public abstract void Fill(Span<float> values, IReadOnlyList<int> shape, RandomGenerator random);

    /// <summary>The Keras name, e.g. <c>glorot_uniform</c>.</summary>
    public abstract string Name { get; }

    /// <summary>The Keras class name, e.g. <c>GlorotUniform</c>.</summary>
    public virtual string ClassName => GetType().Name;

    /// <summary>The arguments as Keras's <c>get_config</c> writes them (e.g. <c>{ "seed": null }</c>); empty by default.</summary>
    public virtual IReadOnlyDictionary<string, object?> GetConfig() => new Dictionary<string, object?>();

    /// <inheritdoc/>
    public override string ToString() => Name;

    /// <summary>
    /// Looks up an initializer with Keras's defaults by name (snake case or class name, case and <c>_</c> ignored):
    /// <c>zeros</c>, <c>ones</c>, <c>constant</c> (0), <c>identity</c>, <c>glorot_uniform</c>, <c>glorot_normal</c>,
    /// <c>he_uniform</c>, <c>he_normal</c>, <c>lecun_uniform</c>, <c>lecun_normal</c>, <c>orthogonal</c>,
    /// <c>random_uniform</c> / <c>uniform</c> (±0.05), <c>random_normal</c> / <c>normal</c> (σ = 0.05),
    /// <c>truncated_normal</c> (σ = 0.05), <c>variance_scaling</c>.
    /// </summary>
    /// <exception cref="ArgumentException">The name is not one of these.</exception>
    public static Initializer Get(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        return TryGet(name) ?? throw new ArgumentException(
            $"Initializer \"{name}\" not understood; expected one of zeros, ones, constant, identity, glorot_uniform, glorot_normal, " +
            "he_uniform, he_normal, lecun_uniform, lecun_normal, orthogonal, random_uniform, random_normal, truncated_normal, variance_scaling.",
            nameof(name));
    }

    /// <summary>Same as <see cref="Get"/>.</summary>
    public static implicit operator Initializer(string name) => Get(name);

    /// <summary>
    /// Creates an initializer from its Keras class name and <see cref="GetConfig"/> form, e.g.
    /// <c>("RandomNormal", { "mean": 0, "stddev": 1, "seed": 7 })</c>; missing keys take Keras's defaults.
    /// </summary>
    /// <exception cref="ArgumentException">Unknown class, unknown key, or a value of the wrong type or out of range.</exception>
    public static Initializer FromConfig(string className, IReadOnlyDictionary<string, object?> config)
    {
        ArgumentNullException.ThrowIfNull(className);
        ArgumentNullException.ThrowIfNull(config);
        Initializer named = TryGet(className) ?? throw new ArgumentException(
            $"Initializer class \"{className}\" not understood; expected a class of keras.initializers such as GlorotUniform.", nameof(className));
        string c = named.ClassName;
        string[] keys = [.. named.GetConfig().Keys];
        ObjectConfig.CheckKeys(c, config, keys);
        double Number(string key, double fallback) => ObjectConfig.Double(c, config, key, fallback);
        long? seed = ObjectConfig.Seed(c, config);
        return named switch
        {
            Constant => config.TryGetValue("value", out object? value) ? Constant.FromConfigValue(value) : new Constant(),
            Identity => new Identity((float)Number("gain", 1)),
            Orthogonal => new Orthogonal((float)Number("gain", 1), seed),
            RandomNormal => new RandomNormal((float)Number("mean", 0), (float)Number("stddev", 0.05), seed),
            TruncatedNormal => new TruncatedNormal((float)Number("mean", 0), (float)Number("stddev", 0.05), seed),
            RandomUniform => new RandomUniform((float)Number("minval", -0.05), (float)Number("maxval", 0.05), seed),
            VarianceScaling { ClassName: "VarianceScaling" } => new VarianceScaling(Number("scale", 1),
                VarianceScaling.ParseMode(ObjectConfig.String(c, config, "mode", "fan_in")),
                VarianceScaling.ParseDistribution(ObjectConfig.String(c, config, "distribution", "truncated_normal")), seed),
            VarianceScaling scaled => scaled.WithSeed(seed),
            _ => named,
        };
    }

    /// <summary>How a layer configuration holds this initializer: its name when that gives it back, else <c>{ class_name, config }</c>.</summary>
    internal object ConfigForm() => ObjectConfig.Form(Name, ClassName, GetConfig(), TryGet(Name) is { } named && named.GetType() == GetType() ? named.GetConfig() : null);

    /// <summary>The stream a random initializer draws from: its own, started from <paramref name="seed"/>, or the layer's.</summary>
    protected static RandomGenerator StreamFor(long? seed, RandomGenerator random) => seed is long own ? new RandomGenerator(own) : random;

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

    private static Initializer? TryGet(string name) => Naming.Key(name) switch
    {
        "zeros" or "zero" => new Zeros(),
        "ones" or "one" => new Ones(),
        "constant" => new Constant(0),
        "identity" or "identityinitializer" => new Identity(),
        "glorotuniform" or "xavieruniform" => new GlorotUniform(),
        "glorotnormal" or "xaviernormal" => new GlorotNormal(),
        "heuniform" => new HeUniform(),
        "henormal" => new HeNormal(),
        "lecununiform" => new LecunUniform(),
        "lecunnormal" => new LecunNormal(),
        "orthogonal" or "orthogonalinitializer" => new Orthogonal(),
        "uniform" or "randomuniform" => new RandomUniform(),
        "normal" or "randomnormal" => new RandomNormal(),
        "truncatednormal" => new TruncatedNormal(),
        "variancescaling" => new VarianceScaling(),
        _ => null,
    };
}
