using NotebookRnn.Cli.Execution;
using NotebookRnn.Cli.Notebooks;

namespace NotebookRnn.Cli.Tests.TeachingNotebooks;

/// <summary>The teaching notebooks as committed: .NET Interactive's C# metadata, the package loaded first, a parameters cell.</summary>
public class NotebookSourcesTests
{
    public static TheoryData<string> Notebooks => [.. Directory.GetFiles(TestPaths.Notebooks, "*.ipynb").Select(path => Path.GetFileName(path))];

    [Theory]
    [MemberData(nameof(Notebooks))]
    public void The_notebook_is_valid_nbformat_4_with_the_csharp_kernel_metadata(string file)
    {
        string path = Path.Combine(TestPaths.Notebooks, file);
        Nbformat.AssertValid(path);
        JupyterNotebook notebook = JupyterNotebook.Read(path);
        Assert.Equal(".net-csharp", (string?)notebook.Metadata["kernelspec"]!["name"]);
        Assert.Equal("polyglot-notebook", (string?)notebook.Metadata["language_info"]!["name"]);
        Assert.Equal("csharp", (string?)notebook.Metadata["polyglot_notebook"]!["kernelInfo"]!["defaultKernelName"]);
        Assert.All(notebook.Cells.Where(c => c.IsCode), cell =>
        {
            Assert.Equal("csharp", cell.KernelName);
            Assert.Null(cell.ExecutionCount);
            Assert.Empty(cell.Outputs);
        });
    }

    [Theory]
    [MemberData(nameof(Notebooks))]
    public void The_first_code_cell_loads_the_package_and_a_parameters_cell_follows(string file)
    {
        JupyterNotebook notebook = JupyterNotebook.Read(Path.Combine(TestPaths.Notebooks, file));
        var code = notebook.Cells.Where(c => c.IsCode).ToList();
        Assert.StartsWith("#i \"nuget: ../out/packages\"\n#r \"nuget: NotebookRnn\"\n", code[0].Source);
        Assert.Equal(["parameters"], code[1].Tags);
        Assert.NotEmpty(NotebookParameters.Names(notebook));
        Assert.StartsWith("# ", notebook.Cells[0].Source);
    }
}
