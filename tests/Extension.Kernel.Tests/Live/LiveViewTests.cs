using Microsoft.DotNet.Interactive.Events;
using NotebookRnn.Notebook.Kernel.Tests.Hosting;
using NotebookRnn.Notebook.Kernel.Tests.Magics;

namespace NotebookRnn.Notebook.Kernel.Tests.Live;

/// <summary>
/// The live training view: while <c>#!rnn-live</c> is on, a cell that fits a model declared in an earlier cell shows
/// one output that is updated in place.
/// </summary>
[Collection(KernelTests.Name)]
public sealed class LiveViewTests(Kernels kernels)
{
    /// <summary>A cell declaring a small LSTM regression model and its data: 16 samples of 5 steps.</summary>
    public const string SmallModel = """
        var model = new Sequential(seed: 1);
        model.Add(new LSTM(4, inputShape: [5, 2]));
        model.Add(new Dense(1));
        model.Compile("sgd", "mse");
        var x = new Tensor(Enumerable.Range(0, 16 * 5 * 2).Select(i => (float)Math.Sin(i)).ToArray(), 16, 5, 2);
        var y = new Tensor(Enumerable.Range(0, 16).Select(i => (float)Math.Cos(i)).ToArray(), 16, 1);
        """;

    /// <summary>A cell that fits the model of <see cref="SmallModel"/>: 3 epochs of 4 batches.</summary>
    public const string Fit = "var history = model.Fit(x, y, batchSize: 4, epochs: 3, verbose: 0);";

    private static readonly string[] HistoryMimeTypes = ["text/html", "image/svg+xml", "text/plain"];

    [Fact]
    public async Task A_fit_shows_one_output_whose_updates_end_with_the_history_view()
    {
        // The setting belongs to the session: this one's own.
        using NotebookSession session = await NotebookSession.StartAsync(kernels.Package);
        await session.ShowAsync("#!rnn-live on");
        await session.RunSucceedingAsync(SmallModel);
        Cell fit = await session.RunSucceedingAsync(Fit);
        DisplayedValueProduced shown = fit.Display;
        Assert.NotEmpty(fit.Updates);
        Assert.All(fit.Updates, update => Assert.Equal(shown.ValueId, update.ValueId));
        Assert.All(fit.Updates.Cast<DisplayEvent>().Prepend(shown), frame => Assert.Equal(HistoryMimeTypes, frame.MimeTypes()));
        Assert.StartsWith("Training started: 3 epochs, batch size 4, on cpu:0", shown.PlainText());
        DisplayedValueUpdated last = fit.Updates[^1];
        Assert.Equal(await session.EvaluateAsync<string>("history.ToString()"), last.PlainText());
        last.AssertIsView(await session.EvaluateAsync<(string, string)[]>("""
            NotebookRnn.Notebook.Renderers.Render(history).MimeTypes.Select(m => (m, NotebookRnn.Notebook.Renderers.Render(history)[m])).ToArray()
            """));
    }

    [Fact]
    public async Task The_live_view_is_off_until_a_cell_turns_it_on()
    {
        await kernels.Shared.RunSucceedingAsync(SmallModel);
        Cell fit = await kernels.Shared.RunSucceedingAsync(Fit);
        Assert.Empty(fit.Displays);
        Assert.Empty(fit.Updates);
    }
}
