using NotebookRnn.Persistence;

namespace NotebookRnn.Tests.Persistence;

public class FilePathTemplateTests
{
    private static readonly Dictionary<string, double> Logs = new() { ["epoch"] = 7, ["val_loss"] = 0.31415, ["loss"] = -2.5, ["acc"] = double.NaN };

    [Theory]
    [InlineData("model.nbrnn", "model.nbrnn")]
    [InlineData("ckpt/model-{epoch:02d}-{val_loss:.2f}.nbrnn", "ckpt/model-07-0.31.nbrnn")]
    [InlineData("{epoch}_{epoch:d}_{epoch:3d}_{epoch:03d}", "7_7_  7_007")]
    [InlineData("{val_loss}|{val_loss:.3e}|{val_loss:.0f}|{loss:08.3f}", "0.31415|3.142e-01|0|-002.500")]
    [InlineData("{{literal}}-{acc:.2f}", "{literal}-nan")]
    public void Placeholders_format_like_python(string template, string expected) =>
        Assert.Equal(expected, new FilePathTemplate(template, "filepath").Format(Logs));

    [Theory]
    [InlineData("model-{epoch", "without a closing")]
    [InlineData("model-}", "without an opening")]
    [InlineData("model-{}", "empty placeholder")]
    [InlineData("model-{loss:x}", "is not understood")]
    [InlineData("model-{epoch:.2d}", "is not understood")]
    public void Malformed_templates_are_rejected_at_once(string template, string message)
    {
        var error = Assert.Throws<ArgumentException>(() => new FilePathTemplate(template, "filepath"));
        Assert.Equal("filepath", error.ParamName);
        Assert.Contains(message, error.Message);
    }

    [Fact]
    public void A_missing_value_or_a_fraction_for_d_is_named()
    {
        var missing = Assert.Throws<KeyNotFoundException>(() => new FilePathTemplate("{val_acc}", "filepath").Format(Logs));
        Assert.Contains("{val_acc}", missing.Message);
        Assert.Contains("epoch, loss, val_loss", missing.Message);
        Assert.Throws<FormatException>(() => new FilePathTemplate("{val_loss:d}", "filepath").Format(Logs));
    }
}
