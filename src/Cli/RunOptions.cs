using System.Text.RegularExpressions;

namespace NotebookRnn.Cli;

/// <summary>The arguments of <c>nbrnn run</c>.</summary>
/// <param name="Target">A notebook file, or a folder whose <c>*.ipynb</c> files run in name order.</param>
/// <param name="OutputFolder">Where the executed <c>.ipynb</c> and <c>.html</c> files go; default <c>out</c>.</param>
/// <param name="Parameters">Values for the notebooks' parameters cells, by name.</param>
/// <param name="PlotlyFile">plotly.js to embed in the pages; default the npm copy of the setup script, when present.</param>
internal sealed partial record RunOptions(string Target, string OutputFolder, IReadOnlyDictionary<string, string> Parameters, string? PlotlyFile)
{
    /// <summary>The command's usage.</summary>
    public const string Usage = """
        usage: nbrnn run <notebook.ipynb | folder> [--out DIR] [--param name=value]... [--plotly FILE]

        Runs the C# cells of each notebook in order, as a kernel would, and writes DIR/<name>.ipynb (executed, nbformat 4)
        and DIR/<name>.html (standalone page). #r "nuget: NotebookRnn" binds to this build; #!rnn- magics run.
          --out DIR            output folder (default: out)
          --param name=value   replaces `var name = ...;` in the cell tagged "parameters" (repeatable)
          --plotly FILE        plotly.js to embed in the pages (default: the npm copy scripts/setup-browser.sh installs;
                               without one, pages load plotly.js from its CDN)
        Exit codes: 0 every cell ran, 1 a cell failed, 2 bad arguments or notebook.
        """;

    /// <summary>Parses the arguments after <c>run</c>.</summary>
    /// <exception cref="ArgumentException">An unknown option, a missing value, a malformed <c>--param</c>, or no target; the message says which.</exception>
    public static RunOptions Parse(IReadOnlyList<string> args)
    {
        string? target = null, output = null, plotly = null;
        var parameters = new Dictionary<string, string>();
        for (int i = 0; i < args.Count; i++)
        {
            string arg = args[i];
            switch (arg)
            {
                case "--out":
                    output = Value(args, ref i);
                    break;
                case "--plotly":
                    plotly = Value(args, ref i);
                    break;
                case "--param":
                    string assignment = Value(args, ref i);
                    int equals = assignment.IndexOf('=');
                    string name = equals < 0 ? "" : assignment[..equals].Trim();
                    if (!Identifier().IsMatch(name))
                        throw new ArgumentException($"--param expects name=value with a C# identifier as name, got '{assignment}'.");
                    parameters[name] = assignment[(equals + 1)..];
                    break;
                default:
                    if (arg.StartsWith('-')) throw new ArgumentException($"Unknown option '{arg}'.");
                    if (target is not null) throw new ArgumentException($"One notebook or folder is run at a time; got '{target}' and '{arg}'.");
                    target = arg;
                    break;
            }
        }
        return new RunOptions(target ?? throw new ArgumentException("No notebook or folder given."), output ?? "out", parameters, plotly);
    }

    private static string Value(IReadOnlyList<string> args, ref int i) =>
        ++i < args.Count ? args[i] : throw new ArgumentException($"{args[i - 1]} needs a value.");

    [GeneratedRegex(@"^[A-Za-z_]\w*$")]
    private static partial Regex Identifier();
}
