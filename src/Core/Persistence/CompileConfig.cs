using NotebookRnn.Layers;
using NotebookRnn.Losses;
using NotebookRnn.Metrics;
using NotebookRnn.Optimizers;
using NotebookRnn.Tensors;

namespace NotebookRnn.Persistence;

/// <summary>
/// The settings of <c>Sequential.Compile</c> as configuration and back:
/// <c>{ "optimizer": { "class_name": "Adam", "config": {…GetConfig…} }, "loss": { "class_name", "config": {…GetConfig…} },
/// "metrics": [ { "class_name", "config": { "name", "threshold"?, "weighted"? } } ] }</c> ("weighted": a weighted metric). Metrics are stored as compiled, so
/// <c>"accuracy"</c> comes back as the concrete accuracy it was resolved to, under the same name.
/// </summary>
internal static class CompileConfig
{
    /// <summary>The configuration of an optimizer, a loss and resolved metrics; <paramref name="weights"/> name the model's weights.</summary>
    public static Dictionary<string, object?> Describe(Optimizer optimizer, Loss loss, IReadOnlyList<Metric> metrics,
        IReadOnlyList<(string Name, Parameter Parameter)> weights) => new()
    {
        ["optimizer"] = OptimizerConfig.Describe(optimizer, weights),
        ["loss"] = Description(loss.GetType().Name, loss.GetConfig()),
        ["metrics"] = metrics.Select(MetricDescription).ToList(),
    };

    /// <summary>Creates the optimizer, loss and metrics described by <paramref name="compile"/>.</summary>
    /// <exception cref="ConfigException">An unknown type, key or value, or a value the type rejects.</exception>
    public static (Optimizer Optimizer, Loss Loss, Metric[] Metrics) Read(ConfigReader compile)
    {
        Optimizer optimizer = OptimizerConfig.Read(compile.Object("optimizer"));
        Loss loss = ReadLoss(compile.Object("loss"));
        Metric[] metrics = [.. compile.Objects("metrics").Select(ReadMetric)];
        compile.EnsureAllRead();
        return (optimizer, loss, metrics);
    }

    private static Dictionary<string, object?> Description(string className, IReadOnlyDictionary<string, object?> config) =>
        new() { ["class_name"] = className, ["config"] = config };

    private static Dictionary<string, object?> MetricDescription(Metric metric)
    {
        var config = new Dictionary<string, object?> { ["name"] = metric.Name };
        if (metric is BinaryAccuracy binary) config["threshold"] = binary.Threshold;
        if (metric.WeighsSamples) config["weighted"] = true;
        return Description(metric.GetType().Name, config);
    }

    // A file written before losses had arguments holds only "name"; every other key falls back to Keras's default.
    private static Loss ReadLoss(ConfigReader description)
    {
        string className = description.String("class_name");
        ConfigReader c = description.Object("config");
        string? name = c.NullableString("name", null);
        Loss loss = Create<Loss>(c, className, "loss", Naming.Key(className) switch
        {
            "categoricalcrossentropy" => () => new CategoricalCrossentropy(c.Bool("from_logits", false), c.Double("label_smoothing", 0),
                c.Int("axis", -1), Reduction(c), name ?? "categorical_crossentropy"),
            "sparsecategoricalcrossentropy" => () => new SparseCategoricalCrossentropy(c.Bool("from_logits", false), c.NullableInt("ignore_class"),
                Reduction(c), c.Int("axis", -1), name ?? "sparse_categorical_crossentropy"),
            "binarycrossentropy" => () => new BinaryCrossentropy(c.Bool("from_logits", false), c.Double("label_smoothing", 0),
                c.Int("axis", -1), Reduction(c), name ?? "binary_crossentropy"),
            "meansquarederror" => () => new MeanSquaredError(Reduction(c), name ?? "mse"),
            "meanabsoluteerror" => () => new MeanAbsoluteError(Reduction(c), name ?? "mean_absolute_error"),
            "huber" => () => new Huber(c.Double("delta", 1.0), Reduction(c), name ?? "huber_loss"),
            _ => null,
        });
        c.EnsureAllRead();
        description.EnsureAllRead();
        return loss;
    }

    // Keras writes reduction=None as null.
    private static LossReduction? Reduction(ConfigReader c) =>
        c.Has("reduction") ? LossReduction.Parse(c.NullableString("reduction", null) ?? "none") : null;

    private static Metric ReadMetric(ConfigReader description)
    {
        string className = description.String("class_name");
        ConfigReader c = description.Object("config");
        string name = c.String("name");
        Metric metric = Create<Metric>(c, className, "metric", Naming.Key(className) switch
        {
            "accuracy" => () => new Accuracy(name),
            "binaryaccuracy" => () => new BinaryAccuracy(c.Float("threshold", 0.5f), name),
            "categoricalaccuracy" => () => new CategoricalAccuracy(name),
            "sparsecategoricalaccuracy" => () => new SparseCategoricalAccuracy(name),
            _ => null,
        });
        metric.Weighted(c.Bool("weighted", false));
        c.EnsureAllRead();
        description.EnsureAllRead();
        return metric;
    }

    // Runs a constructor chosen by class name; a missing one is an unknown type, its ArgumentException a bad value.
    private static T Create<T>(ConfigReader config, string className, string kind, Func<T>? create)
    {
        if (create is null) throw new ConfigException(config.Path, $"unknown {kind} type \"{className}\".");
        try
        {
            return create();
        }
        catch (ArgumentException error)
        {
            throw new ConfigException(config.Path, $"{className} rejects its configuration: {error.Message}", error);
        }
    }
}
