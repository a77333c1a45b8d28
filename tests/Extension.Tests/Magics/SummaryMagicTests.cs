namespace NotebookRnn.Notebook.Tests.Magics;

public class SummaryMagicTests
{
    [Fact]
    public void It_shows_the_summary_view_of_the_model()
    {
        Sequential model = Fixtures.MaskedModel();
        MimeBundle bundle = new MagicTestKit().With("model", model).Show("#!rnn-summary model");
        Assert.Equal(Renderers.Render(model, Fixtures.Options())!.PlainText, bundle.PlainText);
    }

    [Fact]
    public void A_model_summary_value_works_too()
    {
        Assert.StartsWith("Model: \"masked\"", new MagicTestKit().With("s", Fixtures.MaskedModel().Summary()).Show("#!rnn-summary s").PlainText);
    }

    [Theory]
    [InlineData("#!rnn-summary nope", "unknown variable 'nope'")]
    [InlineData("#!rnn-summary layer", "'layer' is a Dense, expected a Sequential model")]
    [InlineData("#!rnn-summary", "<model> is missing")]
    [InlineData("#!rnn-summary a b", "unexpected argument 'b'")]
    public void Errors_name_the_problem(string line, string problem) =>
        Assert.Equal($"#!rnn-summary: {problem}. Usage: #!rnn-summary <modelVariable>", new MagicTestKit().With("layer", new Dense(2)).Fail(line));
}
