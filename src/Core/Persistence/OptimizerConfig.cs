using System.Text.Json;
using NotebookRnn.Layers;
using NotebookRnn.Optimizers;
using NotebookRnn.Tensors;

namespace NotebookRnn.Persistence;

/// <summary>
/// An optimizer from its configuration, <c>{ "class_name": "Adam", "config": {…<see cref="Optimizer.GetConfig"/>…} }</c>:
/// the Keras class name (any casing, <c>AdamW</c> or <c>adam_w</c>) and the Keras keys, with Keras's defaults for
/// missing ones, so files written before a key existed still load.
/// </summary>
internal static class OptimizerConfig
{
    /// <summary>
    /// <c>{ "class_name", "config" }</c> of <paramref name="optimizer"/>; the config adds to <see cref="Optimizer.GetConfig"/>
    /// <c>exclude_from_weight_decay_weights</c>, the names in <paramref name="weights"/> of the weights excluded from
    /// weight decay by reference, when there are any.
    /// </summary>
    public static Dictionary<string, object?> Describe(Optimizer optimizer, IReadOnlyList<(string Name, Parameter Parameter)> weights)
    {
        var config = new Dictionary<string, object?>(optimizer.GetConfig());
        string[] excluded = [.. weights.Where(w => optimizer.WeightDecayExcludedParameters.Contains(w.Parameter)).Select(w => w.Name)];
        if (excluded.Length > 0) config[ExcludedWeightsKey] = excluded;
        return new() { ["class_name"] = optimizer.GetType().Name, ["config"] = config };
    }

    /// <summary>Creates the optimizer described by <paramref name="description"/>.</summary>
    /// <exception cref="ConfigException">An unknown type or key, or a value the type rejects.</exception>
    public static Optimizer Read(ConfigReader description)
    {
        string className = description.String("class_name");
        ConfigReader c = description.Object("config");
        c.Ignore("name");
        Optimizer optimizer;
        try
        {
            optimizer = Create(c, Naming.Key(className)) ?? throw new ConfigException(c.Path, $"unknown optimizer type \"{className}\"; " +
                "this build knows SGD, RMSprop, Adam, AdamW, Adagrad, Adadelta, Adamax and Nadam.");
            optimizer.ExcludeFromWeightDecay(varNames: Strings(c, "exclude_from_weight_decay"));
            optimizer.UnresolvedWeightDecayExclusions = Strings(c, ExcludedWeightsKey);
        }
        catch (ArgumentException error)
        {
            throw new ConfigException(c.Path, $"{className} rejects its configuration: {error.Message}", error);
        }
        c.EnsureAllRead();
        description.EnsureAllRead();
        return optimizer;
    }

    private static Optimizer? Create(ConfigReader c, string key)
    {
        double? Decay() => c.NullableDouble("weight_decay");
        double? ClipNorm() => c.NullableDouble("clipnorm");
        double? ClipValue() => c.NullableDouble("clipvalue");
        double? GlobalClipNorm() => c.NullableDouble("global_clipnorm");
        double LearningRate() => c.Double("learning_rate");
        return key switch
        {
            "sgd" => new SGD(LearningRate(), c.Double("momentum", 0), c.Bool("nesterov", false), Decay(), ClipNorm(), ClipValue(), GlobalClipNorm()),
            "rmsprop" => new RMSprop(LearningRate(), c.Double("rho", 0.9), c.Double("epsilon", 1e-7), c.Double("momentum", 0),
                c.Bool("centered", false), Decay(), ClipNorm(), ClipValue(), GlobalClipNorm()),
            "adam" => new Adam(LearningRate(), c.Double("beta_1", 0.9), c.Double("beta_2", 0.999), c.Double("epsilon", 1e-7),
                c.Bool("amsgrad", false), Decay(), ClipNorm(), ClipValue(), GlobalClipNorm()),
            "adamw" => new AdamW(LearningRate(), c.Double("weight_decay", 0.004), c.Double("beta_1", 0.9), c.Double("beta_2", 0.999),
                c.Double("epsilon", 1e-7), c.Bool("amsgrad", false), ClipNorm(), ClipValue(), GlobalClipNorm()),
            "adagrad" => new Adagrad(LearningRate(), c.Double("initial_accumulator_value", 0.1), c.Double("epsilon", 1e-7),
                Decay(), ClipNorm(), ClipValue(), GlobalClipNorm()),
            "adadelta" => new Adadelta(LearningRate(), c.Double("rho", 0.95), c.Double("epsilon", 1e-7), Decay(), ClipNorm(), ClipValue(), GlobalClipNorm()),
            "adamax" => new Adamax(LearningRate(), c.Double("beta_1", 0.9), c.Double("beta_2", 0.999), c.Double("epsilon", 1e-7),
                Decay(), ClipNorm(), ClipValue(), GlobalClipNorm()),
            "nadam" => new Nadam(LearningRate(), c.Double("beta_1", 0.9), c.Double("beta_2", 0.999), c.Double("epsilon", 1e-7),
                Decay(), ClipNorm(), ClipValue(), GlobalClipNorm()),
            _ => null,
        };
    }

    private const string ExcludedWeightsKey = "exclude_from_weight_decay_weights";

    // A list of strings; none when the key is missing or null.
    private static string[] Strings(ConfigReader c, string key)
    {
        if (!c.Has(key) || c.IsNull(key))
        {
            c.Ignore(key);
            return [];
        }
        JsonElement value = c.Element(key);
        if (value.ValueKind != JsonValueKind.Array || value.EnumerateArray().Any(item => item.ValueKind != JsonValueKind.String))
            throw c.Error(key, $"expected a list of strings, got {ConfigReader.Describe(value)}.");
        return [.. value.EnumerateArray().Select(item => item.GetString()!)];
    }
}
