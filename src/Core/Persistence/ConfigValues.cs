using NotebookRnn.Constraints;
using NotebookRnn.Initializers;
using NotebookRnn.Layers;
using NotebookRnn.Layers.Recurrent;
using NotebookRnn.Regularizers;

namespace NotebookRnn.Persistence;

/// <summary>
/// Reads one <see cref="LayerArgument"/> from a configuration, converted to the type its constructor parameter (or
/// property) takes: integers, numbers, booleans, strings, shapes, activations by Keras name, initializers, regularizers and
/// constraints by name or as <c>{ class_name, config }</c>, and
/// wrapped layers from <c>{ class_name, config }</c>. Errors name the key, the expected and the actual value.
/// </summary>
internal static class ConfigValues
{
    /// <summary>
    /// The argument's value; a missing key gives the parameter's default (and is an error when it has none), or, for a
    /// settable property, <c>(false, null)</c>: keep the value the constructor gave it.
    /// </summary>
    /// <param name="config">The layer's configuration.</param>
    /// <param name="argument">The argument to read.</param>
    /// <param name="readLayer">Creates a wrapped layer from its <c>{ class_name, config }</c> description.</param>
    /// <param name="layerTypes">The registered layer types, for naming the ones a wrapped layer may be.</param>
    /// <exception cref="ConfigException">The key is missing without a default, or its value does not convert.</exception>
    public static (bool Found, object? Value) Read(ConfigReader config, LayerArgument argument, Func<ConfigReader, Layer> readLayer,
        IEnumerable<(Type Type, string ClassName)> layerTypes)
    {
        string key = argument.Key;
        if (!config.Has(key))
        {
            config.Ignore(key);
            if (argument.Parameter is null) return (false, null);
            return argument.IsOptional ? (true, argument.Default) : throw config.Error(key, "is missing.");
        }
        Type type = Nullable.GetUnderlyingType(argument.Type) ?? argument.Type;
        if (typeof(Layer).IsAssignableFrom(type)) return (true, WrappedLayer(config, key, type, argument.AcceptsNull, readLayer, layerTypes));
        if (type == typeof(RecurrentCell)) return (true, CellRegistry.FromDescription(config.Object(key)));
        if (type == typeof(IReadOnlyList<RecurrentCell>)) return (true, config.Objects(key).Select(CellRegistry.FromDescription).ToArray());
        return (true, type switch
        {
            _ when type == typeof(ActivationFunction) => config.Activation(key),
            _ when type == typeof(Initializer) => config.Initializer(key),
            _ when type == typeof(Regularizer) => config.Regularizer(key),
            _ when type == typeof(Constraint) => config.Constraint(key),
            _ when type == typeof(int) => argument.AcceptsNull ? config.NullableInt(key) : config.Int(key),
            _ when type == typeof(long) => argument.AcceptsNull ? config.NullableLong(key) : config.Long(key),
            _ when type == typeof(double) => argument.AcceptsNull ? config.NullableDouble(key) : config.Double(key),
            _ when type == typeof(float) => config.Float(key),
            _ when type == typeof(bool) => config.Bool(key),
            _ when type == typeof(string) => argument.AcceptsNull ? config.NullableString(key, null) : config.String(key),
            _ when type == typeof(int?[]) => config.Shape(key),
            _ when type == typeof(int[]) => config.Integers(key),
            _ => throw new InvalidOperationException($"Layer configurations cannot hold a {type.Name} ('{key}')."),
        });
    }

    /// <summary>Whether <see cref="Read"/> converts values of <paramref name="type"/>.</summary>
    public static bool CanRead(Type type)
    {
        type = Nullable.GetUnderlyingType(type) ?? type;
        return typeof(Layer).IsAssignableFrom(type) || type == typeof(RecurrentCell) || type == typeof(IReadOnlyList<RecurrentCell>)
            || type == typeof(ActivationFunction) || type == typeof(Initializer) || type == typeof(Regularizer) || type == typeof(Constraint)
            || type == typeof(int)
            || type == typeof(long) || type == typeof(double) || type == typeof(float) || type == typeof(bool) || type == typeof(string)
            || type == typeof(int?[]) || type == typeof(int[]);
    }

    private static Layer? WrappedLayer(ConfigReader config, string key, Type type, bool acceptsNull, Func<ConfigReader, Layer> readLayer,
        IEnumerable<(Type Type, string ClassName)> layerTypes)
    {
        if (acceptsNull && config.IsNull(key)) return null;
        Layer layer = readLayer(config.Object(key));
        if (type.IsInstanceOfType(layer)) return layer;
        string[] allowed = [.. layerTypes.Where(t => type.IsAssignableFrom(t.Type)).Select(t => t.ClassName)];
        string names = allowed.Length > 1 ? string.Join(", ", allowed[..^1]) + " or " + allowed[^1] : string.Join("", allowed);
        throw config.Error(key, $"must describe a {names} layer.");
    }
}
