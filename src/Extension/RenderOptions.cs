namespace NotebookRnn.Notebook;

/// <summary>How views are rendered: where plotly.js comes from, how element ids are made, how much of a long unroll is drawn.</summary>
public sealed record RenderOptions
{
    /// <summary>The plotly.js version the default source pins; the browser tests use the same version from npm.</summary>
    public const string PlotlyVersion = "2.35.2";

    /// <summary>The default plotly.js source: the pinned version from plotly's CDN, as Plotly.NET.Interactive loads it.</summary>
    public const string DefaultPlotlySource = "https://cdn.plot.ly/plotly-" + PlotlyVersion + ".min.js";

    /// <summary>
    /// The default require.js source: the version and CDN address the .NET Interactive kernel itself loads it from
    /// into a notebook page that has none.
    /// </summary>
    public const string DefaultRequireSource = "https://cdnjs.cloudflare.com/ajax/libs/require.js/2.3.6/require.min.js";

    /// <summary>Options with the defaults: the CDN sources, GUID-based ids, 24 unroll cells, sample 0.</summary>
    public static RenderOptions Default { get; } = new();

    /// <summary>
    /// URL of plotly.js (ending in <c>.js</c>), loaded with require.js as the AMD module <c>plotly</c> from this path
    /// without <c>.js</c>, unless the page has <c>window.Plotly</c> already (an embedded copy). Point it at a local copy
    /// for offline pages and tests. Default <see cref="DefaultPlotlySource"/>.
    /// </summary>
    public string PlotlySource { get; init; } = DefaultPlotlySource;

    /// <summary>
    /// URL of require.js, loaded once per page when a chart needs plotly.js and the page has no require.js yet.
    /// Default <see cref="DefaultRequireSource"/>.
    /// </summary>
    public string RequireSource { get; init; } = DefaultRequireSource;

    /// <summary>
    /// Makes the id of each chart's element; must be unique within a page, so that a re-run cell never draws into
    /// an older output. Default <c>nbrnn-</c> + a new GUID. Tests inject a counter for stable approval files.
    /// </summary>
    public Func<string> NewElementId { get; init; } = () => "nbrnn-" + Guid.NewGuid().ToString("N");

    /// <summary>
    /// Most step cells an unroll graph draws; longer sequences show the first and last steps and the count hidden
    /// between. A cap, not a promise: the SVG draws fewer (8 to 13 a row) when more would make it too wide for its text
    /// to stay 10 px tall where a notebook shrinks it to its output area (<c>Charts.Legibility</c>); the text form
    /// shows up to this many. Default 24.
    /// </summary>
    public int MaxUnrollSteps { get; init; } = 24;

    /// <summary>The batch row (in batch order) an unroll graph follows. Default 0.</summary>
    public int UnrollSample { get; init; }

    /// <summary>Options whose ids count up from 1 (<c>{prefix}-1</c>, <c>{prefix}-2</c>, …): deterministic output.</summary>
    public static RenderOptions WithCountingIds(string prefix = "nbrnn-test")
    {
        int next = 0;
        return new RenderOptions { NewElementId = () => $"{prefix}-{Interlocked.Increment(ref next)}" };
    }
}
