using System.Text.Json;

namespace NotebookRnn;

/// <summary>
/// Creates layers from their Keras-style configuration — the class name (<c>"LSTM"</c>, or Keras's
/// <c>"lstm"</c>) and the dictionary <see cref="Layer.GetConfig"/> writes — for every layer type of the library:
/// Dense, Activation, Dropout, Embedding, Flatten, Masking, TimeDistributed, SimpleRNN, LSTM, GRU and
/// Bidirectional. <see cref="Clone"/> makes an unbuilt copy of a layer through the same path, so a clone, a saved
/// model and a loaded model agree on every setting.
/// </summary>
/// <remarks>
/// Config values may be C# objects (<c>int</c>, <c>double</c>, <c>bool</c>, <c>string</c>, <c>int?[]</c>, nested
/// dictionaries) or what a JSON file holds: both are read through one JSON form. Keys missing from a config take
/// the constructor's default; keys the layer does not know are errors. Initializers are restored by their Keras name
/// (<see cref="Initializer.Get"/>), so an initializer with non-default arguments comes back with the defaults of its
/// name: it matters only before weights are loaded or copied. A recurrent layer's <see cref="RecurrentLayer.Packing"/>
/// is restored from the <c>packing</c> key, and a Dropout's seed from <c>seed</c>.
/// </remarks>
public static class LayerRegistry
{
    private static readonly Dictionary<string, (string ClassName, Func<ConfigReader, Layer> Create)> Factories = new[]
    {
        ("Activation", (Func<ConfigReader, Layer>)CreateActivation),
        ("Bidirectional", CreateBidirectional),
        ("Dense", CreateDense),
        ("Dropout", CreateDropout),
        ("Embedding", CreateEmbedding),
        ("Flatten", CreateFlatten),
        ("GRU", CreateGru),
        ("LSTM", CreateLstm),
        ("Masking", CreateMasking),
        ("SimpleRNN", CreateSimpleRnn),
        ("TimeDistributed", CreateTimeDistributed),
    }.ToDictionary(entry => Naming.Key(entry.Item1), entry => (entry.Item1, entry.Item2));

    /// <summary>The class names this registry creates, e.g. <c>Dense</c>, <c>LSTM</c>, <c>Bidirectional</c>.</summary>
    public static IReadOnlyList<string> ClassNames { get; } = [.. Factories.Values.Select(f => f.ClassName).Order(StringComparer.Ordinal)];

    /// <summary>Whether <paramref name="className"/> names a registered layer type (case, <c>_</c> and <c>-</c> ignored).</summary>
    public static bool IsRegistered(string className) => className is not null && Factories.ContainsKey(Naming.Key(className));

    /// <summary>
    /// The class name a configuration of <paramref name="layer"/> is stored under: the type name for the library's
    /// layers (<c>LSTM</c>), the full type name for others (<c>MyApp.Attention</c>), which the registry does not create.
    /// </summary>
    public static string ClassNameOf(Layer layer)
    {
        ArgumentNullException.ThrowIfNull(layer);
        Type type = layer.GetType();
        return type.Assembly == typeof(Layer).Assembly ? type.Name : type.FullName ?? type.Name;
    }

    /// <summary>Creates an unbuilt layer of type <paramref name="className"/> from <paramref name="config"/>.</summary>
    /// <param name="className">Registered class name, e.g. <c>"Dense"</c> or Keras's <c>"dense"</c>.</param>
    /// <param name="config">The keys <see cref="Layer.GetConfig"/> writes; missing keys take the constructor's defaults.</param>
    /// <returns>A new layer with that configuration and the configured name.</returns>
    /// <exception cref="ArgumentException">
    /// The class is not registered, or the config has an unknown key, a value of the wrong type or one the layer
    /// rejects; the message names the key path, the expected and the actual value.
    /// </exception>
    public static Layer FromConfig(string className, IReadOnlyDictionary<string, object?> config)
    {
        ArgumentNullException.ThrowIfNull(className);
        ArgumentNullException.ThrowIfNull(config);
        try
        {
            return FromConfig(className, ConfigJson.ToElement(config, "config"), "config");
        }
        catch (ConfigException error)
        {
            throw new ArgumentException(error.Message, IsRegistered(className) ? nameof(config) : nameof(className), error);
        }
    }

    /// <summary>
    /// A new, unbuilt layer with the same configuration and name as <paramref name="layer"/> (wrapped layers are
    /// copied too); weights are not copied.
    /// </summary>
    /// <exception cref="ArgumentException">The layer's type is not registered (e.g. a custom layer).</exception>
    public static Layer Clone(Layer layer)
    {
        ArgumentNullException.ThrowIfNull(layer);
        if (!IsRegistered(ClassNameOf(layer)))
            throw new ArgumentException(
                $"Layer '{layer.Name}' is a {ClassNameOf(layer)}, which LayerRegistry cannot create; registered types: {string.Join(", ", ClassNames)}.",
                nameof(layer));
        return FromConfig(ClassNameOf(layer), layer.GetConfig());
    }

