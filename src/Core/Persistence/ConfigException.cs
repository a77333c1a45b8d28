namespace NotebookRnn.Persistence;

/// <summary>
/// A configuration (a layer's, a model's or the compile settings') cannot be read back: names the place in it,
/// e.g. <c>layers[2].config.units</c>, and what is wrong. Public entry points turn it into an
/// <see cref="ArgumentException"/> or a <see cref="ModelFormatException"/>.
/// </summary>
internal sealed class ConfigException(string path, string problem, Exception? inner = null)
    : Exception($"{path}: {problem}", inner)
{
    /// <summary>Where in the configuration the problem is, e.g. <c>layers[2].config.units</c>.</summary>
    public string Path { get; } = path;

    /// <summary>What is wrong, as a sentence.</summary>
    public string Problem { get; } = problem;
}
