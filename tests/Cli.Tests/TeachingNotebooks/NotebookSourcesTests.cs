using System.Text.Json.Nodes;
using Microsoft.DotNet.Interactive.Documents;
using NotebookRnn.Cli.Documents;
using NotebookRnn.Cli.Execution;

namespace NotebookRnn.Cli.Tests.TeachingNotebooks;

/// <summary>The teaching notebooks as committed: .NET Interactive's C# metadata, the package loaded first, a parameters cell.</summary>
public class NotebookSourcesTests
{
    public static TheoryData<string> Notebooks => [.. Directory.GetFiles(TestPaths.Notebooks, "*.ipynb").Select(path => Path.GetFileName(path))];

    [Theory]
    [MemberData(nameof(Notebooks))]
    public void The_notebook_is_valid_nbformat_4_with_the_csharp_kernel_metadata_and_no_outputs(string file)
    {
        string path = Path.Combine(TestPaths.Notebooks, file);
        Nbformat.AssertValid(path);
        JsonNode notebook = JsonNode.Parse(File.ReadAllText(path))!;
        Assert.Equal(".net-csharp", (string?)notebook["metadata"]!["kernelspec"]!["name"]);
        Assert.Equal("csharp", (string?)notebook["metadata"]!["polyglot_notebook"]!["kernelInfo"]!["defaultKernelName"]);
        Assert.All(notebook["cells"]!.AsArray().Where(c => (string?)c!["cell_type"] == "code"), cell =>
        {
            Assert.Equal("csharp", (string?)cell!["metadata"]!["polyglot_notebook"]!["kernelName"]);
            Assert.Null(cell["execution_count"]);
            Assert.Empty(cell["outputs"]!.AsArray());
        });
    }

    [Theory]
    [MemberData(nameof(Notebooks))]
    public void The_first_code_cell_loads_the_package_as_from_a_feed_and_a_parameters_cell_follows(string file)
    {
        InteractiveDocument notebook = NotebookFile.Read(Path.Combine(TestPaths.Notebooks, file));
        var code = notebook.Elements.Where(c => c.KernelName == "csharp").ToList();
        Assert.Equal("#r \"nuget: NotebookRnn\"", code[0].Contents.Split('\n')[0]);
        Assert.DoesNotContain(notebook.Elements, c => c.Contents.Contains("#i ", StringComparison.Ordinal));
        Assert.Equal(["parameters"], NotebookParameters.Tags(code[1]));
        Assert.NotEmpty(NotebookParameters.Names(notebook));
        Assert.StartsWith("# ", notebook.Elements[0].Contents);
    }
}
