using NotebookRnn.Cli.Execution;

namespace NotebookRnn.Cli.Tests.Execution;

public class KernelDirectivesTests
{
    [Fact]
    public void Package_source_and_NotebookRnn_reference_leave_blank_lines_so_code_keeps_its_line_numbers()
    {
        var parts = KernelDirectives.Split("#i \"nuget: ../out/packages\"\n#r \"nuget: NotebookRnn\"\nusing NotebookRnn;\nvar x = 1;");
        Assert.Equal([new PackagePart(2), new CodePart("using NotebookRnn;\nvar x = 1;", 3)], parts);
    }

    [Theory]
    [InlineData("#r \"nuget: NotebookRnn\"")]
    [InlineData("#r \"nuget: NotebookRnn, 0.1.0\"")]
    [InlineData("#r \"nuget:notebookrnn,*-*\"")]
    public void The_NotebookRnn_reference_binds_with_or_without_a_version(string line) =>
        Assert.Equal([new PackagePart(1)], KernelDirectives.Split(line));

    [Fact]
    public void Another_package_fails_with_the_line_and_what_nbrnn_does_instead()
    {
        var error = Assert.Throws<DirectiveException>(() => KernelDirectives.Split("var a = 1;\n#r \"nuget: Newtonsoft.Json, 13.0.3\""));
        Assert.Equal(2, error.Line);
        Assert.Contains("Newtonsoft.Json", error.Message);
        Assert.Contains("does not download packages", error.Message);
    }

    [Fact]
    public void Magic_lines_split_the_cell_into_code_and_magic_parts_in_order()
    {
        var parts = KernelDirectives.Split("var seqs = Make();\n#!rnn-padding seqs --max-len auto\n\nConsole.WriteLine(1);");
        Assert.Equal(
            [new CodePart("var seqs = Make();", 1), new MagicPart("#!rnn-padding seqs --max-len auto", 2), new CodePart("\nConsole.WriteLine(1);", 3)],
            parts);
    }

    [Theory]
    [InlineData("#!csharp")]
    [InlineData("#!c#")]
    [InlineData("#!time")]
    public void Harmless_kernel_directives_are_ignored(string directive) =>
        Assert.Equal([new CodePart("\nvar a = 1;", 1)], KernelDirectives.Split(directive + "\nvar a = 1;"));

    [Theory]
    [InlineData("#!fsharp")]
    [InlineData("#!set --name x --value 1")]
    public void Other_kernel_directives_fail_naming_the_directive(string directive)
    {
        var error = Assert.Throws<DirectiveException>(() => KernelDirectives.Split("// first\n" + directive));
        Assert.Equal(2, error.Line);
        Assert.StartsWith(directive.Split(' ')[0] + " is not supported", error.Message);
    }

    [Fact]
    public void A_cell_of_only_directives_or_whitespace_has_no_code_part() =>
        Assert.Equal([new PackagePart(2)], KernelDirectives.Split("#!csharp\n#r \"nuget: NotebookRnn\"\n   \n"));
}
