using Microsoft.Playwright;

namespace NotebookRnn.Jupyter.Tests;

/// <summary>
/// Opens a page nbconvert made from an executed notebook in Chromium, as a reader online would: the CDN addresses of
/// plotly.js and require.js are served from the npm copies (this machine is offline), every other request off the
/// machine fails. Counts the charts and diagrams, waits for the charts to draw, and records JavaScript errors.
/// </summary>
internal static class JupyterPage
{
    /// <summary>What the page showed.</summary>
    public sealed record Result(int Charts, int ChartsDrawn, int Diagrams, int DiagramsShown, IReadOnlyList<string> Errors);

    public static async Task<Result> OpenAsync(IBrowser browser, string htmlFile, string name)
    {
        IPage page = await browser.NewPageAsync(new BrowserNewPageOptions { ViewportSize = new ViewportSize { Width = 1280, Height = 900 } });
        var errors = new List<string>();
        page.PageError += (_, error) => errors.Add("page error: " + error);
        page.Console += (_, message) =>
        {
            // A request that fails offline (the kernel's probe of its own web server, MathJax, fonts) logs a console
            // error too; it is not a script error, and whether the charts drew is checked on its own.
            if (message.Type == "error" && !message.Text.StartsWith("Failed to load resource", StringComparison.Ordinal))
                errors.Add("console error: " + message.Text);
        };
        await page.RouteAsync("**/*", async route =>
        {
            string url = route.Request.Url;
            if (url.StartsWith("file:", StringComparison.Ordinal) || url.StartsWith("data:", StringComparison.Ordinal)) await route.ContinueAsync();
            else if (url.StartsWith("https://cdn.plot.ly/plotly-", StringComparison.Ordinal))
                await route.FulfillAsync(new RouteFulfillOptions { Path = Path.Combine(TestPaths.NodeModules, "plotly.js-dist-min", "plotly.min.js"), ContentType = "text/javascript" });
            else if (url.Contains("/require.js/", StringComparison.Ordinal) || url.EndsWith("/require.min.js", StringComparison.Ordinal))
                await route.FulfillAsync(new RouteFulfillOptions { Path = Path.Combine(TestPaths.NodeModules, "requirejs", "require.js"), ContentType = "text/javascript" });
            else await route.AbortAsync();
        });
        try
        {
            await page.GotoAsync(new Uri(htmlFile).AbsoluteUri, new PageGotoOptions { WaitUntil = WaitUntilState.Load });
            int charts = await page.EvaluateAsync<int>("() => document.querySelectorAll('.nbrnn-plotly').length");
            // A page of 04-text-generation draws a dozen charts; on a machine busy with builds that took over a minute
            // (CI run of stop 23), so the wait is generous: a chart that never draws still fails.
            try
            {
                await page.WaitForFunctionAsync(
                    "n => document.querySelectorAll('.nbrnn-plotly.js-plotly-plot').length === n && " +
                    "Array.from(document.querySelectorAll('.nbrnn-fallback')).every(f => f.style.display === 'none')",
                    charts, new PageWaitForFunctionOptions { Timeout = 180_000 });
            }
            catch (TimeoutException)
            {
                errors.Add("the charts did not all draw within 180 s");
            }
            int drawn = await page.EvaluateAsync<int>(
                "() => Array.from(document.querySelectorAll('.nbrnn-plotly.js-plotly-plot'))" +
                ".filter(plot => plot.data.length > 0 && plot.querySelector('.cartesianlayer g.trace, .cartesianlayer g.hm')).length");
            int[] diagrams = await page.EvaluateAsync<int[]>(
                "() => Array.from(document.querySelectorAll('.nbrnn-diagram > svg'))" +
                ".map(svg => svg.getBoundingClientRect()).map(box => box.width > 0 && box.height > 0 ? 1 : 0)");
            string screenshots = Path.Combine(TestPaths.RepositoryRoot, "out", "screenshots");
            Directory.CreateDirectory(screenshots);
            await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(screenshots, $"jupyter-{name}.png"), FullPage = true });
            return new Result(charts, drawn, diagrams.Length, diagrams.Sum(), errors);
        }
        finally
        {
            await page.CloseAsync();
        }
    }
}
