using System.Text.RegularExpressions;
using Microsoft.DotNet.Interactive.Documents;
using NotebookRnn.Cli.Documents;
using NotebookRnn.Cli.Export;

namespace NotebookRnn.Jupyter.Tests;

/// <summary>An executed notebook's code cells and outputs, in a form two runs can be compared in.</summary>
internal sealed partial class ExecutedNotebook(InteractiveDocument document)
{
    /// <summary>Reads an executed <c>.ipynb</c>.</summary>
    public static ExecutedNotebook Read(string path) => new(NotebookFile.Read(path));

    /// <summary>The code cells.</summary>
    public IReadOnlyList<InteractiveDocumentElement> CodeCells { get; } = [.. document.Elements.Where(e => e.KernelName != "markdown")];

    /// <summary>Every output of every code cell.</summary>
    public IEnumerable<InteractiveDocumentOutputElement> Outputs => CodeCells.SelectMany(c => c.Outputs);

    /// <summary>
    /// Every stdout line that states a conclusion (<c>Conclusion: …</c>), in order: what the notebook's seed and code
    /// decide, the same in every run.
    /// </summary>
    public IReadOnlyList<string> Conclusions => Lines("Conclusion: ");

    /// <summary>
    /// Every stdout line that reads this run's timings (<c>On this machine: …</c>), in order: its verdict can change
    /// from run to run.
    /// </summary>
    public IReadOnlyList<string> TimingVerdicts => Lines("On this machine: ");

    private List<string> Lines(string prefix) =>
        [.. Outputs.OfType<TextElement>().Where(t => t.Name == "stdout").SelectMany(t => t.Text.Split('\n')).Where(l => l.StartsWith(prefix, StringComparison.Ordinal))];

    /// <summary>
    /// A cell's outputs as a reader sees them: consecutive text of one stream joined (Jupyter sends one message per
    /// write, nbrnn joins them), the kernel's own set-up script of the first cell left out (Jupyter's front end sends it,
    /// no notebook code does).
    /// </summary>
    public static IReadOnlyList<Output> Visible(InteractiveDocumentElement cell)
    {
        var outputs = new List<Output>();
        foreach (InteractiveDocumentOutputElement element in cell.Outputs)
        {
            Output output = Output.Of(element);
            if (output.Forms.TryGetValue("text/html", out string? html) && html.Contains("dotnet-interactive-this-cell", StringComparison.Ordinal)) continue;
            if (outputs.Count > 0 && outputs[^1].Type == output.Type && output.Type.StartsWith("stream:", StringComparison.Ordinal))
                outputs[^1] = outputs[^1] with { Forms = new Dictionary<string, string> { ["text/plain"] = outputs[^1].Forms["text/plain"] + output.Forms["text/plain"] } };
            else outputs.Add(output);
        }
        return outputs;
    }

    /// <summary>One output: its type (<c>display_data</c>, <c>execute_result</c>, <c>stream:stdout</c>, <c>error</c>) and forms by MIME type.</summary>
    public sealed partial record Output(string Type, IReadOnlyDictionary<string, string> Forms)
    {
        public static Output Of(InteractiveDocumentOutputElement element) => element switch
        {
            TextElement text => new Output("stream:" + text.Name, new Dictionary<string, string> { ["text/plain"] = text.Text }),
            DisplayElement display => new Output("display_data", FormsOf(display.Data)),
            ReturnValueElement result => new Output("execute_result", FormsOf(result.Data)),
            ErrorElement error => new Output("error", new Dictionary<string, string> { ["text/plain"] = $"{error.ErrorName}: {error.ErrorValue}" }),
            _ => new Output(element.GetType().Name, new Dictionary<string, string>()),
        };

        private static Dictionary<string, string> FormsOf(IDictionary<string, object> data) =>
            data.Keys.ToDictionary(mime => mime, mime => HtmlPage.Text(data, mime) ?? "");

        /// <summary>
        /// The output with what legitimately differs between two runs of the same notebook made equal: the ids charts
        /// draw into (new per run), and where the package came from (a packed version in the NuGet cache, or nbrnn's
        /// own build).
        /// </summary>
        public Output Normalised() => this with { Forms = Forms.ToDictionary(f => f.Key, f => Normalise(f.Value)) };

        /// <summary>Whether the output's text reports times or speeds, which differ from run to run.</summary>
        public bool HoldsTiming => Forms.Values.Any(text => Timing().IsMatch(text));

        private static string Normalise(string text)
        {
            text = ElementId().Replace(text, "nbrnn-ID");
            text = ExtensionPath().Replace(text, "Loading extensions from `NotebookRnn.Extension.dll`");
            return Package().Replace(text, "${name}, VERSION");
        }

        [GeneratedRegex("nbrnn-[0-9a-f]{32}")]
        private static partial Regex ElementId();

        [GeneratedRegex(@"(?<name>NotebookRnn), [0-9][0-9.]*")]
        private static partial Regex Package();

        [GeneratedRegex(@"Loading extensions from `[^`]*NotebookRnn\.Extension\.dll`")]
        private static partial Regex ExtensionPath();

        [GeneratedRegex(@"\d(\.\d+)?\s?s\b|samples/s|\(s\)|wall time|Wall time|\d ms\b", RegexOptions.IgnoreCase)]
        private static partial Regex Timing();
    }
}
