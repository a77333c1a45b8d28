using Microsoft.DotNet.Interactive.Documents;
using Microsoft.Playwright;
using NotebookRnn.Cli.Tests.TeachingNotebooks;

namespace NotebookRnn.Jupyter.Tests;

/// <summary>
/// The teaching notebooks in Jupyter with the real kernel, as a user runs them: they execute without an error or a
/// diagnostic, load this build's package, their nbconvert pages draw every chart in Chromium, and they say the same
/// as nbrnn's run of them — the same conclusions, and for 02-unroll the same outputs, cell by cell. A verdict read from
/// timings changes from run to run: notebooks print it as "On this machine: …", never as a conclusion.
/// </summary>
[Collection(NotebookRunsCollection.Name)]
[Trait("Category", "Jupyter")]
public class JupyterNotebooksTests(NotebookRuns runs, ChromiumFixture chromium) : IClassFixture<ChromiumFixture>
{
    public static TheoryData<string> Notebooks => [.. NotebookRuns.Names];

    [Theory]
    [MemberData(nameof(Notebooks))]
    public void The_notebook_runs_in_Jupyter_with_this_builds_package_and_no_error_or_diagnostic(string name)
    {
        Command execution = runs.Executions[name];
        Assert.True(execution.ExitCode == 0, execution.ToString());
        string path = Path.Combine(runs.JupyterFolder, name + ".ipynb");
        NotebookRnn.Cli.Tests.Nbformat.AssertValid(path);
        var notebook = ExecutedNotebook.Read(path);
        Assert.All(notebook.CodeCells, cell => Assert.True(cell.ExecutionOrder > 0, $"a cell of {name} did not run"));
        Assert.DoesNotContain(notebook.Outputs, o => o is ErrorElement);
        Assert.DoesNotContain(notebook.Outputs, o => o is TextElement { Name: "stderr" });
        Assert.DoesNotContain(notebook.Outputs.Select(ExecutedNotebook.Output.Of).SelectMany(o => o.Forms.Values),
            text => text.Contains("warning CS", StringComparison.Ordinal) || text.Contains("error CS", StringComparison.Ordinal)
                    || text.Contains("error DNI", StringComparison.Ordinal));
        string loaded = $"/notebookrnn/{runs.PackedVersion}/interactive-extensions/dotnet/NotebookRnn.Extension.dll`";
        Assert.Contains(ExecutedNotebook.Visible(notebook.CodeCells[0]).SelectMany(o => o.Forms.Values), text => text.EndsWith(loaded, StringComparison.Ordinal));
    }

    [Theory]
    [MemberData(nameof(Notebooks))]
    public async Task Its_nbconvert_page_loads_in_Chromium_without_a_JavaScript_error_and_draws_every_chart(string name)
    {
        Assert.True(runs.Pages.TryGetValue(name, out Command? page) && page.ExitCode == 0, page?.ToString() ?? $"{name} did not execute");
        var result = await JupyterPage.OpenAsync(chromium.Browser, Path.Combine(runs.JupyterFolder, name + ".html"), name);
        Assert.True(result.Errors.Count == 0, string.Join("\n", result.Errors));
        Assert.True(result.Charts > 0, $"{name}'s page has no chart");
        Assert.Equal(result.Charts, result.ChartsDrawn);
        Assert.Equal(result.Diagrams, result.DiagramsShown);
    }

    [Theory]
    [MemberData(nameof(Notebooks))]
    public void Jupyter_and_nbrnn_state_the_same_conclusions(string name)
    {
        Assert.True(runs.Nbrnn.ExitCode == 0, runs.Nbrnn.ToString());
        Assert.True(runs.Executions[name].ExitCode == 0, runs.Executions[name].ToString());
        var jupyter = ExecutedNotebook.Read(Path.Combine(runs.JupyterFolder, name + ".ipynb")).Conclusions;
        var nbrnn = ExecutedNotebook.Read(Path.Combine(runs.NbrnnFolder, name + ".ipynb")).Conclusions;
        Assert.NotEmpty(jupyter);
        Assert.Equal(jupyter, nbrnn);
    }

    [Theory]
    [MemberData(nameof(Notebooks))]
    public void A_verdict_read_from_timings_is_never_stated_as_a_conclusion(string name)
    {
        var notebook = ExecutedNotebook.Read(Path.Combine(runs.JupyterFolder, name + ".ipynb"));
        foreach (string conclusion in notebook.Conclusions)
            Assert.False(ReadsTimings(conclusion),
                $"{name} concludes from timings, which change from run to run: \"{conclusion}\"; print it as \"On this machine: …\"");
        var nbrnn = ExecutedNotebook.Read(Path.Combine(runs.NbrnnFolder, name + ".ipynb"));
        Assert.Equal(notebook.TimingVerdicts.Count, nbrnn.TimingVerdicts.Count);
    }

