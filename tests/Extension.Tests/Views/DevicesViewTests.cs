using NotebookRnn.Notebook.Views;

namespace NotebookRnn.Notebook.Tests.Views;

public class DevicesViewTests
{
    [Fact]
    public void Every_device_is_a_row_and_requested_ones_are_marked()
    {
        MimeBundle bundle = DevicesView.Render(["cpu:0", "cpu:1", "cpu:2"], ["cpu:1", "cpu:2"]);
        string[] lines = bundle.PlainText!.Split('\n');
        Assert.Equal("Devices: 3 devices", lines[0]);
        Assert.Equal("cpu:0   CPU worker thread", lines[2]);
        Assert.Equal("cpu:1   CPU worker thread  yes", lines[3]);
        Assert.Contains("Requested for training: cpu:1, cpu:2 (NotebookSettings.Devices).", bundle.PlainText);
        Assert.Equal(3 + 1, Fixtures.Count(bundle.Html!, "<tr>"));
    }

    [Fact]
    public void Without_a_request_the_note_says_how_to_make_one()
    {
        Assert.Contains("Request some with #!rnn-devices --use cpu:0,cpu:1.", DevicesView.Render(["cpu:0"], null).PlainText);
    }

    [Fact]
    public void Devices_view_text() => Approvals.Verify(DevicesView.Render(["cpu:0", "cpu:1"], ["cpu:1"]).PlainText!, "txt");
}
