using NotebookRnn.Cli.Progress;
using Spectre.Console;

namespace NotebookRnn.Cli;

/// <summary>
/// The <c>nbrnn</c> command line: <c>nbrnn run &lt;notebook.ipynb | folder&gt; [--out DIR] [--param name=value]…
/// [--plotly FILE]</c>. Progress is a Spectre.Console bar in a terminal and plain lines otherwise (CI logs).
/// </summary>
internal static class Nbrnn
{
    /// <summary>Runs the command line <paramref name="args"/>.</summary>
    /// <param name="args">The arguments, starting with the command (<c>run</c>).</param>
    /// <param name="output">Where progress and the files written go.</param>
    /// <param name="error">Where problems and the failing cell go.</param>
    /// <param name="interactive">Whether <paramref name="output"/> is a terminal that can show a live progress bar.</param>
    /// <returns>The exit code: <see cref="RunCommand.Succeeded"/>, <see cref="RunCommand.CellFailed"/> or <see cref="RunCommand.BadInput"/>.</returns>
    public static async Task<int> MainAsync(string[] args, TextWriter output, TextWriter error, bool interactive)
    {
        if (args.Length == 0 || args[0] is "-h" or "--help" or "help")
        {
            (args.Length == 0 ? error : output).WriteLine(RunOptions.Usage);
            return args.Length == 0 ? RunCommand.BadInput : RunCommand.Succeeded;
        }
        if (args[0] != "run")
        {
            error.WriteLine($"nbrnn: unknown command '{args[0]}'.\n{RunOptions.Usage}");
            return RunCommand.BadInput;
        }
        RunOptions options;
        try
        {
            options = RunOptions.Parse(args[1..]);
        }
        catch (ArgumentException problem)
        {
            error.WriteLine($"nbrnn: {problem.Message}\n{RunOptions.Usage}");
            return RunCommand.BadInput;
        }
        if (!interactive) return await RunCommand.RunAsync(options, output, error, new PlainProgress(output));

        // The bar writes to the real console: the cells' Console output is captured while they run.
        var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(output) });
        var report = new StringWriter();
        var reportErrors = new StringWriter();
        int exitCode = await console.Progress()
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn())
            .StartAsync(context => RunCommand.RunAsync(options, report, reportErrors, new SpectreProgress(context)));
        output.Write(report.ToString());
        error.Write(reportErrors.ToString());
        return exitCode;
    }
}
