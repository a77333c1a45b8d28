using NotebookRnn.Layers;
using NotebookRnn.Layers.Recurrent;
using NotebookRnn.Tensors;

namespace NotebookRnn.Persistence;

/// <summary>
/// Creates recurrent cells from their Keras-style description, <c>{ "class_name": "LSTMCell", "config": { … } }</c>, as an
/// <see cref="RNN"/> layer's configuration holds its cell: <c>SimpleRNNCell</c>, <c>LSTMCell</c>, <c>GRUCell</c> and
/// <c>StackedRNNCells</c> (whose <c>cells</c> are a list of such descriptions); Keras's names, case, <c>_</c> and <c>-</c> ignored. A cell's keys are its constructor's
/// arguments, read as a layer's are (<see cref="ConfigValues"/>).
/// </summary>
internal static class CellRegistry
{
    private static readonly Type[] Registered = [typeof(SimpleRNNCell), typeof(LSTMCell), typeof(GRUCell), typeof(StackedRNNCells)];

    private static readonly Dictionary<string, Type> Types = Registered.ToDictionary(type => Naming.Key(type.Name));

    /// <summary>Reads a nested <c>{ class_name, config }</c> cell description.</summary>
    /// <exception cref="ConfigException">Unknown class, bad key or value, or a value the cell rejects.</exception>
    public static RecurrentCell FromDescription(ConfigReader description)
    {
        string className = description.String("class_name");
        if (!Types.TryGetValue(Naming.Key(className), out Type? type))
            throw description.Error("class_name",
                $"unknown cell type \"{className}\"; this build knows {string.Join(", ", Registered.Select(t => t.Name))}.");
        var config = new ConfigReader(description.Element("config"), description.Path + ".config");
        RecurrentCell cell;
        try
        {
            cell = (RecurrentCell)LayerConfig.Construct(type, argument => ConfigValues.Read(config, argument, LayerRegistry.FromDescription, []));
        }
        catch (ArgumentException error)
        {
            throw new ConfigException(config.Path, $"{type.Name} rejects its configuration: {error.Message}", error);
        }
        config.EnsureAllRead();
        description.EnsureAllRead();
        return cell;
    }

    /// <summary>Checks that every argument of every cell type can be written and read, as <c>LayerRegistry.CheckMappings</c> does for layers.</summary>
    /// <exception cref="InvalidOperationException">An argument that cannot be carried, named with its type.</exception>
    internal static void CheckMappings()
    {
        foreach (Type type in Registered)
            foreach (LayerArgument argument in LayerConfig.Arguments(type))
                if (argument.Property is null || !ConfigValues.CanRead(argument.Type))
                    throw new InvalidOperationException(
                        $"{type.Name}'s argument '{argument.Key}' ({argument.Type.Name}) " +
                        (argument.Property is null ? "has no property holding it." : "has a type configurations cannot hold."));
    }
}
