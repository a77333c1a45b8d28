using NotebookRnn.Cli.Execution;
using NotebookRnn.Cli.Notebooks;
using System.Text.Json.Nodes;

namespace NotebookRnn.Cli.Tests.Execution;

public class NotebookParametersTests
{
    private static JupyterNotebook Notebook(string parameters, string other = "var samples = 10;") => new(
    [
        new NotebookCell("code", parameters, new JsonObject { ["tags"] = new JsonArray("parameters") }),
        new NotebookCell("code", other),
    ]);

    [Fact]
    public void Values_replace_declarations_in_the_parameters_cell_only()
    {
        JupyterNotebook notebook = Notebook("var samples = 6000;   // training sequences\nint epochs = 4;\nvar seed = 42;");
        var applied = NotebookParameters.Apply(notebook, new Dictionary<string, string> { ["samples"] = "500", ["epochs"] = "1" });
        Assert.Equal(["epochs", "samples"], applied.Order());
        Assert.Equal("var samples = 500;   // training sequences\nint epochs = 1;\nvar seed = 42;", notebook.Cells[0].Source);
        Assert.Equal("var samples = 10;", notebook.Cells[1].Source);
    }

    [Fact]
    public void A_string_parameter_gets_a_string_literal_with_escapes()
    {
        JupyterNotebook notebook = Notebook("var corpus = \"../../shared/data/nietzsche.txt\";");
        NotebookParameters.Apply(notebook, new Dictionary<string, string> { ["corpus"] = "C:\\data\\a \"b\".txt" });
        Assert.Equal("var corpus = \"C:\\\\data\\\\a \\\"b\\\".txt\";", notebook.Cells[0].Source);
    }

    [Fact]
    public void Other_values_are_inserted_as_code()
    {
        JupyterNotebook notebook = Notebook("var rate = 0.01;\nvar live = false;\nvar sizes = new[] { 1 };");
        NotebookParameters.Apply(notebook, new Dictionary<string, string> { ["rate"] = "1e-3", ["live"] = "true", ["sizes"] = "new[] { 2, 3 }" });
        Assert.Equal("var rate = 1e-3;\nvar live = true;\nvar sizes = new[] { 2, 3 };", notebook.Cells[0].Source);
    }

    [Fact]
    public void The_declared_names_are_listed_and_unknown_names_are_not_applied()
    {
        JupyterNotebook notebook = Notebook("var samples = 1;\nconst int epochs = 2;");
        Assert.Equal(["samples", "epochs"], NotebookParameters.Names(notebook));
        Assert.Empty(NotebookParameters.Apply(notebook, new Dictionary<string, string> { ["missing"] = "3" }));
    }
}
