using NotebookRnn.Tensors;

namespace NotebookRnn.Notebook.Tests.Views;

public class TensorViewTests
{
    [Fact]
    public void A_matrix_preview_shows_its_values_and_range()
    {
        Tensor tensor = new float[,] { { 1, 2, 3 }, { 4, 5, 6.5f } };
        MimeBundle bundle = Renderers.Render(tensor, Fixtures.Options())!;
        Assert.Contains("<h3>Tensor (2, 3) float32</h3>", bundle.Html);
        Assert.Contains("<tr><td>1</td><td class=\"num\">4</td><td class=\"num\">5</td><td class=\"num\">6.5</td></tr>", bundle.Html);
        Assert.Contains("6 values: min 1, max 6.5, mean 3.5833", bundle.PlainText);
        Assert.StartsWith(tensor.ToString(), bundle.PlainText);
    }

    [Fact]
    public void A_large_tensor_previews_the_leading_corner_of_its_first_slice()
    {
        var tensor = new Tensor(2, 20, 30);
        string html = Renderers.Render(tensor, Fixtures.Options())!.Html!;
        Assert.Contains("Preview [0, :, :] of 8 × 8 values (of 20 × 30).", html);
        Assert.Equal(1 + 8, Fixtures.Count(html, "<tr>"));
    }

    [Fact]
    public void An_empty_tensor_has_no_statistics()
    {
        Assert.Contains("0 values.", Renderers.Render(new Tensor(0, 3), Fixtures.Options())!.PlainText);
    }

    [Fact]
    public void Tensor_view_html() => Approvals.Verify(Renderers.Render(Tensor.FromArray(new float[,] { { 0.5f, -1 }, { 2, 0.25f } }), Fixtures.Options())!.Html!, "html");
}
