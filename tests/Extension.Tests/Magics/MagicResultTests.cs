using NotebookRnn.Notebook.Magics;

namespace NotebookRnn.Notebook.Tests.Magics;

/// <summary>Which failures of a handler become the magic's error, and which stay exceptions.</summary>
public class MagicResultTests
{
    private static readonly MagicInfo Magic = new("#!rnn-test", "#!rnn-test <variable>", "A test magic.", []);

    [Fact]
    public void Bad_input_becomes_the_error_with_the_usage_and_no_output()
    {
        MagicResult result = MagicResult.Of(Magic, () => throw new MagicError("'x' holds no sequence"));
        Assert.False(result.Succeeded);
        Assert.Empty(result.Displays);
        Assert.Equal("#!rnn-test: 'x' holds no sequence. Usage: #!rnn-test <variable>", result.Error);
    }

    [Fact]
    public void An_argument_the_engine_refuses_is_named_once()
    {
        MagicResult result = MagicResult.Of(Magic, () => throw new ArgumentOutOfRangeException("batchSize", "batchSize must be ≥ 1, got 0."));
        Assert.Equal("#!rnn-test: batchSize must be ≥ 1, got 0. Usage: #!rnn-test <variable>", result.Error);
    }

    [Fact]
    public void An_invalid_operation_of_the_engine_becomes_the_error()
    {
        MagicResult result = MagicResult.Of(Magic, () => throw new InvalidOperationException("The model has not been built."));
        Assert.Equal("#!rnn-test: The model has not been built. Usage: #!rnn-test <variable>", result.Error);
    }

    [Fact]
    public void A_bug_in_a_handler_is_not_disguised_as_bad_input()
    {
        Assert.Throws<NullReferenceException>(() => MagicResult.Of(Magic, () => throw new NullReferenceException()));
    }

    [Fact]
    public void Outputs_are_kept_in_order_and_their_text_is_the_result_text()
    {
        MagicResult result = MagicResult.Show(new MimeBundle().Add(MimeTypes.PlainText, "one"), new MimeBundle().Add(MimeTypes.PlainText, "two"));
        Assert.True(result.Succeeded);
        Assert.Null(result.Error);
        Assert.Equal("one\ntwo", result.ToString());
    }
}
