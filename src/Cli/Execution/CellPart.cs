namespace NotebookRnn.Cli.Execution;

/// <summary>
/// A piece of a code cell, run in order: C# code (<see cref="CodePart"/>), a magic command line
/// (<see cref="MagicPart"/>) or the package reference that loads NotebookRnn (<see cref="PackagePart"/>).
/// </summary>
/// <param name="Line">The cell line (from 1) where the piece starts.</param>
internal abstract record CellPart(int Line);

/// <summary>C# code submitted to the script state as one submission.</summary>
/// <param name="Code">The code; lines of directives the runner handled are blank, so line numbers match the cell's.</param>
/// <param name="Line">The cell line of the code's first line.</param>
internal sealed record CodePart(string Code, int Line) : CellPart(Line);

/// <summary>A <c>#!rnn-</c> magic command line.</summary>
/// <param name="CommandLine">The line as written.</param>
/// <param name="Line">Its cell line.</param>
internal sealed record MagicPart(string CommandLine, int Line) : CellPart(Line);

/// <summary><c>#r "nuget: NotebookRnn"</c>: binds the NotebookRnn assemblies of this build.</summary>
/// <param name="Line">Its cell line.</param>
internal sealed record PackagePart(int Line) : CellPart(Line);
