using NotebookRnn.Layers;
using NotebookRnn.Losses;
using NotebookRnn.Metrics;
using NotebookRnn.Optimizers;
using NotebookRnn.Tensors;

namespace NotebookRnn.Persistence;

/// <summary>
/// The settings of <c>Sequential.Compile</c> as configuration and back:
/// <c>{ "optimizer": { "class_name": "Adam", "config": {…GetConfig…} }, "loss": { "class_name", "config": { "name" } },
/// "metrics": [ { "class_name", "config": { "name", "threshold"? } } ] }</c>. Metrics are stored as compiled, so
/// <c>"accuracy"</c> comes back as the concrete accuracy it was resolved to, under the same name.
/// </summary>
internal static class CompileConfig
{
    /// <summary>The configuration of an optimizer, a loss and resolved metrics; <paramref name="weights"/> name the model's weights.</summary>
    public static Dictionary<string, object?> Describe(Optimizer optimizer, Loss loss, IReadOnlyList<Metric> metrics,
        IReadOnlyList<(string Name, Parameter Parameter)> weights) => new()
    {
        ["optimizer"] = OptimizerConfig.Describe(optimizer, weights),
        ["loss"] = Description(loss.GetType().Name, new Dictionary<string, object?> { ["name"] = loss.Name }),
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
        return Description(metric.GetType().Name, config);
    }

    private static Loss ReadLoss(ConfigReader description)
    {
        string className = description.String("class_name");
        ConfigReader c = description.Object("config");
        string name = c.String("name");
        Loss loss = Create(c, className, "loss", () => Loss.Get(name));
        if (Naming.Key(loss.GetType().Name) != Naming.Key(className))
            throw new ConfigException(description.Path, $"unknown loss type \"{className}\" (named \"{name}\"); this build knows " +
                "CategoricalCrossentropy, SparseCategoricalCrossentropy, BinaryCrossentropy and MeanSquaredError.");
        c.EnsureAllRead();
        description.EnsureAllRead();
        return loss;
    }

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
