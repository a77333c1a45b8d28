namespace NotebookRnn.Cli.Execution;

/// <summary>A kernel directive nbrnn cannot run (another package, another language); fails its cell at <paramref name="line"/>.</summary>
/// <param name="message">What is wrong and what nbrnn runs instead.</param>
/// <param name="line">The cell line of the directive (from 1).</param>
public sealed class DirectiveException(string message, int line) : Exception(message)
{
    /// <summary>The cell line of the directive (from 1).</summary>
    public int Line { get; } = line;
}
