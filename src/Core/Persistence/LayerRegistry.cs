using System.Text.Json;
using NotebookRnn.Layers;
using NotebookRnn.Layers.Attention;
using NotebookRnn.Layers.Functional;
using NotebookRnn.Layers.Merging;
using NotebookRnn.Layers.Recurrent;
using NotebookRnn.Layers.Reshaping;
using NotebookRnn.Layers.Wrappers;
using NotebookRnn.Tensors;

namespace NotebookRnn.Persistence;

/// <summary>
/// Creates layers from their Keras-style configuration — the class name (<c>"LSTM"</c>, or Keras's
/// <c>"lstm"</c>) and the dictionary <see cref="Layer.GetConfig"/> writes — for every layer type of the library:
/// Dense, Activation, Dropout, Embedding, Flatten, Masking, TimeDistributed, SimpleRNN, LSTM, GRU, RNN (its cell
/// through <see cref="CellRegistry"/>), Bidirectional, RepeatVector, Reshape, Permute, the merge layers (Add, Subtract, Multiply,
/// Average, Maximum, Minimum, Concatenate, Dot), attention (Attention, AdditiveAttention) and a functional model's InputLayer. <see cref="Clone"/> makes an unbuilt copy of a layer through the same path, so a clone, a saved
/// model and a loaded model agree on every setting.
/// </summary>
/// <remarks>
/// A configuration is read through the layer's constructor (<see cref="LayerConfig"/>): each parameter is a key in
/// snake case, converted to the parameter's type (<see cref="ConfigValues"/>), and each public settable property (a
/// recurrent layer's <see cref="RecurrentLayer.Packing"/>) one more. Config values may be C# objects (<c>int</c>,
/// <c>double</c>, <c>bool</c>, <c>string</c>, <c>int?[]</c>, nested dictionaries) or what a JSON file holds: both are
/// read through one JSON form. Keys missing from a config take the constructor's default; keys the layer does not
/// know are errors, except the ones Keras accepts and ignores (LSTM's and GRU's <c>implementation</c> and
/// <c>use_cudnn</c>), which are read and ignored. Initializers, regularizers and constraints are restored by their Keras
/// name, or from <c>{ class_name, config }</c> when they have other arguments (<see cref="Initializers.Initializer.FromConfig"/>).
/// </remarks>
public static class LayerRegistry
{
    private static readonly string[] KerasOnlyKeys = ["implementation", "use_cudnn"];

    // SimpleRNN configurations of the first file format carry recurrent_activation, which SimpleRNN does not take. Keras's
    // LSTM and GRU accept implementation and use_cudnn and compute the same numbers whatever their values: so do we.
    private static readonly (Type Type, string[] IgnoredKeys)[] Registered =
    [
        (typeof(Activation), []), (typeof(Bidirectional), []), (typeof(Dense), []), (typeof(Dropout), []), (typeof(Embedding), []),
        (typeof(Flatten), []), (typeof(SimpleRNN), ["recurrent_activation"]), (typeof(LSTM), KerasOnlyKeys), (typeof(GRU), KerasOnlyKeys),
        (typeof(Masking), []), (typeof(TimeDistributed), []), (typeof(RNN), []), (typeof(Permute), []), (typeof(RepeatVector), []),
        (typeof(Reshape), []), (typeof(InputLayer), []),
        (typeof(Add), []), (typeof(Subtract), []), (typeof(Multiply), []), (typeof(Average), []), (typeof(Maximum), []), (typeof(Minimum), []),
        (typeof(Concatenate), []), (typeof(Dot), []), (typeof(Layers.Attention.Attention), []), (typeof(AdditiveAttention), []),
    ];

    private static readonly Dictionary<string, (Type Type, string[] IgnoredKeys)> Factories =
        Registered.ToDictionary(entry => Naming.Key(entry.Type.Name), entry => (entry.Type, entry.IgnoredKeys));

    /// <summary>The class names this registry creates, e.g. <c>Dense</c>, <c>LSTM</c>, <c>Bidirectional</c>.</summary>
    public static IReadOnlyList<string> ClassNames { get; } = [.. Registered.Select(r => r.Type.Name).Order(StringComparer.Ordinal)];

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
        foreach (string key in factory.IgnoredKeys) reader.Ignore(key);
        Layer layer;
        try
        {
            layer = factory.Type == typeof(InputLayer)
                ? InputLayerFrom(reader)
                : LayerConfig.Create(factory.Type, argument => ConfigValues.Read(reader, argument, FromDescription, LayerTypes));
        }
        catch (ArgumentException error)
        {
            throw new ConfigException(path, $"{factory.Type.Name} rejects its configuration: {error.Message}", error);
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

    /// <summary>
    /// Checks that every argument of every registered type (and of every recurrent cell type) can be written and read: a
    /// property holds it and its type converts. A test calls this, so a new layer argument that the mapping cannot carry fails at once.
    /// </summary>
    /// <exception cref="InvalidOperationException">An argument that cannot be carried, named with its type.</exception>
    internal static void CheckMappings()
    {
        CellRegistry.CheckMappings();
        foreach (var (type, _) in Registered)
            foreach (LayerArgument argument in LayerConfig.Arguments(type))
                if (argument.Property is null || !ConfigValues.CanRead(argument.Type))
                    throw new InvalidOperationException(
                        $"{type.Name}'s argument '{argument.Key}' ({argument.Type.Name}) " +
                        (argument.Property is null ? "has no property holding it." : "has a type configurations cannot hold."));
    }

    // Keras writes an input's shape with its batch dimension (batch_shape), which must be free; the constructor takes the sample's shape.
    private static InputLayer InputLayerFrom(ConfigReader config)
    {
        int?[] batchShape = config.Shape("batch_shape") ?? throw config.Error("batch_shape", "is missing; expected a shape such as [null, null, 8].");
        if (batchShape.Length == 0 || batchShape[0] is not null)
            throw config.Error("batch_shape", $"expected a free batch dimension first, as in [null, …], got {Tensor.ShapeText(batchShape)}.");
        if (config.Bool("sparse", false)) throw config.Error("sparse", "sparse inputs are not supported; expected false.");
        return new InputLayer(batchShape[1..], config.NullableString("name", null), config.NullableString("dtype", null) ?? "float32");
    }

    private static IEnumerable<(Type Type, string ClassName)> LayerTypes => Registered.Select(r => (r.Type, r.Type.Name));

    private static string UnknownType(string className) => $"unknown layer type \"{className}\"; this build knows {string.Join(", ", ClassNames)}.";
}
