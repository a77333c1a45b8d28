using System.Collections.Concurrent;
using System.Reflection;
using NotebookRnn.Constraints;
using NotebookRnn.Initializers;
using NotebookRnn.Layers.Recurrent;
using NotebookRnn.Regularizers;
using NotebookRnn.Tensors;

namespace NotebookRnn.Layers;

/// <summary>
/// A layer's configuration derived from its constructor, so each argument is declared once, in the constructor:
/// every constructor parameter is a key (its name in snake case) whose value is the property of the same name (or the
/// one marked <see cref="ConfigArgumentAttribute"/>), and every public settable property is one more key (a recurrent
/// layer's <c>packing</c>). <see cref="Layer.GetConfig"/> writes these keys, <see cref="Clone"/> calls the
/// constructor with them, and <c>LayerRegistry</c> reads them back from a file through the same list.
/// </summary>
/// <remarks>
/// Values are written in Keras's form: activations by name; initializers, regularizers and constraints by name when that
/// gives them back (<c>"glorot_uniform"</c>, <c>"l2"</c>), else as <c>{ class_name, config }</c>; enums in snake case (<c>None</c> as
/// <c>null</c>), wrapped layers and recurrent cells as <c>{ class_name, config }</c>; numbers, booleans, strings and shapes as they are.
/// <c>name</c> comes first and <c>input_shape</c> is written only when given, as for every layer.
/// </remarks>
internal static class LayerConfig
{
    private static readonly ConcurrentDictionary<Type, LayerArgument[]> ArgumentsByType = new();

    /// <summary>The configuration keys of <paramref name="type"/>: its constructor's parameters, then its settable properties.</summary>
    public static IReadOnlyList<LayerArgument> Arguments(Type type) => ArgumentsByType.GetOrAdd(type, Derive);

    /// <summary>The constructor that configurations map to: the type's public one (the longest, if several).</summary>
    /// <exception cref="InvalidOperationException">The type has no public constructor.</exception>
    public static ConstructorInfo Constructor(Type type) =>
        type.GetConstructors().MaxBy(c => c.GetParameters().Length)
        ?? throw new InvalidOperationException($"{type.Name} has no public constructor, so no configuration maps to it.");

    /// <summary>The configuration of <paramref name="layer"/> (what <see cref="Layer.GetConfig"/> returns).</summary>
    public static Dictionary<string, object?> Of(Layer layer)
    {
        var config = new Dictionary<string, object?> { ["name"] = layer.Name };
        if (layer.InputShape is not null) config["input_shape"] = layer.InputShape;
        foreach (LayerArgument argument in Arguments(layer.GetType()))
            if (argument.Key is not ("name" or "input_shape") && argument.Property is not null)
                config[argument.Key] = ConfigValue(argument.ValueOf(layer));
        return config;
    }

    /// <summary>
    /// Creates a layer of <paramref name="type"/>: the constructor gets <paramref name="read"/>(argument) for each of
    /// its parameters, then each settable property for which <paramref name="read"/> finds a value is set.
    /// </summary>
    /// <param name="type">A layer type.</param>
    /// <param name="read">The value of an argument, or <c>(false, _)</c> to keep a property as the constructor left it.</param>
    /// <exception cref="ArgumentException">The constructor or a setter rejects a value.</exception>
    public static Layer Create(Type type, Func<LayerArgument, (bool Found, object? Value)> read) => (Layer)Construct(type, read);

    /// <summary>
    /// Creates an object of <paramref name="type"/> (a layer, or a recurrent cell) from its constructor-derived arguments,
    /// as <see cref="Create"/> does.
    /// </summary>
    /// <exception cref="ArgumentException">The constructor or a setter rejects a value.</exception>
    public static object Construct(Type type, Func<LayerArgument, (bool Found, object? Value)> read)
    {
        IReadOnlyList<LayerArgument> arguments = Arguments(type);
        object?[] values = [.. arguments.Where(a => a.Parameter is not null).Select(a => read(a).Value)];
        object created = Constructor(type).Invoke(BindingFlags.DoNotWrapExceptions, null, values, null);
        foreach (LayerArgument property in arguments.Where(a => a.Parameter is null))
            if (read(property) is (true, var value)) property.Property!.SetValue(created, value, BindingFlags.DoNotWrapExceptions, null, null, null);
        return created;
    }

