using NotebookRnn.Notebook.Kernel.Tests.Hosting;
using NotebookRnn.Notebook.Kernel.Tests.Live;

namespace NotebookRnn.Notebook.Kernel.Tests.Magics;

/// <summary>
/// <c>#!rnn-live</c> in one session of its own: every test first turns the view the other way, so that what it checks
/// is the change its line makes.
/// </summary>
[Collection(KernelTests.Name)]
public class LiveMagicTests(ClassSession own) : IClassFixture<ClassSession>
{
    private NotebookSession Session => own.Session;

    [Theory]
    [InlineData("#!rnn-live", true)]
    [InlineData("#!rnn-live on", true)]
    [InlineData("#!rnn-live ON", true)]
    [InlineData("#!rnn-live --mode on", true)]
    [InlineData("#!rnn-live off", false)]
    [InlineData("#!rnn-live OFF", false)]
    [InlineData("#!rnn-live --mode off", false)]
    public async Task It_turns_the_live_view_of_later_fits_on_or_off(string line, bool on)
    {
        await Session.RunSucceedingAsync(on ? "#!rnn-live off" : "#!rnn-live on");
        var output = await Session.ShowAsync(line);
        Assert.Equal(["text/html", "text/plain"], output.MimeTypes());
        Assert.Equal(on
            ? "Live training view on: Fit in later cells shows progress and per-device curves, updated at most twice a second.\n"
            : "Live training view off.\n", output.PlainText());
        Assert.Contains("nbrnn-live-setting", output.Html());
        await Session.RunSucceedingAsync(LiveViewTests.SmallModel);
        Cell fit = await Session.RunSucceedingAsync(LiveViewTests.Fit);
        Assert.Equal(on ? 1 : 0, fit.Displays.Count);
    }

    [Theory]
    [InlineData("#!rnn-live maybe", "--mode must be on or off, got 'maybe'")]
    [InlineData("#!rnn-live --mode 1", "--mode must be on or off, got '1'")]
    public async Task Anything_but_on_or_off_is_an_error_and_changes_nothing(string line, string problem)
    {
        await Session.RunSucceedingAsync("#!rnn-live on");
        await Session.FailAsync(line, problem, Usage.Live);
        await Session.RunSucceedingAsync(LiveViewTests.SmallModel);
        Assert.Single((await Session.RunSucceedingAsync(LiveViewTests.Fit)).Displays);
    }
}
