namespace NotebookRnn.Layers.Recurrent;

/// <summary>
/// A recurrent cell's configuration, derived from its constructor as a layer's is (<see cref="LayerConfig"/>): every
/// constructor parameter is a key in snake case whose value is the property of the same name. An <see cref="RNN"/>
/// layer writes its cell as <c>{ "class_name": "LSTMCell", "config": { "units": 4, … } }</c>, as Keras does.
/// </summary>
internal static class CellConfig
{
    /// <summary>The configuration of <paramref name="cell"/>: its constructor arguments (cells have no name).</summary>
    public static Dictionary<string, object?> Of(RecurrentCell cell)
    {
        var config = new Dictionary<string, object?>();
        foreach (LayerArgument argument in LayerConfig.Arguments(cell.GetType()))
            config[argument.Key] = LayerConfig.ConfigValue(argument.ValueOf(cell));
        return config;
    }

    /// <summary><c>{ class_name, config }</c> of <paramref name="cell"/>.</summary>
    public static Dictionary<string, object?> Describe(RecurrentCell cell) =>
        new() { ["class_name"] = cell.GetType().Name, ["config"] = Of(cell) };

    /// <summary>A new, unbuilt cell with the configuration of <paramref name="cell"/> (a stack's cells are cloned too).</summary>
    public static RecurrentCell Clone(RecurrentCell cell) => (RecurrentCell)LayerConfig.Construct(cell.GetType(), argument =>
        (true, argument.ValueOf(cell) is IEnumerable<RecurrentCell> cells ? cells.Select(Clone).ToArray() : argument.ValueOf(cell)));
}
