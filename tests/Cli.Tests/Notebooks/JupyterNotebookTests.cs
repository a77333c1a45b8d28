using System.Text.Json.Nodes;
using NotebookRnn.Cli.Notebooks;
using NotebookRnn.Notebook;

namespace NotebookRnn.Cli.Tests.Notebooks;

public class JupyterNotebookTests
{
    // A notebook as .NET Interactive writes it (nbformat 4.2, no cell ids), with fields nbrnn does not interpret.
    private const string PolyglotNotebook = """
        {
         "cells": [
          { "cell_type": "markdown", "metadata": {}, "source": ["# Title\n", "Prose."], "attachments": { "a.png": { "image/png": "AAAA" } } },
          {
           "cell_type": "code", "execution_count": 3,
           "metadata": { "dotnet_interactive": { "language": "csharp" }, "polyglot_notebook": { "kernelName": "csharp" }, "tags": ["parameters"] },
           "outputs": [
            { "output_type": "stream", "name": "stdout", "text": ["one\n", "two\n"] },
            { "output_type": "execute_result", "execution_count": 3, "data": { "text/plain": "6", "application/json": { "n": 6 } }, "metadata": {} },
            { "output_type": "future_kind", "payload": 1 }
           ],
           "source": "var n = 6;\nn"
          }
         ],
         "metadata": {
          "kernelspec": { "display_name": ".NET (C#)", "language": "C#", "name": ".net-csharp" },
          "language_info": { "name": "polyglot-notebook" },
          "polyglot_notebook": { "kernelInfo": { "defaultKernelName": "csharp", "items": [ { "aliases": [], "name": "csharp" } ] } },
          "custom": { "kept": true }
         },
         "nbformat": 4,
         "nbformat_minor": 2
        }
        """;

    [Fact]
    public void Reading_and_writing_keeps_metadata_sources_outputs_and_unknown_fields()
    {
        JupyterNotebook notebook = JupyterNotebook.Parse(PolyglotNotebook);
        JsonObject written = JsonNode.Parse(notebook.ToJson())!.AsObject();

        Assert.Equal(".net-csharp", (string?)written["metadata"]!["kernelspec"]!["name"]);
        Assert.True((bool)written["metadata"]!["custom"]!["kept"]!);
        Assert.Equal(5, (int)written["nbformat_minor"]!);
        JsonObject markdown = written["cells"]![0]!.AsObject(), code = written["cells"]![1]!.AsObject();
        Assert.Equal("AAAA", (string?)markdown["attachments"]!["a.png"]!["image/png"]);
        Assert.Equal(["var n = 6;\n", "n"], code["source"]!.AsArray().Select(l => (string)l!));
        Assert.Equal("csharp", (string?)code["metadata"]!["polyglot_notebook"]!["kernelName"]);
        Assert.Equal(["stream", "execute_result", "future_kind"], code["outputs"]!.AsArray().Select(o => (string)o!["output_type"]!));
        Assert.Equal(6, (int)code["outputs"]![1]!["data"]!["application/json"]!["n"]!);
        Assert.Equal(1, (int)code["outputs"]![2]!["payload"]!);
        Assert.All(written["cells"]!.AsArray(), cell => Assert.Matches("^[a-zA-Z0-9-_]{1,64}$", (string)cell!["id"]!));
    }

    [Fact]
    public void A_written_notebook_reads_back_the_same()
    {
        JupyterNotebook notebook = JupyterNotebook.Parse(PolyglotNotebook);
        string once = notebook.ToJson();
        Assert.Equal(once, JupyterNotebook.Parse(once).ToJson());
    }

    [Fact]
    public void The_cell_model_exposes_tags_language_and_text_outputs()
    {
        NotebookCell code = JupyterNotebook.Parse(PolyglotNotebook).Cells[1];
        Assert.Equal(["parameters"], code.Tags);
        Assert.Equal("csharp", code.KernelName);
        Assert.Equal("one\ntwo\n", ((StreamOutput)code.Outputs[0]).Text);
        var result = (DisplayOutput)code.Outputs[1];
        Assert.Equal(3, result.ExecutionCount);
        Assert.Equal("6", result.Text(MimeTypes.PlainText));
        Assert.Null(result.Text("application/json"));
    }

    [Fact]
    public void A_mime_bundle_becomes_display_data_with_every_form_as_lines()
    {
        var bundle = new MimeBundle().Add(MimeTypes.Html, "<b>a</b>\n<i>b</i>").Add(MimeTypes.PlainText, "a b");
        JsonObject display = DisplayOutput.FromBundle(bundle).ToJson();
        Assert.Equal("display_data", (string?)display["output_type"]);
        Assert.Equal(["<b>a</b>\n", "<i>b</i>"], display["data"]!["text/html"]!.AsArray().Select(l => (string)l!));
        Assert.Null(display["execution_count"]);
        Assert.Equal(4, (int)DisplayOutput.FromBundle(bundle, executionCount: 4).ToJson()["execution_count"]!);
    }

    [Theory]
    [InlineData("not json", "is not valid JSON")]
    [InlineData("""{"nbformat": 3, "cells": []}""", "nbformat 3; nbrnn reads nbformat 4")]
    [InlineData("""{"nbformat": 4}""", "has no cells array")]
    [InlineData("""{"nbformat": 4, "cells": [{"source": "x"}]}""", "Cell 1 has no cell_type")]
    public void Malformed_notebooks_are_reported_with_their_name(string json, string problem)
    {
        var error = Assert.Throws<FormatException>(() => JupyterNotebook.Parse(json, "bad.ipynb"));
        Assert.Contains("bad.ipynb", error.Message);
        Assert.Contains(problem, error.Message);
    }
}
