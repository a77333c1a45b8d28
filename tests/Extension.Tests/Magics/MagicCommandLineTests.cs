using NotebookRnn.Notebook.Magics;

namespace NotebookRnn.Notebook.Tests.Magics;

public class MagicCommandLineTests
{
    private static readonly MagicInfo Padding = MagicCommands.Info("#!rnn-padding");

    private static ParsedMagic Bind(string arguments) => MagicCommandLine.Bind(Padding, MagicCommandLine.Split(arguments));

    [Fact]
    public void Words_split_on_spaces_and_double_quotes_keep_spaces()
    {
        Assert.Equal(["#!rnn-padding", "my seqs", "--max-len", "5"], MagicCommandLine.Split("  #!rnn-padding \"my seqs\"   --max-len 5 "));
    }

    [Fact]
    public void An_unclosed_quote_is_an_error() =>
        Assert.Equal("a double quote is not closed", Assert.Throws<MagicError>(() => MagicCommandLine.Split("#!rnn-padding \"seqs")).Message);

    [Fact]
    public void The_bare_word_binds_to_the_implicit_parameter_and_options_take_the_next_word_or_an_equals_value()
    {
        ParsedMagic parsed = Bind("seqs --max-len=auto --padding post");
        Assert.Equal("seqs", parsed.Text("--variable"));
        Assert.Equal("auto", parsed.Text("--max-len"));
        Assert.Equal("post", parsed.Text("--padding"));
    }

    [Fact]
    public void The_implicit_parameter_may_also_be_named() => Assert.Equal("seqs", Bind("--variable seqs").Text("--variable"));

    [Theory]
    [InlineData("seqs --maxlen 4", "unknown option '--maxlen'")]
    [InlineData("seqs --max-len", "--max-len needs a value")]
    [InlineData("seqs --max-len --padding pre", "--max-len needs a value")]
    [InlineData("seqs --padding pre --padding post", "--padding is given twice")]
    [InlineData("seqs other", "unexpected argument 'other'")]
    [InlineData("--max-len 4", "<variable> is missing")]
    public void Bad_arguments_are_named(string arguments, string problem) =>
        Assert.Equal(problem, Assert.Throws<MagicError>(() => Bind(arguments)).Message);

    [Fact]
    public void Integer_and_choice_options_check_their_values()
    {
        Assert.Equal("--buckets must be an integer, got 'two'", Assert.Throws<MagicError>(() => Bind("s --buckets two").Integer("--buckets", 1)).Message);
        Assert.Equal("--buckets must be ≥ 1, got 0", Assert.Throws<MagicError>(() => Bind("s --buckets 0").Integer("--buckets", 1)).Message);
        Assert.Equal("--padding must be pre or post, got 'middle'", Assert.Throws<MagicError>(() => Bind("s --padding middle").Choice("--padding", "pre", "post")).Message);
        Assert.Equal("post", Bind("s --padding POST").Choice("--padding", "pre", "post"));
    }
}
