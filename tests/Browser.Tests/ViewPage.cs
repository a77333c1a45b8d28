using System.Text.Json;
using Microsoft.Playwright;

namespace NotebookRnn.Notebook.Browser.Tests;

/// <summary>
/// A notebook-like page holding rendered outputs, opened in Chromium: collects every JavaScript error, waits for the
/// plotly charts, counts what was drawn and saves a screenshot to out/screenshots.
/// </summary>
internal sealed class ViewPage : IAsyncDisposable
{
    // Inserts an output the way notebook front ends do: set the HTML, then run its scripts.
    private const string ShowScript = """
        function showOutput(slot, html) {
          var target = document.getElementById(slot);
          target.innerHTML = html;
          target.querySelectorAll('script').forEach(function (old) {
            var script = document.createElement('script');
            script.text = old.text;
            old.parentNode.replaceChild(script, old);
          });
        }
        """;

    private readonly IPage _page;
    private readonly string _name;

    private ViewPage(IPage page, string name)
    {
        _page = page;
        _name = name;
    }

    /// <summary>JavaScript errors, failed requests and console errors seen so far.</summary>
    public List<string> Errors { get; } = [];

    public IPage Page => _page;

    /// <summary>
    /// Opens a page named <paramref name="name"/> whose body is <paramref name="outputHtml"/>, optionally with require.js
    /// loaded first, in a window <paramref name="windowWidth"/> px wide.
    /// </summary>
    public static async Task<ViewPage> OpenAsync(BrowserFixture fixture, string name, string outputHtml, bool withRequire = false, int slots = 0,
        int windowWidth = 1000)
    {
        string head = withRequire ? $"<script src=\"{fixture.RequireUrl}\"></script>" : "";
        string body = outputHtml + string.Concat(Enumerable.Range(1, slots).Select(i => $"<div id=\"slot{i}\" class=\"output\"></div>"));
        string html = $"<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"><link rel=\"icon\" href=\"data:,\"><title>{name}</title>{head}<script>{ShowScript}</script></head>" +
                      $"<body style=\"margin:8px;background:#fff\">\n{body}\n</body></html>";
        string url = fixture.Server.AddPage($"/pages/{name}.html", html);
        IPage page = await fixture.Browser.NewPageAsync(new BrowserNewPageOptions { ViewportSize = new ViewportSize { Width = windowWidth, Height = 800 } });
        var view = new ViewPage(page, name);
        page.PageError += (_, error) => view.Errors.Add("page error: " + error);
        page.Console += (_, message) => { if (message.Type == "error") view.Errors.Add("console error: " + message.Text); };
        page.RequestFailed += (_, request) => view.Errors.Add($"request failed: {request.Url} {request.Failure}");
        page.Response += (_, response) => { if (response.Status >= 400) view.Errors.Add($"HTTP {response.Status}: {response.Url}"); };
        await page.GotoAsync(url, new PageGotoOptions { WaitUntil = WaitUntilState.Load });
        return view;
    }

    /// <summary>Puts <paramref name="html"/> into slot <paramref name="slot"/> (replacing what was there) and runs its scripts.</summary>
    public Task ShowAsync(int slot, string html) => _page.EvaluateAsync("([slot, html]) => showOutput(slot, html)", new object[] { $"slot{slot}", html });

    /// <summary>Waits until exactly <paramref name="plots"/> plotly charts are drawn and every fallback SVG is hidden.</summary>
    /// <exception cref="TimeoutException">They are not drawn within 30 s; the message has the page's errors.</exception>
    public async Task WaitForPlotsAsync(int plots)
    {
        try
        {
            await _page.WaitForFunctionAsync(
                "n => document.querySelectorAll('.js-plotly-plot').length === n && " +
                "Array.from(document.querySelectorAll('.nbrnn-fallback')).every(f => f.style.display === 'none')",
                plots, new PageWaitForFunctionOptions { Timeout = 30_000 });
        }
        catch (TimeoutException timeout)
        {
            int drawn = await _page.EvaluateAsync<int>("() => document.querySelectorAll('.js-plotly-plot').length");
            throw new TimeoutException($"{drawn} of {plots} charts drawn in 30 s; errors: {string.Join("; ", Errors)}", timeout);
        }
    }

    /// <summary>For each drawn chart in page order: the traces plotly holds.</summary>
    public Task<int[]> TraceCountsAsync() =>
        _page.EvaluateAsync<int[]>("() => Array.from(document.querySelectorAll('.js-plotly-plot')).map(d => d.data.length)");

    /// <summary>For each drawn chart: the trace layers plotly drew in its SVG (scatter and bar traces, heatmaps).</summary>
    public Task<int[]> DrawnTraceLayersAsync() =>
        _page.EvaluateAsync<int[]>("() => Array.from(document.querySelectorAll('.js-plotly-plot')).map(d => d.querySelectorAll('.cartesianlayer g.trace, .cartesianlayer g.hm').length)");

    /// <summary>For each drawn chart: the bars plotly drew.</summary>
    public Task<int[]> DrawnBarsAsync() =>
        _page.EvaluateAsync<int[]>("() => Array.from(document.querySelectorAll('.js-plotly-plot')).map(d => d.querySelectorAll('.barlayer .point').length)");

    public Task<int> CountAsync(string selector) => _page.EvaluateAsync<int>("s => document.querySelectorAll(s).length", selector);

    public async Task<string[]> IdsAsync(string selector) =>
        await _page.EvaluateAsync<string[]>("s => Array.from(document.querySelectorAll(s)).map(e => e.id)", selector);

    public Task<JsonElement?> EvaluateAsync(string script) => _page.EvaluateAsync(script);

    /// <summary>Saves a full-page screenshot to out/screenshots/&lt;name&gt;.png.</summary>
    public Task ScreenshotAsync() =>
        _page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(BrowserFixture.ScreenshotFolder, _name + ".png"), FullPage = true });

    public async ValueTask DisposeAsync() => await _page.CloseAsync();
}
