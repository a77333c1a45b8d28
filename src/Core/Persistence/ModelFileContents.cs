namespace NotebookRnn.Persistence;

/// <summary>A model file that <see cref="ModelFile.Read"/> has checked completely: layout, checksums, finite values.</summary>
internal sealed class ModelFileContents
{
    private readonly Dictionary<string, NamedTensor> _byName;

    public ModelFileContents(string filePath, int formatVersion, string content, string? modelJson, IReadOnlyList<NamedTensor> tensors)
    {
        FilePath = filePath;
        FormatVersion = formatVersion;
        Content = content;
        ModelJson = modelJson;
        Tensors = tensors;
        _byName = tensors.ToDictionary(t => t.Name, StringComparer.Ordinal);
    }

    /// <summary>The file that was read.</summary>
    public string FilePath { get; }

    /// <summary>The file's <c>format_version</c>, at most <see cref="ModelFile.FormatVersion"/>.</summary>
    public int FormatVersion { get; }

    /// <summary><see cref="ModelFile.ModelContent"/> or <see cref="ModelFile.WeightsContent"/>.</summary>
    public string Content { get; }

    /// <summary>The model configuration (JSON), for <see cref="ModelFile.ModelContent"/> files.</summary>
    public string? ModelJson { get; }

    /// <summary>Every tensor, in the order of its data in the file.</summary>
    public IReadOnlyList<NamedTensor> Tensors { get; }

    /// <summary>The tensor named <paramref name="name"/>, or <c>null</c>.</summary>
    public NamedTensor? Find(string name) => _byName.GetValueOrDefault(name);

    /// <summary>An error about this file at <paramref name="location"/>.</summary>
    public ModelFormatException Error(string location, string problem, long? byteOffset = null, Exception? inner = null) =>
        new(FilePath, location, problem, byteOffset, inner);
}
