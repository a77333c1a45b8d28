using System.Diagnostics;
using NotebookRnn.Cli.Execution;
using Microsoft.DotNet.Interactive.Documents;
using NotebookRnn.Cli.Documents;

namespace NotebookRnn.Cli.Tests;

/// <summary><c>nbrnn run</c> on the deliberately failing fixture, its arguments, and the files it writes.</summary>
public class RunCommandTests
{
    private static string FailingNotebook => Path.Combine(TestPaths.Fixtures, "failing.ipynb");

    private const string ExpectedFailure = "failing.ipynb, cell 5 (line 2): var missing = values[7];\n" +
                                           "IndexOutOfRangeException: Index was outside the bounds of the array.";

    [Fact]
    public async Task A_failing_cell_stops_the_run_with_exit_code_1_and_names_the_cell_and_line()
    {
        string output = TestPaths.NewOutputFolder("failing");
        var (exitCode, _, error) = await RunAsync(FailingNotebook, "--out", output);
        Assert.Equal(RunCommand.CellFailed, exitCode);
        Assert.EndsWith(ExpectedFailure, error.Trim());
    }

    [Fact]
    public async Task The_partly_executed_notebook_and_page_are_written_with_the_error_as_the_cells_output()
    {
        string output = TestPaths.NewOutputFolder("failing-files");
        await RunAsync(FailingNotebook, "--out", output);
        string ipynb = Path.Combine(output, "failing.ipynb");
        Nbformat.AssertValid(ipynb);
        InteractiveDocument executed = NotebookFile.Read(ipynb);
        var failing = executed.Elements[4];
        Assert.Equal("before the failure\n", ((TextElement)failing.Outputs[0]).Text);
        var error = (ErrorElement)failing.Outputs[1];
        Assert.Equal("IndexOutOfRangeException", error.ErrorName);
        Assert.Equal(0, executed.Elements[5].ExecutionOrder);
        string html = await File.ReadAllTextAsync(Path.Combine(output, "failing.html"));
        Assert.Contains("IndexOutOfRangeException: Index was outside the bounds of the array.", html);
        Assert.Contains("<title>A notebook that fails on purpose</title>", html);
    }

