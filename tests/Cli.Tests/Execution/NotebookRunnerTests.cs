using NotebookRnn.Cli.Execution;
using NotebookRnn.Cli.Notebooks;
using NotebookRnn.Notebook;

namespace NotebookRnn.Cli.Tests.Execution;

public class NotebookRunnerTests
{
    [Fact]
    public async Task Cells_share_variables_functions_and_usings_like_a_kernel()
    {
        NotebookRunResult result = await NotebookRun.RunAsync(
            "using System.Globalization;\nint Twice(int n) => 2 * n;\nvar start = 20;",
            "Console.WriteLine(Twice(start + 1).ToString(CultureInfo.InvariantCulture));");
        Assert.True(result.Succeeded, result.Failure?.Describe("test"));
        Assert.Equal("42\n", Assert.IsType<StreamOutput>(Assert.Single(result.Notebook.Cells[1].Outputs)).Text);
        Assert.Equal([1, 2], result.Notebook.Cells.Select(c => c.ExecutionCount!.Value));
    }

    [Fact]
    public async Task Display_renders_our_objects_through_the_extension_as_mime_bundles()
    {
        NotebookRunResult result = await NotebookRun.RunAsync(NotebookRun.LoadPackage + "\ndisplay(new Tensor(2, 3));\ndisplay(\"plain\");");
        var outputs = result.Notebook.Cells[0].Outputs.Cast<DisplayOutput>().ToList();
        Assert.Equal(MimeBundleOf(Renderers.Render(new Tensor(2, 3))!).MimeTypes, outputs[0].MimeTypes);
        Assert.Contains("nbrnn-tensor", outputs[0].Text(MimeTypes.Html));
        Assert.Equal("display_data", outputs[0].OutputType);
        Assert.Equal([MimeTypes.PlainText], outputs[1].MimeTypes);
        Assert.Equal("plain", outputs[1].Text(MimeTypes.PlainText));
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
        var output = Assert.IsType<DisplayOutput>(Assert.Single(result.Notebook.Cells[1].Outputs));
        Assert.Equal("execute_result", output.OutputType);
        Assert.Equal(2, output.ExecutionCount);
        Assert.Equal(MimeTypes.All, output.MimeTypes);
        Assert.Contains("nbrnn-plotly", output.Text(MimeTypes.Html));
        Assert.StartsWith("History: 1/1 epochs", output.Text(MimeTypes.PlainText));
    }

    [Fact]
    public async Task Other_values_show_as_text_and_statements_show_nothing()
    {
        NotebookRunResult result = await NotebookRun.RunAsync("new[] { 1, 2, 3 }", "var unused = 1;", "Console.Write(\"\")",
            "record Point(int X, int Y);\nnew Point(1, 2)");
        Assert.Equal("[1, 2, 3]", ((DisplayOutput)result.Notebook.Cells[0].Outputs.Single()).Text(MimeTypes.PlainText));
        Assert.Empty(result.Notebook.Cells[1].Outputs);
        Assert.Empty(result.Notebook.Cells[2].Outputs);
        Assert.Equal("Point { X = 1, Y = 2 }", ((DisplayOutput)result.Notebook.Cells[3].Outputs.Single()).Text(MimeTypes.PlainText));
    }

    [Fact]
    public async Task Console_output_and_displays_keep_their_order_and_progress_bars_collapse()
    {
        NotebookRunResult result = await NotebookRun.RunAsync("Console.WriteLine(\"a\");\nConsole.Write(\"1/3\\r2/3\\r3/3\\n\");\ndisplay(HTML(\"<b>x</b>\"));\nConsole.Error.WriteLine(\"warn\");");
        var outputs = result.Notebook.Cells[0].Outputs;
        Assert.Equal("a\n3/3\n", Assert.IsType<StreamOutput>(outputs[0]).Text);
        Assert.Equal("<b>x</b>", Assert.IsType<DisplayOutput>(outputs[1]).Text(MimeTypes.Html));
        Assert.Equal(("stderr", "warn\n"), (((StreamOutput)outputs[2]).Name, ((StreamOutput)outputs[2]).Text));
    }

    [Fact]
    public async Task A_displayed_value_can_be_updated_in_place()
    {
        NotebookRunResult result = await NotebookRun.RunAsync("var shown = display(\"first\");\nConsole.WriteLine(\"between\");\nshown.Update(\"second\");");
        var outputs = result.Notebook.Cells[0].Outputs;
        Assert.Equal("second", ((DisplayOutput)outputs[0]).Text(MimeTypes.PlainText));
        Assert.IsType<StreamOutput>(outputs[1]);
    }

