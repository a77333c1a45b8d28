using System.Text.Json;
using NotebookRnn.Layers;
using NotebookRnn.Losses;
using NotebookRnn.Metrics;
using NotebookRnn.Optimizers;
using NotebookRnn.Tensors;

namespace NotebookRnn.Persistence;

/// <summary>
/// The settings of <c>Compile</c> (<see cref="CompileSettings"/>) as configuration and back. A model with one output:
/// <c>{ "optimizer": { "class_name": "Adam", "config": {…GetConfig…} }, "loss": { "class_name", "config": {…GetConfig…} },
/// "metrics": [ { "class_name", "config": { "name", "threshold"?, "weighted"? } } ] }</c> ("weighted": a weighted metric),
/// and <c>"loss_weights": [w]</c> when its weight is not 1. A model with several outputs has Keras's lists, one entry per
/// output: <c>"loss": [ {…}, … ], "loss_weights": [ … ], "metrics": [ [ {…}, … ], … ]</c>. Metrics are stored as compiled, so
/// <c>"accuracy"</c> comes back as the concrete accuracy it was resolved to, under the same name.
/// </summary>
internal static class CompileConfig
{
    /// <summary>The configuration of compile settings; <paramref name="weights"/> name the model's weights.</summary>
    public static Dictionary<string, object?> Describe(CompileSettings settings, IReadOnlyList<(string Name, Parameter Parameter)> weights)
    {
        var config = new Dictionary<string, object?> { ["optimizer"] = OptimizerConfig.Describe(settings.Optimizer, weights) };
        if (settings.Losses.Count == 1)
        {
            config["loss"] = LossDescription(settings.Losses[0]);
            if (settings.LossWeights[0] != 1) config["loss_weights"] = settings.LossWeights.ToList();
            config["metrics"] = settings.Metrics[0].Select(MetricDescription).ToList();
            return config;
        }
        config["loss"] = settings.Losses.Select(LossDescription).ToList();
        config["loss_weights"] = settings.LossWeights.ToList();
        config["metrics"] = settings.Metrics.Select(metrics => metrics.Select(MetricDescription).ToList()).ToList();
        return config;
    }

    /// <summary>Creates the optimizer, losses and metrics described by <paramref name="compile"/>.</summary>
    /// <exception cref="ConfigException">An unknown type, key or value, a value the type rejects, or lists of different lengths.</exception>
    public static CompileSettings Read(ConfigReader compile)
    {
        Optimizer optimizer = OptimizerConfig.Read(compile.Object("optimizer"));
        bool several = compile.Element("loss").ValueKind == JsonValueKind.Array;
        Loss[] losses = several ? [.. compile.Objects("loss").Select(ReadLoss)] : [ReadLoss(compile.Object("loss"))];
        double[] weights = compile.Has("loss_weights") ? LossWeights(compile, losses.Length) : [.. losses.Select(_ => 1.0)];
        IReadOnlyList<Metric>[] metrics = several ? MetricLists(compile, losses.Length) : [[.. compile.Objects("metrics").Select(ReadMetric)]];
        compile.EnsureAllRead();
        return new CompileSettings(optimizer, losses, weights, metrics);
    }

    private static Dictionary<string, object?> LossDescription(Loss loss) => Description(loss.GetType().Name, loss.GetConfig());

    private static double[] LossWeights(ConfigReader compile, int outputs)
    {
        JsonElement list = compile.Element("loss_weights");
        if (list.ValueKind != JsonValueKind.Array || list.GetArrayLength() != outputs)
            throw compile.Error("loss_weights", $"expected a list of {outputs} numbers, one per loss, got {ConfigReader.Describe(list)}.");
        return [.. list.EnumerateArray().Select((w, k) => w.ValueKind == JsonValueKind.Number && w.GetDouble() is double weight && double.IsFinite(weight) && weight >= 0
            ? weight : throw compile.Error($"loss_weights[{k}]", $"expected a finite number ≥ 0, got {ConfigReader.Describe(w)}."))];
    }

    private static IReadOnlyList<Metric>[] MetricLists(ConfigReader compile, int outputs)
    {
        JsonElement lists = compile.Element("metrics");
        if (lists.ValueKind != JsonValueKind.Array || lists.GetArrayLength() != outputs
            || lists.EnumerateArray().Any(list => list.ValueKind != JsonValueKind.Array))
            throw compile.Error("metrics", $"expected {outputs} lists of metrics, one per loss, got {ConfigReader.Describe(lists)}.");
        return [.. lists.EnumerateArray().Select((list, k) => (IReadOnlyList<Metric>)[.. list.EnumerateArray()
            .Select((item, i) => ReadMetric(new ConfigReader(item, $"{compile.Path}.metrics[{k}][{i}]")))])];
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
