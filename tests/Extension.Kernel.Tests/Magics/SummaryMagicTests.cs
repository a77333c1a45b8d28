using NotebookRnn.Notebook.Kernel.Tests.Hosting;

namespace NotebookRnn.Notebook.Kernel.Tests.Magics;

[Collection(KernelTests.Name)]
public class SummaryMagicTests(Kernels kernels)
{
    private NotebookSession Session => kernels.Shared;

    [Fact]
    public async Task A_model_shows_its_summary_view()
    {
        await Session.RunSucceedingAsync("var model = MaskedModel();");
        var output = await Session.ShowAsync("#!rnn-summary model");
        Assert.Equal(["text/html", "text/plain"], output.MimeTypes());
        output.AssertIsView(await Session.EvaluateAsync<(string, string)[]>("ViewOf(model)"));
        Assert.StartsWith("Model: \"masked\"", output.PlainText());
    }

    [Fact]
    public async Task A_model_summary_value_shows_the_same_view()
    {
        await Session.RunSucceedingAsync("var summary = MaskedModel().Summary();");
        var output = await Session.ShowAsync("#!rnn-summary summary");
        output.AssertIsView(await Session.EvaluateAsync<(string, string)[]>("ViewOf(summary)"));
        Assert.StartsWith("Model: \"masked\"", output.PlainText());
    }

    [Fact]
    public async Task A_functional_model_shows_its_summary_with_the_graph_masks_then_its_graph()
    {
        await Session.RunSucceedingAsync("var seq2seq = Seq2Seq();");
        var output = await Session.ShowAsync("#!rnn-summary seq2seq");
        output.AssertIsView(await Session.EvaluateAsync<(string, string)[]>("ViewOf(seq2seq)"));
        Assert.StartsWith("Model: \"seq2seq\"", output.PlainText());
        Assert.Contains("Model graph: \"seq2seq\"", output.PlainText());
        Assert.Contains("<svg", output.Html());
    }

    [Theory]
    [InlineData("#!rnn-summary nope", "unknown variable 'nope'")]
    [InlineData("#!rnn-summary layer", "'layer' is a Dense, expected a model")]
    [InlineData("#!rnn-summary nothing", "variable 'nothing' is null")]
    [InlineData("#!rnn-summary", "<modelVariable> is missing")]
    [InlineData("#!rnn-summary --model", "<modelVariable> is missing")]
    public async Task Errors_name_the_problem_and_end_with_the_usage(string line, string problem)
    {
        await Session.RunSucceedingAsync("var layer = new Dense(2); object nothing = null;");
        await Session.FailAsync(line, problem, Usage.Summary);
    }
}
