using System.Text;

namespace NotebookRnn.Notebook.Charts;

/// <summary>
/// The HTML of one interactive chart, in the way Plotly.NET.Interactive loads plotly.js: a div with a unique id, the
/// static SVG as fallback beside it (shown until plotly has drawn, and for good where scripts do not run), and a
/// script that draws the figure with plotly.js. An embedded plotly.js (<c>window.Plotly</c>) is used as it is;
/// otherwise plotly is required as an AMD module from its own require context, and a page without require.js gets it
/// once (every chart waiting for it is drawn when it arrives). plotly.js is never loaded by a plain script tag: its
/// UMD header registers an AMD module instead of <c>window.Plotly</c> whenever require.js has arrived meanwhile, which
/// the kernel's own page script can make happen at any time. A re-run cell gets new ids, so it never draws into an
/// older output.
/// </summary>
internal static class ChartHtml
{
    /// <summary>The chart's HTML: plot div, fallback SVG and drawing script.</summary>
    public static string Render(Figure figure, RenderOptions options)
    {
        string id = options.NewElementId();
        string source = options.PlotlySource;
        string amdPath = source.EndsWith(".js", StringComparison.Ordinal) ? source[..^3] : source;
        var html = new StringBuilder();
        html.Append("<div class=\"nbrnn-chart\">\n");
        html.Append("<div id=\"").Append(id).Append("\" class=\"nbrnn-plotly\"></div>\n");
        html.Append("<div id=\"").Append(id).Append("-fallback\" class=\"nbrnn-fallback\">").Append(SvgChart.Render(figure)).Append("</div>\n");
        html.Append("<script type=\"text/javascript\">\n");
        html.Append("(function () {\n");
        html.Append("  var id = '").Append(id).Append("';\n");
        html.Append("  var figure = ").Append(PlotlyJson.Write(figure)).Append(";\n");
        html.Append("  var amdPath = ").Append(JsString(amdPath)).Append(", requireSource = ").Append(JsString(options.RequireSource)).Append(";\n");
        html.Append(Loader);
        html.Append("})();\n");
        html.Append("</script>\n");
        html.Append("</div>\n");
        return html.ToString();
    }

    // Draws when plotly is there; the fallback SVG is hidden only once the plot exists. A plotly.js that cannot load
    // leaves the fallback in place without an uncaught error.
    private const string Loader = """
          var draw = function (Plotly) {
            var target = document.getElementById(id);
            if (!target) return;
            Plotly.newPlot(target, figure.data, figure.layout, figure.config).then(function () {
              var fallback = document.getElementById(id + '-fallback');
              if (fallback) fallback.style.display = 'none';
            });
          };
          var viaRequire = function () {
            var plotlyRequire = requirejs.config({ context: 'notebookrnn-plotly', paths: { plotly: amdPath } }) || require;
            plotlyRequire(['plotly'], draw, function () { });
          };
          if (window.Plotly) {
            draw(window.Plotly);
          } else if (typeof requirejs === 'function' && typeof requirejs.config === 'function') {
            viaRequire();
          } else if (window.notebookRnnRequireWaiting) {
            window.notebookRnnRequireWaiting.push(viaRequire);
          } else {
            var waiting = window.notebookRnnRequireWaiting = [viaRequire];
            var script = document.createElement('script');
            script.setAttribute('src', requireSource);
            script.onload = function () {
              window.notebookRnnRequireWaiting = null;
              waiting.forEach(function (callback) { callback(); });
            };
            script.onerror = function () { window.notebookRnnRequireWaiting = null; };
            document.getElementsByTagName('head')[0].appendChild(script);
          }

        """;

    private static string JsString(string value) => System.Text.Json.JsonSerializer.Serialize(value);
}
