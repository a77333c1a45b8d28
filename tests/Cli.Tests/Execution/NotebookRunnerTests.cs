using Microsoft.DotNet.Interactive.Documents;
using NotebookRnn.Cli.Execution;
using NotebookRnn.Cli.Kernel;
using NotebookRnn.Models;
using NotebookRnn.Training;

namespace NotebookRnn.Cli.Tests.Execution;

/// <summary>Cells run in the real C# kernel, and its events become the cells' nbformat outputs as Jupyter makes them.</summary>
public class NotebookRunnerTests
{
    private const string Html = "text/html", Svg = "image/svg+xml", Plain = "text/plain";

    [Fact]
    public async Task Cells_share_variables_functions_and_usings_like_a_kernel()
    {
        NotebookRunResult result = await NotebookRun.RunAsync(
            "using System.Globalization;\nint Twice(int n) => 2 * n;\nvar start = 20;",
            "Console.WriteLine(Twice(start + 1).ToString(CultureInfo.InvariantCulture));");
        Assert.True(result.Succeeded, result.Failure?.Describe("test"));
        Assert.Equal("42\n", Assert.IsType<TextElement>(Assert.Single(result.Outputs(1))).Text);
        Assert.Equal([1, 2], result.Notebook.Elements.Select(c => c.ExecutionOrder));
    }

    [Fact]
    public async Task The_package_reference_binds_this_build_and_loads_its_extension()
    {
        NotebookRunResult result = await NotebookRun.RunAsync(NotebookRun.LoadPackage + "\nConsole.WriteLine(typeof(Sequential).Assembly.Location);");
        Assert.True(result.Succeeded, result.Failure?.Describe("test"));
        var outputs = result.Outputs(0);
        Assert.Contains($"NotebookRnn, {LocalNotebookRnn.Version}", outputs[0].Form(Html));
        Assert.Equal($"Loading extensions from `{typeof(NotebookRnn.Notebook.NotebookRnnKernelExtension).Assembly.Location}`", outputs[1].Form(Plain));
        Assert.Contains("`#!rnn-padding`", outputs[2].Form("text/markdown"));
        Assert.Equal(typeof(Sequential).Assembly.Location + "\n", Assert.IsType<TextElement>(outputs[3]).Text);
    }

    [Fact]
    public async Task Display_renders_our_objects_with_every_form_of_their_view()
    {
        NotebookRunResult result = await NotebookRun.RunAsync(NotebookRun.LoadPackage + "\ndisplay(new Tensor(2, 3));\ndisplay(\"plain\");");
        var displays = result.Outputs(0).OfType<DisplayElement>().Skip(2).ToList();
        Assert.Equal([Html, Plain], displays[1].MimeTypes());
        Assert.Contains("nbrnn-tensor", displays[1].Form(Html));
        Assert.Equal([Plain], displays[2].MimeTypes());
        Assert.Equal("plain", displays[2].Form(Plain));
    }

    [Fact]
    public async Task The_last_expression_is_an_execute_result_and_charts_carry_html_svg_and_text()
    {
        NotebookRunResult result = await NotebookRun.RunAsync(NotebookRun.LoadPackage,
            """
            var history = new History(32, 1, DateTimeOffset.Now);
            history.AddBatch(new BatchRecord(0, 0, 32, new Dictionary<string, double> { ["loss"] = 0.5 }, TimeSpan.FromSeconds(1), []));
            history.AddEpoch(new EpochRecord(0, new Dictionary<string, double> { ["loss"] = 0.5 }, TimeSpan.FromSeconds(1), 32, 32));
            history
            """);
        var output = Assert.IsType<ReturnValueElement>(Assert.Single(result.Outputs(1)));
        Assert.Equal(2, output.ExecutionOrder);
        Assert.Equal([Html, Svg, Plain], output.MimeTypes());
        Assert.Contains("nbrnn-plotly", output.Form(Html));
        Assert.StartsWith("History: 1/1 epochs", output.Form(Plain));
    }

