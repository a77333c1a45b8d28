namespace NotebookRnn.Notebook.Magics;

/// <summary>A problem with a magic command's input, reported as a one-line error with the usage.</summary>
internal sealed class MagicError(string problem) : Exception(problem);