    [Fact]
    public async Task Magics_run_through_the_extension_with_the_notebooks_variables()
    {
        NotebookRunResult result = await NotebookRun.RunAsync(NotebookRun.LoadPackage,
            "int[][] seqs = [[1, 2], [3, 4, 5, 6], [7]];\n#!rnn-padding seqs --max-len 3 --buckets 2\nConsole.WriteLine(\"after\");");
        Assert.True(result.Succeeded, result.Failure?.Describe("test"));
        var outputs = result.Notebook.Cells[1].Outputs;
        Assert.StartsWith("Padding report: 3 sequences", ((DisplayOutput)outputs[0]).Text(MimeTypes.PlainText));
        Assert.Equal("after\n", ((StreamOutput)outputs[1]).Text);
    }

    [Fact]
    public async Task A_magic_error_fails_the_cell_on_the_magics_line()
    {
        NotebookRunResult result = await NotebookRun.RunAsync(NotebookRun.LoadPackage, "var a = 1;\n#!rnn-padding nothing");
        CellFailure failure = result.Failure!;
        Assert.Equal((2, 2, "#!rnn-padding nothing"), (failure.CellNumber, failure.Line, failure.LineText));
        Assert.Equal(nameof(MagicCommandException), failure.ExceptionType);
        Assert.Contains("unknown variable 'nothing'", failure.Message);
    }

    [Fact]
    public async Task A_magic_before_the_package_is_loaded_says_to_load_it()
    {
        NotebookRunResult result = await NotebookRun.RunAsync("#!rnn-devices");
        Assert.Contains("load it first with #r \"nuget: NotebookRnn\"", result.Failure!.Message);
    }

    [Fact]
    public async Task Live_training_keeps_the_final_history_view_as_the_cells_output()
    {
        NotebookRunResult result = await NotebookRun.RunAsync(NotebookRun.LoadPackage,
            "var model = new Sequential(seed: 1);\nmodel.Add(new Dense(1, inputShape: [2]));\nmodel.Compile(\"sgd\", \"mse\");",
            "#!rnn-live on",
            "var history = model.Fit(new float[,] { { 1, 2 }, { 3, 4 } }, new float[] { 1, 2 }, epochs: 2, verbose: 0);");
        Assert.True(result.Succeeded, result.Failure?.Describe("test"));
        var live = Assert.IsType<DisplayOutput>(Assert.Single(result.Notebook.Cells[3].Outputs));
        Assert.StartsWith("History: 2/2 epochs", live.Text(MimeTypes.PlainText));
        Assert.Contains("nbrnn-plotly", live.Text(MimeTypes.Html));
    }

    [Fact]
    public async Task A_compile_error_names_the_cells_line_and_the_compiler_message()
    {
        NotebookRunResult result = await NotebookRun.RunAsync("var a = 1;", "var b = 2;\nvar c = a + undefinedName;\nvar d = 4;");
        CellFailure failure = result.Failure!;
        Assert.Equal((2, 2, "var c = a + undefinedName;"), (failure.CellNumber, failure.Line, failure.LineText));
        Assert.Equal("CompilationErrorException", failure.ExceptionType);
        Assert.Contains("CS0103", failure.Message);
    }

    [Fact]
    public async Task A_runtime_error_names_the_failing_line_of_the_cell_even_below_a_directive()
    {
        NotebookRunResult result = await NotebookRun.RunAsync(
            "int Divide(int n) => 10 / n;",
            "#!csharp\nvar ok = Divide(5);\nvar bad = Divide(0);\nConsole.WriteLine(\"not reached\");",
            "Console.WriteLine(\"not run\");");
        CellFailure failure = result.Failure!;
        Assert.Equal((2, 3, "var bad = Divide(0);"), (failure.CellNumber, failure.Line, failure.LineText));
        Assert.Equal(nameof(DivideByZeroException), failure.ExceptionType);
        var error = Assert.IsType<ErrorOutput>(result.Notebook.Cells[1].Outputs.Last());
        Assert.Equal(nameof(DivideByZeroException), error.Name);
        Assert.Equal("test.ipynb, cell 2 (line 3): var bad = Divide(0);", error.Traceback[0]);
        Assert.Null(result.Notebook.Cells[2].ExecutionCount);
        Assert.Empty(result.Notebook.Cells[2].Outputs);
    }

    [Fact]
    public async Task A_cell_in_another_language_fails()
    {
        JupyterNotebook notebook = NotebookRun.Of("let x = 1");
        notebook.Cells[0].Metadata["polyglot_notebook"] = new System.Text.Json.Nodes.JsonObject { ["kernelName"] = "fsharp" };
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
        Assert.Equal("from the notebook's folder", ((DisplayOutput)result.Notebook.Cells[0].Outputs[0]).Text(MimeTypes.PlainText));
        Assert.Equal(before, Directory.GetCurrentDirectory());
    }

    private static DisplayOutput MimeBundleOf(MimeBundle bundle) => DisplayOutput.FromBundle(bundle);
}
