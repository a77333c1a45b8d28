using NotebookRnn.Models;
using NotebookRnn.Notebook.Views;

namespace NotebookRnn.Notebook.Magics;

/// <summary>
/// <c>#!rnn-graph &lt;modelVariable&gt;</c>: the model's graph (Keras's <c>plot_model</c>), a box per layer call with its
/// shapes and an arrow per tensor, masks dashed and recurrent states handed over labelled.
/// </summary>
internal static class GraphMagic
{
    public static MagicInfo Info { get; } = new("#!rnn-graph",
        "#!rnn-graph <modelVariable>",
        "Draws a model's graph: a box per layer call with its shapes, arrows for tensors, masks dashed, recurrent states (h, c) labelled.",
        [new("--model", Implicit: true, Required: true, "a model, functional or Sequential")]);

    public static MagicResult Run(RnnGraphCommand command, IVariableLookup variables) =>
        MagicResult.Of(Info, () =>
        {
            string name = MagicVariables.Name(command.Model, "<modelVariable>");
            object value = MagicVariables.Require(variables, name);
            return value is Model model
                ? MagicResult.Show(ModelGraphView.Render(model))
                : throw new MagicError($"{MagicVariables.Is(name, value)}, expected a model");
        });
}