    /// <summary>
    /// A built copy of a built <paramref name="layer"/>, with its name, that shares its weight values and has gradients and
    /// workspaces of its own (a device replica's layer, a shared layer's later call); its own randomness (dropout) comes
    /// from <paramref name="random"/>.
    /// </summary>
    internal static Layer CloneSharingWeights(Layer layer, RandomGenerator random)
    {
        Layer copy = Clone(layer);
        copy.Name = layer.Name;
        WeightCreation weights = WeightCreation.SharedWith(layer.Parameters);
        copy.BuildWith(weights, layer.BuiltInputShapes, random);
        weights.EnsureComplete(copy);
        return copy;
    }

    /// <summary>
    /// A new, unbuilt layer with the configuration of <paramref name="layer"/> except <paramref name="changes"/> (keys as in
    /// <see cref="Layer.GetConfig"/>); wrapped layers are cloned too. Activations and initializers are the same objects.
    /// </summary>
    /// <exception cref="InvalidOperationException">A constructor argument of the layer's type has no property holding it.</exception>
    /// <exception cref="ArgumentException">A changed value is rejected.</exception>
    public static Layer Clone(Layer layer, IReadOnlyDictionary<string, object?>? changes = null)
    {
        ArgumentNullException.ThrowIfNull(layer);
        return Create(layer.GetType(), argument => changes is not null && changes.TryGetValue(argument.Key, out object? changed)
            ? (true, changed)
            : (true, CopyValue(argument.ValueOf(layer), argument.Type)));
    }

    // The property's value as the parameter takes it: a wrapped layer is cloned; a value of another type (an enum the
    // constructor takes as a string) goes through its configuration form.
    private static object? CopyValue(object? value, Type parameterType) => value switch
    {
        Layer wrapped => Clone(wrapped),
        RecurrentCell cell => CellConfig.Clone(cell),
        IEnumerable<RecurrentCell> cells => cells.Select(CellConfig.Clone).ToArray(),
        not null when !parameterType.IsInstanceOfType(value) => ConfigValue(value),
        _ => value,
    };

    /// <summary>A value in its configuration form (activations by name, wrapped layers and cells as <c>{ class_name, config }</c>).</summary>
    internal static object? ConfigValue(object? value) => value switch
    {
        ActivationFunction activation => activation.Name,
        Initializer initializer => initializer.ConfigForm(),
        Regularizer regularizer => regularizer.ConfigForm(),
        Constraint constraint => constraint.ConfigForm(),
        Layer wrapped => new Dictionary<string, object?> { ["class_name"] = wrapped.GetType().Name, ["config"] = wrapped.GetConfig() },
        RecurrentCell cell => CellConfig.Describe(cell),
        IEnumerable<RecurrentCell> cells => cells.Select(CellConfig.Describe).ToArray(),
        Enum choice => choice.ToString() == "None" ? null : Naming.SnakeCase(choice.ToString()),
        _ => value,
    };

    private static LayerArgument[] Derive(Type type)
    {
        PropertyInfo[] properties = [.. type.GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => p.GetIndexParameters().Length == 0)];
        LayerArgument[] parameters = [.. Constructor(type).GetParameters().Select(p => LayerArgument.ForParameter(p,
            properties.FirstOrDefault(q => q.GetCustomAttribute<ConfigArgumentAttribute>()?.ParameterName == p.Name)
            ?? properties.FirstOrDefault(q => string.Equals(q.Name, p.Name, StringComparison.OrdinalIgnoreCase))))];
        IEnumerable<LayerArgument> settable = properties
            .Where(p => p.GetSetMethod() is not null && p.GetGetMethod() is not null && parameters.All(a => a.Property != p))
            .Select(LayerArgument.ForProperty);
        return [.. parameters, .. settable];
    }
}
