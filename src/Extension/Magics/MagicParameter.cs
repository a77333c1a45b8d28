namespace NotebookRnn.Notebook.Magics;

/// <summary>One parameter of a magic command, as the kernel is told about it.</summary>
/// <param name="Name">The option, e.g. <c>--max-len</c>; the kernel binds it to the command's property <c>MaxLen</c>.</param>
/// <param name="Implicit">Whether its value may be given without the name (the first bare argument).</param>
/// <param name="Required">Whether the command needs it (for the docs: the handler reports a missing one, not the kernel).</param>
/// <param name="Values">What it accepts, for help: e.g. <c>N|auto</c>.</param>
public sealed record MagicParameter(string Name, bool Implicit, bool Required, string Values);
