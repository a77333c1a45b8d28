using Microsoft.DotNet.Interactive.Documents;
using JupyterNotebook = Microsoft.DotNet.Interactive.Documents.Jupyter.Notebook;

namespace NotebookRnn.Cli.Documents;

/// <summary>
/// Reads and writes <c>.ipynb</c> files through <c>Microsoft.DotNet.Interactive.Documents</c>, as the kernel's own
/// tools do: C# and Markdown cells, cell ids and metadata kept, nbformat 4.5 written. A cell without an id gets one.
/// </summary>
internal static class NotebookFile
{
    /// <summary>The kernels a notebook's cells may name: C# (the default) and Markdown.</summary>
    public static KernelInfoCollection Kernels { get; } = CreateKernels();

    /// <summary>Reads <paramref name="path"/>.</summary>
    /// <exception cref="FormatException">The file is not a notebook; the message names it.</exception>
    public static InteractiveDocument Read(string path)
    {
        try
        {
            using FileStream stream = File.OpenRead(path);
            return JupyterNotebook.Read(stream, Kernels);
        }
        catch (System.Text.Json.JsonException error)
        {
            throw new FormatException($"{path} is not a Jupyter notebook: {error.Message}", error);
        }
    }

    /// <summary>Writes <paramref name="notebook"/> to <paramref name="path"/> as nbformat 4.5, assigning missing cell ids.</summary>
    public static void Write(InteractiveDocument notebook, string path)
    {
        foreach (InteractiveDocumentElement cell in notebook.Elements) cell.Id ??= Guid.NewGuid().ToString("N")[..12];
        using FileStream stream = File.Create(path);
        JupyterNotebook.Write(notebook, stream, Kernels);
    }

    private static KernelInfoCollection CreateKernels()
    {
        var kernels = new KernelInfoCollection
        {
            new KernelInfo("csharp", "C#", ["c#", "C#"]),
            new KernelInfo("markdown", "Markdown", ["md"]),
        };
        kernels.DefaultKernelName = "csharp";
        return kernels;
    }
}
