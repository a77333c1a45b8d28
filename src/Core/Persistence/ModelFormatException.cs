namespace NotebookRnn.Persistence;

/// <summary>
/// A saved model or weights file cannot be loaded because its contents are wrong: truncated, not a NotebookRnn
/// file, a header inconsistent with the data, a failed checksum, a non-finite weight, an unknown layer type, a
/// newer format version, or weights that do not fit the model. The message names the file, where the problem is
/// (a byte offset, a weight name or a place in the model configuration) and what is wrong. A load that throws it
/// has changed nothing.
/// </summary>
/// <remarks>
/// It derives from <see cref="IOException"/>, so code that handles I/O failures handles it too; a missing file
/// is still a <see cref="FileNotFoundException"/>.
/// </remarks>
public sealed class ModelFormatException : IOException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="filePath">The file being loaded.</param>
    /// <param name="location">Where the problem is, e.g. <c>byte 8</c>, <c>weight 'lstm/kernel'</c>, <c>model config layers[1].config.units</c>.</param>
    /// <param name="problem">What is wrong, as a sentence.</param>
    /// <param name="byteOffset">Offset from the start of the file where the problem is, when it has one.</param>
    /// <param name="innerException">The error that revealed the problem, if any.</param>
    public ModelFormatException(string filePath, string location, string problem, long? byteOffset = null, Exception? innerException = null)
        : base($"Cannot load \"{filePath}\", {location}: {problem}", innerException)
    {
        FilePath = filePath;
        Location = location;
        Problem = problem;
        ByteOffset = byteOffset;
    }

    /// <summary>The file being loaded.</summary>
    public string FilePath { get; }

    /// <summary>Where the problem is: a byte offset, a weight name or a place in the model configuration.</summary>
    public string Location { get; }

    /// <summary>What is wrong.</summary>
    public string Problem { get; }

    /// <summary>Offset from the start of the file where the problem is, or <c>null</c> when it is not a byte position.</summary>
    public long? ByteOffset { get; }
}