    private static bool ReadsTimings(string line) =>
        new ExecutedNotebook.Output("stream:stdout", new Dictionary<string, string> { ["text/plain"] = line }).HoldsTiming
        || System.Text.RegularExpressions.Regex.IsMatch(line, @"\b(fast|faster|fastest|slow|slower|slowest|time|speed|speed-up)\b", System.Text.RegularExpressions.RegexOptions.IgnoreCase);

    [Fact]
    public void Jupyter_and_nbrnn_give_the_same_outputs_cell_by_cell()
    {
        const string name = "02-unroll";
        Assert.True(runs.Nbrnn.ExitCode == 0, runs.Nbrnn.ToString());
        var jupyter = ExecutedNotebook.Read(Path.Combine(runs.JupyterFolder, name + ".ipynb"));
        var nbrnn = ExecutedNotebook.Read(Path.Combine(runs.NbrnnFolder, name + ".ipynb"));
        Assert.Equal(jupyter.CodeCells.Count, nbrnn.CodeCells.Count);
        int compared = 0;
        for (int c = 0; c < jupyter.CodeCells.Count; c++)
        {
            var expected = ExecutedNotebook.Visible(jupyter.CodeCells[c]);
            var actual = ExecutedNotebook.Visible(nbrnn.CodeCells[c]);
            Assert.True(expected.Count == actual.Count, $"code cell {c + 1}: Jupyter shows {expected.Count} outputs, nbrnn {actual.Count}");
            for (int o = 0; o < expected.Count; o++)
            {
                string where = $"code cell {c + 1}, output {o + 1}";
                Assert.Equal((where, expected[o].Type, string.Join(", ", expected[o].Forms.Keys.Order())),
                             (where, actual[o].Type, string.Join(", ", actual[o].Forms.Keys.Order())));
                if (expected[o].HoldsTiming || actual[o].HoldsTiming) continue;
                var (left, right) = (expected[o].Normalised(), actual[o].Normalised());
                foreach (string mime in left.Forms.Keys) Assert.Equal((where, mime, left.Forms[mime]), (where, mime, right.Forms[mime]));
                compared++;
            }
        }
        Assert.True(compared >= 10, $"only {compared} outputs hold no timing");
    }

    [Theory]
    [InlineData("jupyter")]
    [InlineData("nbrnn")]
    public void The_backends_notebook_trains_to_the_same_weights_on_libtorch_as_on_the_managed_engine(string run)
    {
        const string name = "06-backends";
        string folder = run == "jupyter" ? runs.JupyterFolder : runs.NbrnnFolder;
        Command command = run == "jupyter" ? runs.Executions[name] : runs.Nbrnn;
        Assert.True(command.ExitCode == 0, command.ToString());
        var notebook = ExecutedNotebook.Read(Path.Combine(folder, name + ".ipynb"));
        var lines = notebook.Outputs.OfType<TextElement>().Where(t => t.Name == "stdout").SelectMany(t => t.Text.Split('\n')).ToList();
        double Printed(string label) =>
            double.Parse(Assert.Single(lines, l => l.StartsWith(label, StringComparison.Ordinal))[label.Length..], System.Globalization.CultureInfo.InvariantCulture);
        Assert.Equal(0, Printed("max |Δweight| before training: "));
        Assert.InRange(Printed("max |Δweight| after training: "), 0, 1e-4);
        Assert.InRange(Printed("max |Δloss| over the epochs: "), 0, 1e-4);
        Assert.InRange(Printed("max |Δprediction| after training: "), 0, 1e-4);
        Assert.Contains("libtorch devices: cpu:0", lines);
        Assert.Contains(lines, l => l.StartsWith("Device cuda:0 is not available to libtorch here; the devices are cpu:0.", StringComparison.Ordinal)
                                    && l.Contains("TorchSharp-cuda-linux", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith("Conclusion: from the same weights, both backends train to the same", StringComparison.Ordinal));
    }

    [Fact]
    public void The_live_view_ends_in_Jupyter_as_the_view_of_the_runs_history()
    {
        var notebook = ExecutedNotebook.Read(Path.Combine(runs.JupyterFolder, "04-text-generation.ipynb"));
        InteractiveDocumentElement training = notebook.CodeCells.Single(c => c.Contents.Contains("model.Fit(", StringComparison.Ordinal));
        var live = ExecutedNotebook.Visible(training).First(o => o.Type == "display_data");
        Assert.Equal(["image/svg+xml", "text/html", "text/plain"], live.Forms.Keys.Order());
        Assert.StartsWith("History: ", live.Forms["text/plain"]);
        Assert.Contains("nbrnn-history", live.Forms["text/html"]);
    }
}