    [Fact]
    public async Task The_nbrnn_program_exits_non_zero_with_the_cell_number()
    {
        string output = TestPaths.NewOutputFolder("failing-process");
        var start = new ProcessStartInfo("dotnet")
        {
            ArgumentList = { TestPaths.NbrnnAssembly, "run", FailingNotebook, "--out", output },
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        using Process process = Process.Start(start)!;
        Task<string> standardOutput = process.StandardOutput.ReadToEndAsync();
        string error = await process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        Assert.Equal(1, process.ExitCode);
        Assert.Contains("cell 5 (line 2)", error);
        Assert.EndsWith(ExpectedFailure, error.Trim());
        Assert.Contains("cell 5 FAILED", await standardOutput);
    }

    [Fact]
    public async Task A_parameter_no_notebook_declares_is_an_error_listing_the_declared_ones()
    {
        var (exitCode, _, error) = await RunAsync(FailingNotebook, "--out", TestPaths.NewOutputFolder("unknown-parameter"), "--param", "epochs=1");
        Assert.Equal(RunCommand.BadInput, exitCode);
        Assert.Contains("--param epochs: no parameters cell (tagged \"parameters\") declares it; declared: size.", error);
    }

    [Fact]
    public async Task Parameters_change_what_runs()
    {
        string output = TestPaths.NewOutputFolder("parameter");
        var (exitCode, _, _) = await RunAsync(FailingNotebook, "--out", output, "--param", "size=20");
        Assert.Equal(RunCommand.Succeeded, exitCode);
        InteractiveDocument executed = NotebookFile.Read(Path.Combine(output, "failing.ipynb"));
        Assert.Equal("var size = 20;", executed.Elements[1].Contents);
        Assert.Equal("never run\n", ((TextElement)executed.Elements[5].Outputs.Single()).Text);
    }

    [Theory]
    [InlineData(new[] { "missing.ipynb" }, "No notebook or folder 'missing.ipynb'.")]
    [InlineData(new[] { "x.ipynb", "--param", "1x=2" }, "--param expects name=value with a C# identifier as name, got '1x=2'.")]
    [InlineData(new[] { "x.ipynb", "--out" }, "Required argument missing for option: '--out'.")]
    [InlineData(new[] { "x.ipynb", "--fast" }, "Unrecognized command or argument '--fast'.")]
    [InlineData(new[] { "a.ipynb", "b.ipynb" }, "Unrecognized command or argument 'b.ipynb'.")]
    public async Task Bad_arguments_exit_with_code_2_and_say_why(string[] args, string message)
    {
        var (exitCode, _, error) = await RunAsync(args);
        Assert.Equal(RunCommand.BadInput, exitCode);
        Assert.Contains(message, error);
    }

    [Fact]
    public async Task Writing_over_the_notebooks_own_folder_is_refused()
    {
        var (exitCode, _, error) = await RunAsync(FailingNotebook, "--out", TestPaths.Fixtures);
        Assert.Equal(RunCommand.BadInput, exitCode);
        Assert.Contains("the executed notebook would replace it", error);
    }

    [Theory]
    [InlineData(new string[0], RunCommand.BadInput, "Required command was not provided.")]
    [InlineData(new[] { "--help" }, RunCommand.Succeeded, "run <notebook>")]
    [InlineData(new[] { "run", "--help" }, RunCommand.Succeeded, "--param <param>")]
    [InlineData(new[] { "exec", "x.ipynb" }, RunCommand.BadInput, "Unrecognized command or argument 'exec'.")]
    public async Task The_command_line_explains_itself(string[] args, int expectedExitCode, string message)
    {
        var output = new StringWriter();
        int exitCode = await Nbrnn.MainAsync(args, output, output, interactive: false);
        Assert.Equal(expectedExitCode, exitCode);
        Assert.Contains(message, output.ToString());
    }

    [Fact]
    public async Task A_folders_notebooks_each_run_in_an_nbrnn_process_of_their_own_with_the_parameters_they_declare()
    {
        string folder = TestPaths.NewOutputFolder("two-notebooks"), output = TestPaths.NewOutputFolder("two-notebooks-out");
        foreach (string name in (string[])["a", "b"])
        {
            var parameters = new InteractiveDocumentElement(name == "a" ? "var size = 1;" : "var other = 1;", "csharp")
            {
                Metadata = new Dictionary<string, object> { ["tags"] = new List<object> { "parameters" } },
            };
            var report = new InteractiveDocumentElement("Console.WriteLine($\"{Environment.ProcessId} {(size_or_other())}\");".Replace(
                "size_or_other()", name == "a" ? "size" : "other"), "csharp");
            NotebookFile.Write(new InteractiveDocument([parameters, report]), Path.Combine(folder, name + ".ipynb"));
        }
        var (exitCode, log, error) = await RunAsync(folder, "--out", output, "--param", "size=7");
        Assert.True(exitCode == RunCommand.Succeeded, log + error);
        string[] a = ((TextElement)NotebookFile.Read(Path.Combine(output, "a.ipynb")).Elements[1].Outputs.Single()).Text.Split(' ');
        string[] b = ((TextElement)NotebookFile.Read(Path.Combine(output, "b.ipynb")).Elements[1].Outputs.Single()).Text.Split(' ');
        Assert.Equal(("7\n", "1\n"), (a[1], b[1]));
        Assert.NotEqual(a[0], b[0]);
        Assert.DoesNotContain(Environment.ProcessId.ToString(System.Globalization.CultureInfo.InvariantCulture), new[] { a[0], b[0] });
        Assert.Contains("a.ipynb: done in", log);
        Assert.Contains("b.ipynb: done in", log);
    }

    [Fact]
    public void A_folder_runs_its_notebooks_in_name_order() =>
        Assert.Equal(
            ["01-variable-length.ipynb", "02-unroll.ipynb", "03-cpu-and-devices.ipynb", "04-text-generation.ipynb", "05-seq2seq.ipynb", "06-backends.ipynb"],
            RunCommand.NotebookFiles(TestPaths.Notebooks).Select(Path.GetFileName));

    private static async Task<(int ExitCode, string Output, string Error)> RunAsync(params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        int exitCode = await Nbrnn.MainAsync(["run", .. args], output, error, interactive: false);
        return (exitCode, output.ToString(), error.ToString());
    }
}