    /// <summary>Creates a layer from a config in JSON form; errors name <paramref name="path"/>.</summary>
    /// <exception cref="ConfigException">Unknown class, bad key or value, or a value the layer rejects.</exception>
    internal static Layer FromConfig(string className, JsonElement config, string path)
    {
        if (!Factories.TryGetValue(Naming.Key(className), out var factory)) throw new ConfigException(path, UnknownType(className));
        var reader = new ConfigReader(config, path);
        Layer layer;
        try
        {
            layer = factory.Create(reader);
        }
        catch (ArgumentException error)
        {
            throw new ConfigException(path, $"{factory.ClassName} rejects its configuration: {error.Message}", error);
        }
        reader.EnsureAllRead();
        return layer;
    }

    /// <summary>Reads a nested <c>{ "class_name": …, "config": { … } }</c> layer description.</summary>
    internal static Layer FromDescription(ConfigReader description)
    {
        string className = description.String("class_name");
        if (!IsRegistered(className)) throw description.Error("class_name", UnknownType(className));
        Layer layer = FromConfig(className, description.Element("config"), description.Path + ".config");
        description.EnsureAllRead();
        return layer;
    }

    private static string UnknownType(string className) => $"unknown layer type \"{className}\"; this build knows {string.Join(", ", ClassNames)}.";

    private static string? Name(ConfigReader c) => c.NullableString("name", null);

    private static Layer CreateActivation(ConfigReader c) =>
        new Activation(c.Activation("activation") ?? throw c.Error("activation", "is missing."), c.Shape("input_shape"), Name(c));

    private static Layer CreateDense(ConfigReader c) =>
        new Dense(c.Int("units"), c.Activation("activation"), c.Bool("use_bias", true), c.Initializer("kernel_initializer"),
            c.Initializer("bias_initializer"), c.Shape("input_shape"), Name(c));

    private static Layer CreateDropout(ConfigReader c) =>
        new Dropout(c.Double("rate"), c.NullableLong("seed"), c.Shape("input_shape"), Name(c));

    private static Layer CreateEmbedding(ConfigReader c) =>
        new Embedding(c.Int("input_dim"), c.Int("output_dim"), c.Bool("mask_zero", false), c.NullableInt("input_length"),
            c.Initializer("embeddings_initializer"), c.Shape("input_shape"), Name(c));

    private static Layer CreateFlatten(ConfigReader c) => new Flatten(c.Shape("input_shape"), Name(c));

    private static Layer CreateMasking(ConfigReader c) => new Masking(c.Float("mask_value", 0), c.Shape("input_shape"), Name(c));

    private static Layer CreateTimeDistributed(ConfigReader c) =>
        new TimeDistributed(FromDescription(c.Object("layer")), c.Shape("input_shape"), Name(c));

    private static Layer CreateBidirectional(ConfigReader c)
    {
        RecurrentLayer Recurrent(string key) => FromDescription(c.Object(key)) as RecurrentLayer
            ?? throw c.Error(key, "must describe a SimpleRNN, LSTM or GRU layer.");
        RecurrentLayer forward = Recurrent("layer");
        RecurrentLayer? backward = c.Has("backward_layer") ? Recurrent("backward_layer") : null;
        return new Bidirectional(forward, c.NullableString("merge_mode", "concat"), backward, c.Shape("input_shape"), Name(c));
    }

    private static Layer CreateSimpleRnn(ConfigReader c)
    {
        c.Ignore("recurrent_activation");
        return WithPacking(c, new SimpleRNN(c.Int("units"), c.Activation("activation"), c.Bool("use_bias", true),
            c.Initializer("kernel_initializer"), c.Initializer("recurrent_initializer"), c.Initializer("bias_initializer"),
            c.Double("dropout", 0), c.Double("recurrent_dropout", 0), c.Bool("return_sequences", false), c.Bool("return_state", false),
            c.Bool("go_backwards", false), c.Bool("stateful", false), c.Bool("unroll", false), c.Shape("input_shape"), Name(c)));
    }

    private static Layer CreateLstm(ConfigReader c) =>
        WithPacking(c, new LSTM(c.Int("units"), c.Activation("activation"), c.Activation("recurrent_activation"), c.Bool("use_bias", true),
            c.Initializer("kernel_initializer"), c.Initializer("recurrent_initializer"), c.Initializer("bias_initializer"),
            c.Bool("unit_forget_bias", true), c.Double("dropout", 0), c.Double("recurrent_dropout", 0), c.Bool("return_sequences", false),
            c.Bool("return_state", false), c.Bool("go_backwards", false), c.Bool("stateful", false), c.Bool("unroll", false),
            c.Shape("input_shape"), Name(c)));

    private static Layer CreateGru(ConfigReader c) =>
        WithPacking(c, new GRU(c.Int("units"), c.Activation("activation"), c.Activation("recurrent_activation"), c.Bool("use_bias", true),
            c.Initializer("kernel_initializer"), c.Initializer("recurrent_initializer"), c.Initializer("bias_initializer"),
            c.Double("dropout", 0), c.Double("recurrent_dropout", 0), c.Bool("return_sequences", false), c.Bool("return_state", false),
            c.Bool("go_backwards", false), c.Bool("stateful", false), c.Bool("unroll", false), c.Bool("reset_after", true),
            c.Shape("input_shape"), Name(c)));

    private static RecurrentLayer WithPacking(ConfigReader c, RecurrentLayer layer)
    {
        layer.Packing = c.Bool("packing", true);
        return layer;
    }
}
