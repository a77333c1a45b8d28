using System.CommandLine;
using System.Text.RegularExpressions;
using NotebookRnn.Cli.Progress;
using Spectre.Console;
using NotebookRnn.Persistence;

namespace NotebookRnn.Cli;

/// <summary>
/// The <c>nbrnn</c> command line (System.CommandLine): <c>nbrnn run &lt;notebook.ipynb | folder&gt; [--out DIR]
/// [--param name=value]… [--plotly FILE]</c>. Progress is a Spectre.Console bar in a terminal and plain lines otherwise
/// (CI logs). Bad arguments exit with <see cref="RunCommand.BadInput"/> and say why.
/// </summary>
internal static partial class Nbrnn
{
    private static readonly Argument<string> Target = new("notebook")
    {
        Description = "A notebook (.ipynb), or a folder whose notebooks run in name order.",
    };

    private static readonly Option<string> Out = new("--out")
    {
        Description = "Output folder for the executed <name>.ipynb (nbformat 4.5) and <name>.html.",
        DefaultValueFactory = _ => "out",
    };

    private static readonly Option<string[]> Param = new("--param")
    {
        Description = "name=value: replaces `var name = ...;` in the cell tagged \"parameters\" (repeatable).",
        AllowMultipleArgumentsPerToken = false,
    };

    private static readonly Option<string?> Plotly = new("--plotly")
    {
        Description = "plotly.js to embed in the pages (default: the npm copy scripts/setup-browser.sh installs; without one, pages load it from its CDN).",
    };

    // A parent nbrnn running a folder starts one nbrnn per notebook with this, and shows their progress itself.
    private static readonly Option<bool> ProgressEventsOption = new(Execution.NotebookProcess.ProgressEventsOption) { Hidden = true };

    /// <summary>Runs the command line <paramref name="args"/>.</summary>
    /// <param name="args">The arguments, starting with the command (<c>run</c>).</param>
    /// <param name="output">Where help, progress and the files written go.</param>
    /// <param name="error">Where problems and the failing cell go.</param>
    /// <param name="interactive">Whether <paramref name="output"/> is a terminal that can show a live progress bar.</param>
    /// <returns>The exit code: <see cref="RunCommand.Succeeded"/>, <see cref="RunCommand.CellFailed"/> or <see cref="RunCommand.BadInput"/>.</returns>
    public static async Task<int> MainAsync(string[] args, TextWriter output, TextWriter error, bool interactive)
    {
        var run = new Command("run", "Runs every C# cell of each notebook in the real .NET Interactive C# kernel, in order, and writes " +
                                     "the executed notebook and a standalone HTML page. #r \"nuget: NotebookRnn\" binds to this build.")
        {
            Target, Out, Param, Plotly, ProgressEventsOption,
        };
        var root = new RootCommand("nbrnn: runs NotebookRnn's notebooks headlessly. Exit codes: 0 every cell ran, 1 a cell failed, 2 bad arguments or notebook.")
        {
            run,
        };
        ParseResult parsed = root.Parse(args);
        if (parsed.Errors.Count > 0 || parsed.CommandResult.Command != run || parsed.Tokens.Any(t => t.Value is "-h" or "--help" or "-?"))
        {
            // Help, version, or the parser's errors followed by the usage.
            await parsed.InvokeAsync(new InvocationConfiguration { Output = output, Error = error });
            return parsed.Errors.Count > 0 ? RunCommand.BadInput : RunCommand.Succeeded;
        }
        RunOptions options;
        try
        {
            options = new RunOptions(parsed.GetValue(Target)!, parsed.GetValue(Out)!, Parameters(parsed.GetValue(Param) ?? []), parsed.GetValue(Plotly));
        }
        catch (ArgumentException problem)
        {
            error.WriteLine($"nbrnn: {problem.Message}");
            return RunCommand.BadInput;
        }
        if (parsed.GetValue(ProgressEventsOption)) return await RunCommand.RunAsync(options, output, error, new ProgressEvents(output));
        return interactive ? await WithProgressBarAsync(options, output, error) : await RunCommand.RunAsync(options, output, error, new PlainProgress(output));
    }

    private static IReadOnlyDictionary<string, string> Parameters(IEnumerable<string> assignments)
    {
        var parameters = new Dictionary<string, string>();
        foreach (string assignment in assignments)
        {
            int equals = assignment.IndexOf('=');
            string name = equals < 0 ? "" : assignment[..equals].Trim();
            if (!Identifier().IsMatch(name))
                throw new ArgumentException($"--param expects name=value with a C# identifier as name, got '{assignment}'.");
            parameters[name] = assignment[(equals + 1)..];
        }
        return parameters;
    }

    // The bar writes to the real console, so the run's own report is collected and written after it.
    private static async Task<int> WithProgressBarAsync(RunOptions options, TextWriter output, TextWriter error)
    {
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

    [GeneratedRegex(@"^[A-Za-z_]\w*$")]
    private static partial Regex Identifier();
}
