using NotebookRnn.Notebook.Charts;

namespace NotebookRnn.Notebook.Tests.Charts;

public class LegibilityTests
{
    [Fact]
    public void A_diagram_may_be_1078_px_wide_so_that_11_px_text_shrunk_to_980_px_is_10_px_tall()
    {
        Assert.Equal(1078, Legibility.MaxWidth, 9);
        Assert.Equal(10, Legibility.SmallestFontSize * Legibility.OutputWidth / Legibility.MaxWidth, 9);
    }

    [Fact]
    public void Text_width_is_estimated_from_helvetica_advances_plus_15_percent_and_8_percent_more_bold()
    {
        Assert.Equal(10 * 0.56 * 11 * 1.15, Legibility.TextWidth("0123456789", 11), 9);
        Assert.Equal(10 * 0.56 * 11 * 1.15 * 1.08, Legibility.TextWidth("0123456789", 11, bold: true), 9);
        Assert.Equal((0.23 + 0.83 + 0.28 + 0.72) * 10 * 1.15, Legibility.TextWidth("im.w", 10), 9);
    }

    [Fact]
    public void Text_that_fits_is_kept_and_longer_text_is_cut_with_an_ellipsis_within_the_width()
    {
        Assert.Equal("lstm (LSTM)", Legibility.Fit("lstm (LSTM)", 11, 100));
        // 'x' is 0.5 em and '…' 1 em, both 15 % more: eight x (46 px) and the ellipsis (11.5 px) fit in 60 px, nine do not.
        string cut = Legibility.Fit(new string('x', 50), 10, 60);
        Assert.Equal("xxxxxxxx…", cut);
        Assert.InRange(Legibility.TextWidth(cut, 10), 0, 60);
    }
}
