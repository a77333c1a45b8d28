using NotebookRnn.Notebook.Kernel.Tests.Hosting;

namespace NotebookRnn.Notebook.Kernel.Tests.Magics;

[Collection(KernelTests.Name)]
public class GraphMagicTests(Kernels kernels)
{
    private NotebookSession Session => kernels.Shared;

    [Fact]
    public async Task A_seq2seq_model_draws_its_calls_masks_and_state_handover()
    {
        await Session.RunSucceedingAsync("var seq2seq = Seq2Seq();");
        var output = await Session.ShowAsync("#!rnn-graph seq2seq");
        Assert.Equal(["text/html", "image/svg+xml", "text/plain"], output.MimeTypes());
        // The model's own view shows the same drawing below its summary.
        Assert.Contains(output.Svg(), await Session.EvaluateAsync<string>("Renderers.Render(seq2seq).Html"));
        string svg = output.Svg();
        Assert.Equal(7, Count(svg, "<g class=\"nbrnn-graph-call"));
        Assert.Equal(3, Count(svg, "<g class=\"nbrnn-graph-edge nbrnn-edge-mask\""));
        Assert.Equal(2, Count(svg, "<g class=\"nbrnn-graph-edge nbrnn-edge-state\""));
        Assert.Contains("class=\"nbrnn-state-label\"", svg);
        Assert.StartsWith("Model graph: \"seq2seq\"\n7 calls (2 inputs), 7 edges: 3 with a mask, 2 handing a recurrent state over.", output.PlainText());
    }

    [Fact]
    public async Task A_sequential_model_draws_its_chain()
    {
        await Session.RunSucceedingAsync("var model = MaskedModel();");
        var output = await Session.ShowAsync("#!rnn-graph model");
        Assert.Equal(4, Count(output.Svg(), "<g class=\"nbrnn-graph-call"));
        Assert.Equal(1, Count(output.Svg(), "nbrnn-edge-mask\""));
    }

    [Theory]
    [InlineData("#!rnn-graph nope", "unknown variable 'nope'")]
    [InlineData("#!rnn-graph layer", "'layer' is a Dense, expected a model")]
    [InlineData("#!rnn-graph nothing", "variable 'nothing' is null")]
    [InlineData("#!rnn-graph", "<modelVariable> is missing")]
    public async Task Errors_name_the_problem_and_end_with_the_usage(string line, string problem)
    {
        await Session.RunSucceedingAsync("var layer = new Dense(2); object nothing = null;");
        await Session.FailAsync(line, problem, Usage.Graph);
    }

    private static int Count(string text, string part) => (text.Length - text.Replace(part, "").Length) / part.Length;
}
