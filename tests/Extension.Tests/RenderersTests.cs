namespace NotebookRnn.Notebook.Tests;

public class RenderersTests
{
    [Fact]
    public void Every_rendered_type_gets_html_and_text_and_charts_also_svg()
    {
        LSTM lstm = Fixtures.LstmAfterBatch([3, 1], 3, Padding.Post);
        var cases = new (object Value, string[] Mimes)[]
        {
            (Fixtures.MaskedModel(), [MimeTypes.Html, MimeTypes.PlainText]),
            (Fixtures.MaskedModel().Summary(), [MimeTypes.Html, MimeTypes.PlainText]),
            (PaddingReport.Analyse(Fixtures.Lengths), [MimeTypes.Html, MimeTypes.Svg, MimeTypes.PlainText]),
            (PaddingView.FromLengths(Fixtures.Lengths), [MimeTypes.Html, MimeTypes.Svg, MimeTypes.PlainText]),
            (lstm, [MimeTypes.Html, MimeTypes.Svg, MimeTypes.PlainText]),
            (lstm.LastPlan!, [MimeTypes.Html, MimeTypes.Svg, MimeTypes.PlainText]),
            (Fixtures.TwoDeviceHistory(), [MimeTypes.Html, MimeTypes.Svg, MimeTypes.PlainText]),
            (new[] { Fixtures.TwoDeviceHistory() }, [MimeTypes.Html, MimeTypes.Svg, MimeTypes.PlainText]),
            (History.Compare(Fixtures.TwoDeviceHistory("a"), Fixtures.TwoDeviceHistory("b", 0.1)), [MimeTypes.Html, MimeTypes.Svg, MimeTypes.PlainText]),
            (new Tensor(2, 2), [MimeTypes.Html, MimeTypes.PlainText]),
        };
        foreach (var (value, mimes) in cases)
        {
            Assert.True(Renderers.RenderedTypes.Any(t => t.IsInstanceOfType(value)), value.GetType().Name);
            Assert.Equal(mimes, Renderers.Render(value, Fixtures.Options())!.MimeTypes);
        }
    }

    [Fact]
    public void Other_values_are_left_to_the_notebook()
    {
        Assert.Null(Renderers.Render("text"));
        Assert.Null(Renderers.Render(null));
        Assert.Null(Renderers.Render(new Dense(3)));
    }

    [Fact]
    public void A_bundle_keeps_its_order_and_refuses_a_second_form_of_a_type()
    {
        var bundle = new MimeBundle().Add(MimeTypes.PlainText, "a").Add(MimeTypes.Html, "<b>a</b>");
        Assert.Equal([MimeTypes.PlainText, MimeTypes.Html], bundle.MimeTypes);
        Assert.Throws<ArgumentException>(() => bundle.Add(MimeTypes.Html, "again"));
        Assert.Contains("has text/plain, text/html", Assert.Throws<KeyNotFoundException>(() => bundle[MimeTypes.Svg]).Message);
    }
}
