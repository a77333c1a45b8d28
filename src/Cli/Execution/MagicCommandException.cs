namespace NotebookRnn.Cli.Execution;

/// <summary>A magic command that reported an error; fails its cell as an exception would.</summary>
/// <param name="message">The magic's one-line error with its usage.</param>
public sealed class MagicCommandException(string message) : Exception(message);
