using System.Globalization;
using NotebookRnn.Cli.Execution;

namespace NotebookRnn.Cli.Progress;

/// <summary>
/// Progress that an nbrnn process running one notebook for a parent nbrnn (<see cref="Execution.NotebookProcess"/>)
/// writes on its standard output, one event per line (<c>##nbrnn-progress &lt;event&gt; …</c>), and that the parent
/// reads back into its own progress display with <see cref="TryApply"/>.
/// </summary>
internal sealed class ProgressEvents(TextWriter output) : IRunProgress
{
    private const string Prefix = "##nbrnn-progress ";

    public void NotebookStarted(string name, int codeCells) => Write("notebook-started", codeCells, name);

    public void CellStarted(int cellNumber, int codeCell) => Write("cell-started", cellNumber, codeCell);

    public void CellFinished(int cellNumber, TimeSpan elapsed, bool succeeded) => Write("cell-finished", cellNumber, elapsed.Ticks, succeeded);

    public void NotebookFinished(string name, TimeSpan elapsed, bool succeeded) => Write("notebook-finished", elapsed.Ticks, succeeded, name);

    /// <summary>Applies the event of <paramref name="line"/> to <paramref name="progress"/>; false for any other line.</summary>
    public static bool TryApply(string line, IRunProgress progress)
    {
        if (!line.StartsWith(Prefix, StringComparison.Ordinal)) return false;
        string[] parts = line[Prefix.Length..].Split(' ', 4);
        switch (parts[0])
        {
            case "notebook-started":
                progress.NotebookStarted(parts[2], Int(parts[1]));
                break;
            case "cell-started":
                progress.CellStarted(Int(parts[1]), Int(parts[2]));
                break;
            case "cell-finished":
                progress.CellFinished(Int(parts[1]), TimeSpan.FromTicks(long.Parse(parts[2], CultureInfo.InvariantCulture)), bool.Parse(parts[3]));
                break;
            case "notebook-finished":
                progress.NotebookFinished(parts[3], TimeSpan.FromTicks(long.Parse(parts[1], CultureInfo.InvariantCulture)), bool.Parse(parts[2]));
                break;
            default:
                return false;
        }
        return true;
    }

    private void Write(string kind, params object[] values) =>
        output.WriteLine(Prefix + kind + " " + string.Join(' ', values.Select(v => Convert.ToString(v, CultureInfo.InvariantCulture))));

    private static int Int(string text) => int.Parse(text, CultureInfo.InvariantCulture);
}
