using NotebookRnn.Notebook.Tests;
using NotebookRnn.Kernels;

namespace NotebookRnn.Notebook.Browser.Tests;

/// <summary>How outputs behave in a notebook page: outputs inserted and re-run like cells, and plotly.js unreachable.</summary>
[Collection(BrowserCollection.Name)]
public class NotebookBehaviourTests(BrowserFixture fixture)
{
    [Fact]
    public async Task Outputs_inserted_like_cells_and_a_re_run_cell_each_draw_into_their_own_divs()
    {
        PaddingView view = PaddingView.FromLengths(Fixtures.Lengths);
        await using ViewPage page = await ViewPage.OpenAsync(fixture, "rerun", "", slots: 2);
        await page.ShowAsync(1, Renderers.Render(view, fixture.Options)!.Html!);
        await page.ShowAsync(2, Renderers.Render(view, fixture.Options)!.Html!);
        await page.WaitForPlotsAsync(6);
        string[] before = await page.IdsAsync(".js-plotly-plot");
        await page.ShowAsync(1, Renderers.Render(Fixtures.TwoDeviceHistory(), fixture.Options)!.Html!);
        await page.WaitForPlotsAsync(6 + 3);
        await page.ScreenshotAsync();
        Assert.Empty(page.Errors);
        string[] after = await page.IdsAsync(".js-plotly-plot");
        Assert.Equal(after.Length, after.Distinct().Count());
        Assert.Equal(before[3..], after[6..]);
        Assert.Empty(before[..3].Intersect(after));
        Assert.Equal(new[] { 2, 2, 1, 2, 2, 4, 1, 3, 1 }, await page.TraceCountsAsync());
    }

    [Fact]
    public async Task Without_plotly_the_static_svg_stays_visible()
    {
        var offline = fixture.Options with { PlotlySource = fixture.Server.BaseUrl + "/missing/plotly.min.js" };
        await using ViewPage page = await ViewPage.OpenAsync(fixture, "offline-fallback", Renderers.Render(Fixtures.TwoDeviceHistory(), offline)!.Html!);
        await page.Page.WaitForFunctionAsync("() => window.notebookRnnRequireWaiting === null && typeof requirejs === 'function'");
        await page.Page.WaitForTimeoutAsync(500);
        await page.ScreenshotAsync();
        Assert.Contains(page.Errors, e => e.Contains("missing/plotly.min.js", StringComparison.Ordinal));
        Assert.All(page.Errors, e => Assert.True(e.Contains("missing/plotly.min.js", StringComparison.Ordinal) ||
            e.StartsWith("console error: Failed to load resource", StringComparison.Ordinal), e));
        Assert.Equal(0, await page.CountAsync(".js-plotly-plot"));
        Assert.Equal(6, await page.EvaluateAsync("() => Array.from(document.querySelectorAll('.nbrnn-fallback')).filter(f => f.offsetHeight > 0).length")
            .ContinueWith(t => t.Result!.Value.GetInt32()));
        Assert.Equal(6, await page.CountAsync(".nbrnn-fallback svg g.nbrnn-figure"));
    }

    [Fact]
    public async Task Require_js_arriving_after_a_chart_asked_for_plotly_does_not_stop_it_drawing()
    {
        // The kernel's page script adds require.js to a page that has none, at a moment of its own choosing: here it
        // arrives while the charts wait for the require.js they asked for themselves.
        await using ViewPage page = await ViewPage.OpenAsync(fixture, "require-race", "", slots: 1);
        await page.ShowAsync(1, Renderers.Render(Fixtures.TwoDeviceHistory(), fixture.Options)!.Html!);
        await page.Page.EvaluateAsync("url => { var s = document.createElement('script'); s.src = url; document.head.appendChild(s); }", fixture.RequireUrl);
        await page.WaitForPlotsAsync(6);
        Assert.Empty(page.Errors);
        Assert.Equal("undefined", (await page.EvaluateAsync("() => typeof window.Plotly"))!.Value.GetString());
    }

    [Fact]
    public void The_npm_plotly_is_the_version_the_CDN_link_pins()
    {
        string package = File.ReadAllText(Path.Combine(BrowserFixture.WebFolder, "plotly.js-dist-min", "package.json"));
        Assert.Contains($"\"version\": \"{RenderOptions.PlotlyVersion}\"", package);
    }
}
