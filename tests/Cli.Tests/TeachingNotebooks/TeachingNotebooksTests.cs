using System.Text.RegularExpressions;
using Microsoft.Playwright;
using NotebookRnn.Cli.Export;
using Microsoft.DotNet.Interactive.Documents;
using NotebookRnn.Cli.Documents;

namespace NotebookRnn.Cli.Tests.TeachingNotebooks;

/// <summary>
/// Runs every notebook in notebooks/ through <c>nbrnn run</c> (in process, the command line's own code path) with
/// small parameters, and checks what a reader gets: no failing cell, an executed .ipynb that is valid nbformat 4, and
/// an HTML page that opens in headless Chromium without a JavaScript error, with every plotly chart drawn and every SVG
/// diagram shown; a screenshot of each page goes to out/screenshots/notebooks-&lt;name&gt;.png.
/// </summary>
/// <remarks>
/// Needs what CI has: ../shared/data beside the repository (04-text-generation.ipynb reads nietzsche.txt from it),
/// Chromium and the npm plotly.js (`bash scripts/setup-browser.sh`), and python3-nbformat. Without them these tests
/// fail and say what is missing; they never skip.
/// </remarks>
// Runs each teaching notebook at its default size and draws its page in Chromium: the slow stage.
[Trait("Category", "Slow")]
public class TeachingNotebooksTests(ChromiumFixture chromium) : IClassFixture<ChromiumFixture>
{
    /// <summary>Small parameters that keep each notebook to seconds, and the least it must draw with them.</summary>
    private static readonly Dictionary<string, (string[] Parameters, int MinimumPlots, int MinimumDiagrams)> Runs = new()
    {
        ["01-variable-length"] = (["samples=1500", "epochs=2"], 6, 0),
        ["02-unroll"] = (["samples=1000", "epochs=2", "timeSteps=30"], 3, 4),
        ["03-cpu-and-devices"] = (["samples=1500", "epochs=2"], 9, 0),
        ["04-text-generation"] = (["maxChars=30000", "epochs=2", "generate=60"], 3, 0),
        ["05-seq2seq"] = (["training=3000", "heldOut=300", "units=32", "epochs=3", "decayFrom=2", "attentionEpochs=2", "attentionDecayFrom=1"], 3, 2),
        ["06-backends"] = (["samples=640", "epochs=1", "timedBatches=2"], 1, 0),
    };

    // The notebooks restore into the repository's package folder, as in the README's main job (scripts/run-notebooks.sh):
    // 06 loads libtorch's shim from there. The kernel's restores are child processes, so the variable reaches them.
    private static readonly Lazy<Task<string>> NotebookPackages = new(PrepareNotebookPackagesAsync);

    public static TheoryData<string> Notebooks => [.. Runs.Keys];

    [Fact]
    public void Every_notebook_in_the_folder_is_run_here() =>
        Assert.Equal(Runs.Keys.Order(), Directory.GetFiles(TestPaths.Notebooks, "*.ipynb").Select(Path.GetFileNameWithoutExtension).Order());

    [Theory]
    [MemberData(nameof(Notebooks))]
    public async Task The_notebook_runs_headless_and_its_page_draws_every_chart(string name)
    {
        CheckPrerequisites();
        Environment.SetEnvironmentVariable("NUGET_PACKAGES", await NotebookPackages.Value);
        string output = TestPaths.OutputFolder("notebooks");
        var (parameters, minimumPlots, minimumDiagrams) = Runs[name];
        var log = new StringWriter();
        int exitCode = await Nbrnn.MainAsync(
            ["run", Path.Combine(TestPaths.Notebooks, name + ".ipynb"), "--out", output, .. parameters.SelectMany(p => new[] { "--param", p })],
            log, log, interactive: false);
        Assert.True(exitCode == 0, $"nbrnn run {name} exited with {exitCode}:\n{log}");

        string ipynb = Path.Combine(output, name + ".ipynb");
        Nbformat.AssertValid(ipynb);
        InteractiveDocument executed = NotebookFile.Read(ipynb);
        Assert.All(executed.Elements.Where(c => c.KernelName != "markdown"), cell => Assert.True(cell.ExecutionOrder > 0));
        Assert.DoesNotContain(executed.Elements.SelectMany(c => c.Outputs), o => o is ErrorElement);
        Assert.DoesNotContain(executed.Elements.SelectMany(c => c.Outputs), o => o is TextElement { Name: "stderr" });

        var (plots, diagrams) = ExpectedDrawings(executed);
        Assert.True(plots >= minimumPlots && diagrams >= minimumDiagrams,
            $"{name} drew {plots} plots and {diagrams} diagrams; expected at least {minimumPlots} and {minimumDiagrams}.");
        await CheckPageAsync(Path.Combine(output, name + ".html"), name, plots, diagrams);
    }

