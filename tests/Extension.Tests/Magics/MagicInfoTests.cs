using NotebookRnn.Notebook.Magics;

namespace NotebookRnn.Notebook.Tests.Magics;

/// <summary>The one-line error of a magic (the kernel tests check each magic's errors through the kernel).</summary>
public class MagicInfoTests
{
    private static readonly MagicInfo Magic = new("#!rnn-test", "#!rnn-test <variable>", "A test magic.", []);

    [Fact]
    public void An_error_names_the_magic_and_the_problem_then_the_usage()
    {
        Assert.Equal("#!rnn-test: unknown variable 'x'. Usage: #!rnn-test <variable>", Magic.Error("unknown variable 'x'"));
    }

    [Fact]
    public void A_problem_over_several_lines_becomes_one_line_ending_in_one_period()
    {
        Assert.Equal("#!rnn-test: x has shape (2, 3) but the model expects (None, 4). Usage: #!rnn-test <variable>",
            Magic.Error("x has shape (2, 3)\n  but the model expects (None, 4).\r\n"));
    }
}