    [Fact]
    public async Task Other_values_show_as_the_kernel_formats_them_and_statements_show_nothing()
    {
        NotebookRunResult result = await NotebookRun.RunAsync("new[] { 1, 2, 3 }", "var unused = 1;", "\"text\"");
        Assert.Contains("<pre>[ 1, 2, 3 ]</pre>", Assert.Single(result.Outputs(0)).Form(Html));
        Assert.Empty(result.Outputs(1));
        Assert.Equal([Plain], Assert.Single(result.Outputs(2)).MimeTypes());
    }

    [Fact]
    public async Task Console_output_and_displays_keep_their_order()
    {
        NotebookRunResult result = await NotebookRun.RunAsync("Console.WriteLine(\"a\");\nConsole.WriteLine(\"b\");\n\"<b>x</b>\".DisplayAs(\"text/html\");\nConsole.Error.WriteLine(\"warn\");");
        var outputs = result.Outputs(0);
        Assert.Equal("a\nb\n", Assert.IsType<TextElement>(outputs[0]).Text);
        Assert.Equal("<b>x</b>", outputs[1].Form(Html));
        Assert.Equal(("stderr", "warn\n"), (((TextElement)outputs[2]).Name, ((TextElement)outputs[2]).Text));
    }

    [Fact]
    public async Task An_update_replaces_the_output_with_its_display_id_in_an_earlier_cell()
    {
        NotebookRunResult result = await NotebookRun.RunAsync(
            "using Microsoft.DotNet.Interactive;\nvar shown = KernelInvocationContext.Current.Display(\"first\");\nConsole.WriteLine(\"between\");",
            "shown.Update(\"second\");");
        Assert.True(result.Succeeded, result.Failure?.Describe("test"));
        Assert.Equal("second", result.Outputs(0)[0].Form(Plain));
        Assert.IsType<TextElement>(result.Outputs(0)[1]);
        Assert.Empty(result.Outputs(1));
    }

    [Fact]
    public async Task Updating_what_the_display_helper_returned_changes_nothing_as_in_the_kernel()
    {
        // The kernel's display() raises one DisplayedValue and returns another, whose id no output has (1.0.712001).
        NotebookRunResult result = await NotebookRun.RunAsync("var shown = display(\"first\");\nshown.Update(\"second\");");
        Assert.Equal("first", Assert.Single(result.Outputs(0)).Form(Plain));
    }

    [Fact]
    public async Task Magics_run_through_the_extension_with_the_notebooks_variables()
    {
        NotebookRunResult result = await NotebookRun.RunAsync(NotebookRun.LoadPackage,
            "int[][] seqs = [[1, 2], [3, 4, 5, 6], [7]];",
            "#!rnn-padding seqs --max-len 3 --buckets 2\nConsole.WriteLine(\"after\");");
        Assert.True(result.Succeeded, result.Failure?.Describe("test"));
        var outputs = result.Outputs(2);
        Assert.StartsWith("Padding report: 3 sequences", outputs[0].Form(Plain));
        Assert.Equal([Html, Svg, Plain], outputs[0].MimeTypes());
        Assert.Equal("after\n", ((TextElement)outputs[1]).Text);
    }

    [Fact]
    public async Task A_magic_error_fails_the_cell_on_the_magics_line()
    {
        NotebookRunResult result = await NotebookRun.RunAsync(NotebookRun.LoadPackage, "var a = 1;\n#!rnn-padding nothing");
        CellFailure failure = result.Failure!;
        Assert.Equal((2, 2, "#!rnn-padding nothing"), (failure.CellNumber, failure.Line, failure.LineText));
        Assert.StartsWith("#!rnn-padding: unknown variable 'nothing'. Usage: #!rnn-padding <variable>", failure.Message);
    }

    [Fact]
    public async Task A_magic_before_the_package_is_loaded_fails_as_in_the_kernel()
    {
        NotebookRunResult result = await NotebookRun.RunAsync("var a = 1;\n#!rnn-devices");
        Assert.Equal((1, 2), (result.Failure!.CellNumber, result.Failure.Line));
        Assert.Contains("Unknown magic command '#!rnn-devices'", result.Failure.Message);
    }

