using System.Reflection;
using Microsoft.Playwright;

namespace NotebookRnn.Notebook.Browser.Tests;

/// <summary>
/// One headless Debian Chromium (driven by Playwright, never a downloaded browser) and one loopback server with
/// plotly.js and require.js from npm, shared by the browser tests. Fails with the setup command when either is missing.
/// </summary>
public sealed class BrowserFixture : IAsyncLifetime
{
    public const string Chromium = "/usr/bin/chromium";

    private static readonly string[] ChromiumArguments =
        ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
         "--disable-component-update", "--disable-sync"];

    private IPlaywright? _playwright;

    public static string RepositoryRoot =>
        typeof(BrowserFixture).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == "RepositoryRoot").Value!;

    public static string WebFolder => Path.Combine(RepositoryRoot, "tests", "Browser.Tests", "web", "node_modules");

    public static string PlotlyFile => Path.Combine(WebFolder, "plotly.js-dist-min", "plotly.min.js");

    public static string RequireFile => Path.Combine(WebFolder, "requirejs", "require.js");

    public static string ScreenshotFolder => Path.Combine(RepositoryRoot, "out", "screenshots");

    public LocalServer Server { get; } = new();

    public IBrowser Browser { get; private set; } = null!;

    /// <summary>Rendering options whose plotly.js comes from the loopback server.</summary>
    public RenderOptions Options { get; private set; } = null!;

    public string RequireUrl { get; private set; } = "";

    public async Task InitializeAsync()
    {
        string[] missing = [.. new[] { Chromium, PlotlyFile, RequireFile }.Where(f => !File.Exists(f))];
        if (missing.Length > 0)
            throw new InvalidOperationException(
                $"The browser tests need {string.Join(" and ", missing)}: run `bash scripts/setup-browser.sh` from the repository root first.");
        RequireUrl = Server.Add("/npm/require.js", await File.ReadAllBytesAsync(RequireFile), "text/javascript");
        Options = RenderOptions.WithCountingIds("nbrnn-browser") with
        {
            PlotlySource = Server.Add("/npm/plotly.min.js", await File.ReadAllBytesAsync(PlotlyFile), "text/javascript"),
            RequireSource = RequireUrl,
        };
        Directory.CreateDirectory(ScreenshotFolder);
        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = Chromium,
            Headless = true,
            Args = ChromiumArguments,
        });
    }

    public async Task DisposeAsync()
    {
        if (Browser is not null) await Browser.DisposeAsync();
        _playwright?.Dispose();
        Server.Dispose();
    }
}

[CollectionDefinition(Name)]
public sealed class BrowserCollection : ICollectionFixture<BrowserFixture>
{
    public const string Name = "browser";
}
