using NotebookRnn.Notebook.Charts;

namespace NotebookRnn.Notebook.Tests.Charts;

public class ChartHtmlTests
{
    private static Figure Chart() => new("f") { Traces = { new LineTrace("loss", "#1", [1, 2], [1, 0.5]) } };

    [Fact]
    public void Each_chart_gets_a_new_id_for_its_div_and_its_fallback()
    {
        var options = RenderOptions.WithCountingIds("t");
        string first = ChartHtml.Render(Chart(), options), second = ChartHtml.Render(Chart(), options);
        Assert.Contains("<div id=\"t-1\" class=\"nbrnn-plotly\">", first);
        Assert.Contains("<div id=\"t-1-fallback\" class=\"nbrnn-fallback\"><svg", first);
        Assert.Contains("<div id=\"t-2\" class=\"nbrnn-plotly\">", second);
    }

    [Fact]
    public void Default_ids_are_unique_guids()
    {
        string a = ChartHtml.Render(Chart(), RenderOptions.Default), b = ChartHtml.Render(Chart(), RenderOptions.Default);
        string Id(string html) => html.Split("var id = '")[1].Split('\'')[0];
        Assert.NotEqual(Id(a), Id(b));
        Assert.Matches("^nbrnn-[0-9a-f]{32}$", Id(a));
    }

    [Fact]
    public void Plotly_and_require_come_from_the_pinned_CDNs_by_default_and_from_any_source_when_set()
    {
        string cdn = ChartHtml.Render(Chart(), RenderOptions.Default);
        Assert.Contains("var amdPath = \"https://cdn.plot.ly/plotly-2.35.2.min\", " +
                        "requireSource = \"https://cdnjs.cloudflare.com/ajax/libs/require.js/2.3.6/require.min.js\"", cdn);
        string local = ChartHtml.Render(Chart(), RenderOptions.Default with
        {
            PlotlySource = "http://127.0.0.1:5000/plotly.min.js", RequireSource = "http://127.0.0.1:5000/require.js",
        });
        Assert.Contains("var amdPath = \"http://127.0.0.1:5000/plotly.min\", requireSource = \"http://127.0.0.1:5000/require.js\"", local);
    }

    [Fact]
    public void The_script_uses_an_embedded_plotly_else_requires_it_adding_requirejs_once_when_the_page_has_none()
    {
        string html = ChartHtml.Render(Chart(), RenderOptions.Default);
        Assert.Contains("if (window.Plotly) {\n    draw(window.Plotly);", html);
        Assert.Contains("typeof requirejs === 'function' && typeof requirejs.config === 'function'", html);
        Assert.Contains("requirejs.config({ context: 'notebookrnn-plotly', paths: { plotly: amdPath } })", html);
        Assert.Contains("window.notebookRnnRequireWaiting.push(viaRequire)", html);
        Assert.Contains("script.setAttribute('src', requireSource)", html);
        Assert.DoesNotContain("setAttribute('src', amdPath", html);
        Assert.Contains("Plotly.newPlot(target, figure.data, figure.layout, figure.config)", html);
    }
}