    [Fact]
    public async Task Live_training_keeps_the_final_history_view_as_the_cells_output()
    {
        NotebookRunResult result = await NotebookRun.RunAsync(NotebookRun.LoadPackage,
            "var model = new Sequential(seed: 1);\nmodel.Add(new Dense(1, inputShape: [2]));\nmodel.Compile(\"sgd\", \"mse\");",
            "#!rnn-live on",
            "var history = model.Fit(new float[,] { { 1, 2 }, { 3, 4 } }, new float[] { 1, 2 }, epochs: 2, verbose: 0);");
        Assert.True(result.Succeeded, result.Failure?.Describe("test"));
        var live = Assert.IsType<DisplayElement>(Assert.Single(result.Outputs(3)));
        Assert.Equal([Html, Svg, Plain], live.MimeTypes());
        Assert.StartsWith("History: 2/2 epochs", live.Form(Plain));
        Assert.Contains("nbrnn-plotly", live.Form(Html));
    }

    [Fact]
    public async Task A_compile_error_names_the_cells_line_and_the_compiler_message()
    {
        NotebookRunResult result = await NotebookRun.RunAsync("var a = 1;", "var b = 2;\nvar c = a + undefinedName;\nvar d = 4;");
        CellFailure failure = result.Failure!;
        Assert.Equal((2, 2, "var c = a + undefinedName;"), (failure.CellNumber, failure.Line, failure.LineText));
        Assert.Equal("CodeSubmissionCompilationErrorException", failure.ExceptionType);
        Assert.Contains("(2,13): error CS0103: The name 'undefinedName' does not exist in the current context", failure.Message);
        Assert.Contains("error CS0103", Assert.IsType<TextElement>(result.Outputs(1)[0]).Text);
    }

    [Fact]
    public async Task A_runtime_error_names_the_failing_line_of_the_cell_not_of_the_function_it_called()
    {
        NotebookRunResult result = await NotebookRun.RunAsync(
            "int Divide(int n)\n{\n    return 10 / n;\n}",
            "var ok = Divide(5);\nvar bad = Divide(0);\nConsole.WriteLine(\"not reached\");",
            "Console.WriteLine(\"not run\");");
        CellFailure failure = result.Failure!;
        Assert.Equal((2, 2, "var bad = Divide(0);"), (failure.CellNumber, failure.Line, failure.LineText));
        Assert.Equal(nameof(DivideByZeroException), failure.ExceptionType);
        var error = Assert.IsType<ErrorElement>(result.Outputs(1).Last());
        Assert.Equal(nameof(DivideByZeroException), error.ErrorName);
        Assert.Equal("test.ipynb, cell 2 (line 2): var bad = Divide(0);", error.StackTrace[0]);
        Assert.Equal(0, result.Notebook.Elements[2].ExecutionOrder);
        Assert.Empty(result.Outputs(2));
    }

    [Fact]
    public async Task A_cell_in_another_language_fails()
    {
        InteractiveDocument notebook = NotebookRun.Of("let x = 1");
        notebook.Elements[0].KernelName = "fsharp";
        NotebookRunResult result = await NotebookRun.RunAsync(notebook);
        Assert.Equal("This cell is fsharp; nbrnn runs C# cells only.", result.Failure!.Message);
    }

    [Fact]
    public async Task Relative_paths_resolve_against_the_working_directory_given()
    {
        string folder = TestPaths.NewOutputFolder("working-directory");
        await File.WriteAllTextAsync(Path.Combine(folder, "data.txt"), "from the notebook's folder");
        string before = Directory.GetCurrentDirectory();
        var result = await NotebookRun.RunAsync(NotebookRun.Of("System.IO.File.ReadAllText(\"data.txt\")"), folder);
        Assert.Equal("from the notebook's folder", result.Outputs(0)[0].Form(Plain));
        Assert.Equal(before, Directory.GetCurrentDirectory());
    }
}
