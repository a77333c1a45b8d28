namespace NotebookRnn.Layers;

/// <summary>
/// Marks the property that holds a constructor argument whose name it does not share (<c>Activation.Function</c> holds
/// <c>activation</c>), so <see cref="LayerConfig"/> finds the argument's value for <see cref="Layer.GetConfig"/> and clones.
/// </summary>
/// <param name="parameterName">The constructor parameter, e.g. <c>activation</c>.</param>
[AttributeUsage(AttributeTargets.Property)]
internal sealed class ConfigArgumentAttribute(string parameterName) : Attribute
{
    /// <summary>The constructor parameter whose value the property holds.</summary>
    public string ParameterName { get; } = parameterName;
}
