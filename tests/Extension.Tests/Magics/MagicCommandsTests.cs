using NotebookRnn.Notebook.Magics;

namespace NotebookRnn.Notebook.Tests.Magics;

public class MagicCommandsTests
{
    [Fact]
    public void There_are_five_magics_each_with_a_usage_that_starts_with_its_name()
    {
        Assert.Equal(["#!rnn-padding", "#!rnn-unroll", "#!rnn-devices", "#!rnn-live", "#!rnn-summary"], MagicCommands.All.Select(m => m.Name));
        Assert.All(MagicCommands.All, m => Assert.StartsWith(m.Name, m.Usage));
    }

    [Fact]
    public void An_unknown_magic_lists_the_known_ones()
    {
        MagicResult result = new MagicTestKit().Run("#!rnn-paddle seqs");
        Assert.Equal("Unknown magic command '#!rnn-paddle'; known: #!rnn-padding, #!rnn-unroll, #!rnn-devices, #!rnn-live, #!rnn-summary.", result.Error);
    }

    [Fact]
    public void An_error_is_one_line_naming_the_problem_then_the_usage()
    {
        Assert.Equal("#!rnn-padding: unknown variable 'seqs'. Usage: #!rnn-padding <variable> [--max-len N|auto] [--padding pre|post] [--truncating pre|post] [--buckets K]",
            new MagicTestKit().Fail("#!rnn-padding seqs"));
    }

    private sealed class PaddingCommand
    {
        public string? Variable { get; set; } = "seqs";
        public string? MaxLen { get; set; } = "auto";
        public string? Padding { get; set; }
        public int? Buckets { get; set; } = 3;
        public bool Verbose { get; set; } = true;
        public bool Quiet { get; set; }
    }

    private sealed class DerivedCommand : Base
    {
        public string? Use { get; set; } = "cpu:0, cpu:1";
    }

    private class Base
    {
        public string Token { get; set; } = "inherited, left out";
    }

    [Fact]
    public void A_bound_command_object_turns_back_into_a_command_line()
    {
        Assert.Equal("#!rnn-padding --variable seqs --max-len auto --buckets 3 --verbose", MagicCommands.CommandLine("#!rnn-padding", new PaddingCommand()));
        Assert.Equal("#!rnn-devices --use \"cpu:0, cpu:1\"", MagicCommands.CommandLine("#!rnn-devices", new DerivedCommand()));
    }

    [Fact]
    public void The_line_of_a_bound_command_runs_like_the_typed_line()
    {
        var kit = new MagicTestKit().With("seqs", Fixtures.Tokens());
        var command = new PaddingCommand { Verbose = false };
        Assert.Equal(kit.Show("#!rnn-padding seqs --max-len auto --buckets 3").PlainText, kit.Show(MagicCommands.CommandLine("#!rnn-padding", command)).PlainText);
    }
}
