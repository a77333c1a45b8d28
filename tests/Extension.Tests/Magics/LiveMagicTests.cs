namespace NotebookRnn.Notebook.Tests.Magics;

public class LiveMagicTests
{
    [Theory]
    [InlineData("#!rnn-live", true)]
    [InlineData("#!rnn-live on", true)]
    [InlineData("#!rnn-live OFF", false)]
    [InlineData("#!rnn-live --mode off", false)]
    public void It_turns_the_live_view_on_or_off(string line, bool on)
    {
        var kit = new MagicTestKit();
        kit.Settings.LiveTraining = !on;
        MimeBundle bundle = kit.Show(line);
        Assert.Equal(on, kit.Settings.LiveTraining);
        Assert.StartsWith(on ? "Live training view on" : "Live training view off", bundle.PlainText);
    }

    [Fact]
    public void Anything_but_on_or_off_is_an_error() =>
        Assert.Equal("#!rnn-live: --mode must be on or off, got 'maybe'. Usage: #!rnn-live [on|off]", new MagicTestKit().Fail("#!rnn-live maybe"));
}