    /// <summary>Plotly charts and SVG diagrams in the forms the page shows (<see cref="HtmlPage.Richest"/>).</summary>
    private static (int Plots, int Diagrams) ExpectedDrawings(InteractiveDocument notebook)
    {
        int plots = 0, diagrams = 0;
        foreach (var output in notebook.Elements.SelectMany(c => c.Outputs))
        {
            if (output is not (DisplayElement or ReturnValueElement)) continue;
            string shown = HtmlPage.Richest(output is DisplayElement display ? display.Data : ((ReturnValueElement)output).Data);
            plots += Regex.Count(shown, "class=\"nbrnn-plotly\"");
            diagrams += Regex.Count(shown, "class=\"nbrnn-diagram\"") + (shown.StartsWith("<svg", StringComparison.Ordinal) ? 1 : 0);
        }
        return (plots, diagrams);
    }

    private async Task CheckPageAsync(string htmlFile, string name, int plots, int diagrams)
    {
        IPage page = await chromium.Browser.NewPageAsync(new BrowserNewPageOptions { ViewportSize = new ViewportSize { Width = 1200, Height = 900 } });
        var errors = new List<string>();
        page.PageError += (_, error) => errors.Add("page error: " + error);
        page.Console += (_, message) => { if (message.Type == "error") errors.Add("console error: " + message.Text); };
        page.RequestFailed += (_, request) => errors.Add($"request failed: {request.Url} {request.Failure}");
        try
        {
            await page.GotoAsync(new Uri(htmlFile).AbsoluteUri, new PageGotoOptions { WaitUntil = WaitUntilState.Load });
            await page.WaitForFunctionAsync(
                "n => document.querySelectorAll('.js-plotly-plot').length === n && " +
                "Array.from(document.querySelectorAll('.nbrnn-fallback')).every(f => f.style.display === 'none')",
                plots, new PageWaitForFunctionOptions { Timeout = 60_000 });
            int[] drawnDiagrams = await page.EvaluateAsync<int[]>(
                "() => Array.from(document.querySelectorAll('.nbrnn-diagram > svg, .output.display > svg'))" +
                ".map(svg => svg.getBoundingClientRect()).map(box => box.width > 0 && box.height > 0 ? 1 : 0)");
            string screenshots = Path.Combine(TestPaths.RepositoryRoot, "out", "screenshots");
            Directory.CreateDirectory(screenshots);
            await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(screenshots, $"notebooks-{name}.png"), FullPage = true });

            Assert.Empty(errors);
            Assert.Equal(diagrams, drawnDiagrams.Length);
            Assert.All(drawnDiagrams, drawn => Assert.Equal(1, drawn));
            Assert.Equal(plots, await page.EvaluateAsync<int>(
                "() => Array.from(document.querySelectorAll('.js-plotly-plot'))" +
                ".filter(plot => plot.data.length > 0 && plot.querySelector('.cartesianlayer g.trace, .cartesianlayer g.hm')).length"));
        }
        finally
        {
            await page.CloseAsync();
        }
    }

    private static async Task<string> PrepareNotebookPackagesAsync()
    {
        var start = new System.Diagnostics.ProcessStartInfo("bash", [Path.Combine(TestPaths.RepositoryRoot, "scripts", "notebook-packages.sh")])
        {
            RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = TestPaths.RepositoryRoot,
        };
        using var process = System.Diagnostics.Process.Start(start)!;
        Task<string> folder = process.StandardOutput.ReadToEndAsync(), log = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0) throw new InvalidOperationException($"scripts/notebook-packages.sh exited with {process.ExitCode}:\n{await log}");
        return (await folder).Trim();
    }

    private static void CheckPrerequisites()
    {
        string corpus = Path.Combine(TestPaths.SharedData, "nietzsche.txt");
        if (!File.Exists(corpus))
            throw new InvalidOperationException($"The teaching notebooks need {corpus}: CI keeps shared/data beside the repository.");
        string plotly = Path.Combine(TestPaths.RepositoryRoot, PlotlyLocator.NpmCopy);
        if (!File.Exists(plotly))
            throw new InvalidOperationException($"The notebook pages embed {plotly}: run `bash scripts/setup-browser.sh` from the repository root.");
    }
}
