using Microsoft.DotNet.Interactive.Documents;
using NotebookRnn.Cli.Execution;

namespace NotebookRnn.Cli.Tests.Execution;

public class NotebookParametersTests
{
    private static InteractiveDocument Notebook(string parameters, string other = "var samples = 10;")
    {
        var cell = new InteractiveDocumentElement(parameters, "csharp") { Metadata = new Dictionary<string, object> { ["tags"] = new List<object> { "parameters" } } };
        return new InteractiveDocument([cell, new InteractiveDocumentElement(other, "csharp")]);
    }

    [Fact]
    public void Values_replace_declarations_in_the_parameters_cell_only()
    {
        InteractiveDocument notebook = Notebook("var samples = 6000;   // training sequences\nint epochs = 4;\nvar seed = 42;");
        var applied = NotebookParameters.Apply(notebook, new Dictionary<string, string> { ["samples"] = "500", ["epochs"] = "1" });
        Assert.Equal(["epochs", "samples"], applied.Order());
        Assert.Equal("var samples = 500;   // training sequences\nint epochs = 1;\nvar seed = 42;", notebook.Elements[0].Contents);
        Assert.Equal("var samples = 10;", notebook.Elements[1].Contents);
    }

    [Fact]
    public void A_string_parameter_gets_a_string_literal_with_escapes()
    {
        InteractiveDocument notebook = Notebook("var corpus = \"../../shared/data/nietzsche.txt\";");
        NotebookParameters.Apply(notebook, new Dictionary<string, string> { ["corpus"] = "C:\\data\\a \"b\".txt" });
        Assert.Equal("var corpus = \"C:\\\\data\\\\a \\\"b\\\".txt\";", notebook.Elements[0].Contents);
    }

    [Fact]
    public void Other_values_are_inserted_as_code()
    {
        InteractiveDocument notebook = Notebook("var rate = 0.01;\nvar live = false;\nvar sizes = new[] { 1 };");
        NotebookParameters.Apply(notebook, new Dictionary<string, string> { ["rate"] = "1e-3", ["live"] = "true", ["sizes"] = "new[] { 2, 3 }" });
        Assert.Equal("var rate = 1e-3;\nvar live = true;\nvar sizes = new[] { 2, 3 };", notebook.Elements[0].Contents);
    }

    [Fact]
    public void The_declared_names_are_listed_and_unknown_names_are_not_applied()
    {
        InteractiveDocument notebook = Notebook("var samples = 1;\nconst int epochs = 2;");
        Assert.Equal(["samples", "epochs"], NotebookParameters.Names(notebook));
        Assert.Empty(NotebookParameters.Apply(notebook, new Dictionary<string, string> { ["missing"] = "3" }));
    }

    [Fact]
    public void Tags_read_from_a_notebook_file_are_found()
    {
        string path = Path.Combine(TestPaths.Fixtures, "failing.ipynb");
        InteractiveDocument notebook = Documents.NotebookFile.Read(path);
        Assert.Equal(["size"], NotebookParameters.Names(notebook));
    }
}
