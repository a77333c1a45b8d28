using NotebookRnn.Models;

namespace NotebookRnn.Notebook.Tests.Views;

public class FunctionalSummaryViewTests
{
    private static string[] TextRow(MimeBundle bundle, string layer) =>
        bundle.PlainText!.Split('\n').Single(l => l.StartsWith(layer + " (", StringComparison.Ordinal))
            .Split("  ", StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    [Fact]
    public void Masks_follow_the_graph_and_each_row_says_what_it_is_connected_to()
    {
        MimeBundle bundle = Renderers.Render(GraphFixtures.Seq2Seq(), Fixtures.Options())!;
        Assert.Equal(["encoder (LSTM)", "(None, 3), (None, 3), (None, 3)", "96", "yes", "—", "loop, packed", "any", "not run yet",
                      "encoder_embedding[0][0]"], TextRow(bundle, "encoder"));
        Assert.Equal(["decoder (LSTM)", "(None, None, 3)", "108", "yes", "yes", "loop, packed", "any", "not run yet",
                      "decoder_masking[0][0], encoder[0][1], encoder[0][2]"], TextRow(bundle, "decoder"));
        Assert.Equal(["encoder_tokens (InputLayer)", "(None, None)", "0", "—", "—", "—", "—", "—", "—"], TextRow(bundle, "encoder_tokens"));
    }

    [Fact]
    public void A_functional_summary_on_its_own_does_not_guess_the_masks()
    {
        MimeBundle bundle = Renderers.Render(GraphFixtures.Seq2Seq().Summary(), Fixtures.Options())!;
        Assert.Equal(["?", "?"], TextRow(bundle, "decoder")[3..5]);
        Assert.Contains("Masks in and out follow the model's graph", bundle.PlainText);
    }
}
