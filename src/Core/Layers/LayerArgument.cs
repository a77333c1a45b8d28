using System.Reflection;
using NotebookRnn.Tensors;

namespace NotebookRnn.Layers;

/// <summary>
/// One configuration key of a layer type: a constructor parameter, or a public settable property (a recurrent layer's
/// <c>Packing</c>). <see cref="LayerConfig"/> derives the list from the type.
/// </summary>
internal sealed class LayerArgument
{
    private LayerArgument(string key, Type type, PropertyInfo? property, bool acceptsNull)
    {
        Key = key;
        Type = type;
        Property = property;
        AcceptsNull = acceptsNull;
    }

    /// <summary>The Keras key: the .NET name in snake case (<c>returnSequences</c> → <c>return_sequences</c>).</summary>
    public string Key { get; }

    /// <summary>The type the constructor (or the property's setter) takes.</summary>
    public Type Type { get; }

    /// <summary>The property holding the value, or <c>null</c> when the type has none (only custom layers may lack one).</summary>
    public PropertyInfo? Property { get; }

    /// <summary>Whether <c>null</c> is a value of this argument (a nullable type).</summary>
    public bool AcceptsNull { get; }

    /// <summary>The constructor parameter, or <c>null</c> for a settable property.</summary>
    public ParameterInfo? Parameter { get; private init; }

    /// <summary>Whether a configuration may leave this argument out: a settable property, or a parameter with a default.</summary>
    public bool IsOptional => Parameter is null || Parameter.HasDefaultValue;

    /// <summary>The value a configuration without this key stands for (a parameter's default); <c>null</c> for a property.</summary>
    public object? Default => Parameter is { HasDefaultValue: true } parameter ? parameter.DefaultValue : null;

    /// <summary>An argument for constructor parameter <paramref name="parameter"/>, whose value <paramref name="property"/> holds.</summary>
    public static LayerArgument ForParameter(ParameterInfo parameter, PropertyInfo? property) =>
        new(Naming.SnakeCase(parameter.Name!), parameter.ParameterType, property, IsNullable(new NullabilityInfoContext().Create(parameter), parameter.ParameterType))
        {
            Parameter = parameter,
        };

    /// <summary>An argument for a public settable property.</summary>
    public static LayerArgument ForProperty(PropertyInfo property) =>
        new(Naming.SnakeCase(property.Name), property.PropertyType, property, IsNullable(new NullabilityInfoContext().Create(property), property.PropertyType));

    /// <summary>The argument's current value in <paramref name="layer"/> (a layer, or a recurrent cell).</summary>
    /// <exception cref="InvalidOperationException">No property holds it.</exception>
    public object? ValueOf(object layer) => Property is not null
        ? Property.GetValue(layer)
        : throw new InvalidOperationException(
            $"{layer.GetType().Name} has no property holding its constructor argument '{Parameter!.Name}', so it cannot be copied; " +
            "name a property after the argument, or mark the property that holds it with [ConfigArgument].");

    private static bool IsNullable(NullabilityInfo info, Type type) =>
        Nullable.GetUnderlyingType(type) is not null || (!type.IsValueType && info.WriteState != NullabilityState.NotNull);
}
